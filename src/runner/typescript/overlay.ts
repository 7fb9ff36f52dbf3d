/**
 * The shipped program as a folder tree Node can run with no loader: a mirror of the program's
 * folders (under the cache, at the same absolute paths) where each TypeScript file's output stands
 * beside its source and every other entry is a symlink to the original. So relative imports, files
 * read beside the code (`new URL('./data.json', import.meta.url)`, `__dirname`), package.json
 * `type` and `imports`, and `node_modules` all resolve as they would in the project itself. Above
 * the program's root only `node_modules` and `package.json` are linked, for Node's upward search.
 *
 * Every write replaces a file or link by rename, so another perfsuite preparing the same program at
 * the same time, or a workload already running from the mirror, never sees a half-made entry.
 */
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Emitted } from './emit.js';

export const mirrorOf = (base: string, path: string): string => join(base, 'tree', path);

async function replaceWith(path: string, make: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await rm(tmp, { force: true, recursive: true });
  await make(tmp);
  try {
    await rename(tmp, path);
  } catch (error) {
    // A folder of an earlier mirror where a link now belongs: rename cannot replace a folder.
    if (
      (error as NodeJS.ErrnoException).code !== 'EISDIR' &&
      (error as NodeJS.ErrnoException).code !== 'ENOTEMPTY'
    ) {
      throw error;
    }
    await rm(path, { recursive: true, force: true });
    await rename(tmp, path);
  }
}

async function ensureLink(link: string, target: string): Promise<void> {
  const current = await readlink(link).catch(() => undefined);
  if (current !== target) await replaceWith(link, (tmp) => symlink(target, tmp));
}

async function ensureFile(path: string, text: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current !== text) await replaceWith(path, (tmp) => writeFile(tmp, text));
}

async function ensureDir(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isDirectory()) return;
  if (stats) await rm(path, { force: true });
  await mkdir(path, { recursive: true });
}

/** The folders that hold outputs, and every folder between them and the root: these are real in the mirror. */
export function overlaidDirs(root: string, outputs: readonly string[]): Set<string> {
  const dirs = new Set<string>([root]);
  for (const output of outputs) {
    for (let dir = dirname(output); dir.startsWith(root) && !dirs.has(dir); dir = dirname(dir)) dirs.add(dir);
  }
  return dirs;
}

async function linkAncestors(base: string, root: string): Promise<void> {
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    await ensureDir(mirrorOf(base, dir));
    for (const name of ['node_modules', 'package.json']) {
      const original = join(dir, name);
      if (await lstat(original).catch(() => undefined)) await ensureLink(mirrorOf(base, original), original);
    }
    if (dirname(dir) === dir) return;
  }
}

async function overlayDir(
  base: string,
  dir: string,
  real: Set<string>,
  files: Map<string, string>,
): Promise<void> {
  const mirror = mirrorOf(base, dir);
  await ensureDir(mirror);
  const wanted = new Set<string>();
  for (const name of await readdir(dir)) {
    const original = join(dir, name);
    wanted.add(name);
    if (real.has(original) || files.has(original)) continue;
    await ensureLink(join(mirror, name), original);
  }
  for (const [path, text] of files) {
    if (dirname(path) !== dir) continue;
    wanted.add(basename(path));
    await ensureFile(mirrorOf(base, path), text);
  }
  for (const name of await readdir(mirror)) {
    if (!wanted.has(name) && !name.includes('.tmp-'))
      await rm(join(mirror, name), { recursive: true, force: true });
  }
}

/** Builds (or brings up to date) the mirror of `root` holding `emitted`; returns the folders made real. */
export async function buildOverlay(
  base: string,
  root: string,
  emitted: readonly Emitted[],
): Promise<Set<string>> {
  const files = new Map<string, string>();
  for (const { output, code, map } of emitted) {
    files.set(output, code);
    files.set(`${output}.map`, map);
  }
  const real = overlaidDirs(
    root,
    emitted.map((e) => e.output),
  );
  await linkAncestors(base, root);
  // Parents first: a folder linked by an earlier mirror must become real before anything is made in
  // it, or the writes would go through the link into the project.
  const byDepth = [...real].sort((a, b) => a.split('/').length - b.split('/').length);
  for (const dir of byDepth) await overlayDir(base, dir, real, files);
  return real;
}
