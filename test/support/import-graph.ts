/**
 * The import graph of a source tree, read from its files' import lines by TypeScript's own
 * pre-processor (`ts.preProcessFile`: static imports, re-exports, `import()` and `require()`, type-only
 * imports too, never fooled by a comment or a string), for the layering rules of import-rules.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import type { ImportGraph } from './import-rules.js';

const SOURCE = /\.c?ts$/;
const TEST = /\.test\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) && !TEST.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The source file a relative specifier names: `./x.js` is `x.ts`, `./x.cjs` is `x.cts`. */
function resolveSpecifier(root: string, fromFile: string, specifier: string): string | undefined {
  const base = join(dirname(join(root, fromFile)), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.cjs$/, '.cts'), base, `${base}.ts`];
  const found = candidates.find((c) => SOURCE.test(c) && existsSync(c));
  return found === undefined ? undefined : relative(root, found).split(sep).join(posix.sep);
}

/**
 * Every source file under `root` (tests left out: they may reach across floors to set things up)
 * with the files of the tree it imports. Imports that leave the tree (packages, node:) are not edges.
 */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, Set<string>>();
  for (const path of sourceFiles(root)) {
    const file = relative(root, path).split(sep).join(posix.sep);
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveSpecifier(root, file, fileName);
      if (target === undefined) throw new Error(`${file}: cannot resolve import "${fileName}"`);
      targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}
