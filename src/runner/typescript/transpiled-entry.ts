/**
 * A TypeScript workload as it would ship: its files transpiled ahead of the run (emit.ts) into a
 * mirror of the program (overlay.ts), so the profiled process is plain Node running JavaScript with
 * no loader: no module-hooks thread, no transpiler in the profile, the module loading of shipped
 * code. Source maps point every frame back at its `.ts` line.
 *
 * The mirror is kept between runs in the cache, one per entry script, with the stamps of what it
 * was made from: while no file of the program and no folder of the mirror changed, a run reuses it
 * with a few `stat`s and no esbuild at all.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { writeFileAtomic } from '../../util/write-atomic.js';
import { discoverProgram, type ImportGraph } from './discover.js';
import { emitProgram } from './emit.js';
import { outputNameOf, packageDirOf, TYPESCRIPT_FILE } from './module-kind.js';
import { buildOverlay, mirrorOf } from './overlay.js';
import { scriptUrlsIn } from './rewrite-specifiers.js';

/** Bumped when what the mirror holds changes shape, so that older mirrors are rebuilt. */
const MIRROR_FORMAT = `2/esbuild-${esbuildVersion}/node-${process.versions.node}`;

interface Manifest {
  format: string;
  main: string;
  /** Every file and real folder the mirror was made from, with its stamp then. */
  stamps: Record<string, string>;
}

export function transpileCacheDir(): string {
  return join(tmpdir(), `perfsuite-ts-${process.getuid?.() ?? 'user'}`);
}

const ownFile = (file: string): boolean => !file.split(sep).includes('node_modules');

async function stampOf(path: string): Promise<string> {
  const s = await stat(path).catch(() => undefined);
  return s ? `${s.mtimeMs}:${s.size}` : 'missing';
}

async function stampsOf(paths: Iterable<string>): Promise<Record<string, string>> {
  const list = [...paths];
  const stamps = await Promise.all(list.map(stampOf));
  return Object.fromEntries(list.map((path, i) => [path, stamps[i] as string]));
}

async function upToDate(manifest: Manifest | undefined): Promise<boolean> {
  if (manifest?.format !== MIRROR_FORMAT) return false;
  const now = await stampsOf(Object.keys(manifest.stamps));
  return Object.entries(manifest.stamps).every(([path, stamp]) => now[path] === stamp);
}

/** The program reached from `script`, with the worker and child scripts it starts by URL (rewrite-specifiers.ts). */
async function discoverWithScripts(script: string): Promise<ImportGraph> {
  const entries = [script];
  for (;;) {
    const graph = await discoverProgram(entries);
    const started = new Set<string>();
    for (const file of graph.keys()) {
      if (!TYPESCRIPT_FILE.test(file) || !ownFile(file)) continue;
      for (const url of scriptUrlsIn(await readFile(file, 'utf8'), file))
        if (!graph.has(url)) started.add(url);
    }
    if (started.size === 0) return graph;
    entries.push(...started);
  }
}

function commonDir(paths: string[]): string {
  let common = dirname(paths[0] as string);
  for (const path of paths)
    while (!`${path}/`.startsWith(`${common === '/' ? '' : common}/`)) common = dirname(common);
  return common;
}

async function build(script: string, base: string): Promise<Manifest> {
  const graph = await discoverWithScripts(script);
  const own = [...graph.keys()].filter(ownFile);
  const sources = own.filter((file) => TYPESCRIPT_FILE.test(file));
  const emitted = await emitProgram(sources, graph);
  // The whole package is mirrored, so that the package resolves its own name (`exports`) from the mirror.
  const packageDir = packageDirOf(dirname(script));
  const root = commonDir([script, ...own, ...(packageDir ? [join(packageDir, 'package.json')] : [])]);
  const real = await buildOverlay(base, root, emitted);
  return {
    format: MIRROR_FORMAT,
    main: mirrorOf(base, outputNameOf(script)),
    stamps: await stampsOf([...own, ...real]),
  };
}

const prepared = new Map<string, Promise<string>>();

/** The path of `script`'s shipped output in its mirror, made or brought up to date (once per script per process). */
export function transpiledEntry(script: string): Promise<string> {
  let entry = prepared.get(script);
  if (!entry) {
    entry = prepare(script);
    prepared.set(script, entry);
    // A failure is not kept: the next run tries again (the user may have fixed the file).
    entry.catch(() => prepared.delete(script));
  }
  return entry;
}

async function prepare(script: string): Promise<string> {
  const base = join(transpileCacheDir(), createHash('sha1').update(script).digest('hex').slice(0, 16));
  const manifestPath = join(base, 'manifest.json');
  const kept = await readFile(manifestPath, 'utf8')
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => undefined);
  if (kept && (await stat(kept.main).catch(() => undefined)) && (await upToDate(kept))) return kept.main;
  const manifest = await build(script, base);
  await writeFileAtomic(manifestPath, JSON.stringify(manifest));
  return manifest.main;
}
