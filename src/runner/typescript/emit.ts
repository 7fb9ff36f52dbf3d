/**
 * Each TypeScript file of the program as the JavaScript it would ship as: transpiled alone (no
 * bundling, so module loading stays the program's), in the module system its output file runs in,
 * with the tsconfig esbuild finds for it, its imports pointed at the other outputs, and an external
 * source map whose source is the original file, so profiles and stack traces show `.ts` lines.
 */

import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ImportGraph } from './discover.js';
import { formatOf, type ModuleFormat, outputNameOf } from './module-kind.js';
import { rewriteImports, rewriteScriptUrls } from './rewrite-specifiers.js';

/** One output: the file it ships as (beside its source), its code and its source map. */
export interface Emitted {
  source: string;
  output: string;
  code: string;
  map: string;
}

async function emitGroup(
  files: string[],
  format: ModuleFormat,
): Promise<Map<string, { code: string; map: string }>> {
  // Entries by index, so that `a.ts` and `a.mts` of one folder cannot meet in one output name.
  const entryPoints = Object.fromEntries(files.map((file, i) => [`f${i}`, file]));
  const { outputFiles } = await build({
    entryPoints,
    bundle: false,
    write: false,
    format,
    platform: 'node',
    target: `node${process.versions.node}`,
    sourcemap: 'external',
    sourcesContent: false,
    outdir: '/perfsuite-emit-out',
    absWorkingDir: '/',
    logLevel: 'silent',
  });
  const texts = new Map(outputFiles.map((f) => [basename(f.path), f.text]));
  return new Map(
    files.map((file, i) => [
      file,
      { code: texts.get(`f${i}.js`) ?? '', map: texts.get(`f${i}.js.map`) ?? '{}' },
    ]),
  );
}

export async function emitProgram(files: string[], graph: ImportGraph): Promise<Emitted[]> {
  const byFormat = new Map<ModuleFormat, string[]>();
  for (const file of files) byFormat.set(formatOf(file), [...(byFormat.get(formatOf(file)) ?? []), file]);
  const emitted = new Set(files);
  const results: Emitted[] = [];
  for (const [format, group] of byFormat) {
    for (const [source, { code, map }] of await emitGroup(group, format)) {
      const output = outputNameOf(source);
      const shipped = rewriteScriptUrls(
        rewriteImports(code, source, graph.get(source) ?? []),
        source,
        emitted,
      );
      const sourceMap = { ...(JSON.parse(map) as object), sources: [pathToFileURL(source).href] };
      results.push({
        source,
        output,
        code: `${shipped}//# sourceMappingURL=${basename(output)}.map\n`,
        map: JSON.stringify(sourceMap),
      });
    }
  }
  return results;
}
