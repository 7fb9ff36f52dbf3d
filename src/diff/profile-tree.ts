/**
 * The profile files under a directory, by `suite/workload`, so that two directories compare workload
 * by workload. Two layouts are read, and any folders above them:
 *
 * - `profile cpu`'s: `profiles/<suite>/<workload>.cpu.pb.gz`, with the same data again as
 *   `<workload>.folded` (one file of a name is read: pprof before .cpuprofile before folded);
 * - a baseline's (validate/baseline/baseline-profiles.ts): `<suite>/<workload>/<run>.pb.gz`.
 *
 * A workload's key is the last two parts of its path (`suite/workload`), so several runs kept in
 * folders of their own (`before/run1/profiles/...`, `before/run2/profiles/...`) pool as runs of one
 * workload. An output directory is read through its `profiles/` folder only (doctor's and memory's
 * profiles of the same workload measure other things), a comparison's `reports/why/<stamp>/` through
 * its `cpu/`; hidden folders are skipped.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Profile extensions, preferred first, when one name is there in several formats. */
export const PROFILE_EXTENSIONS = ['.pb.gz', '.pb', '.cpuprofile', '.folded'] as const;

/** A file's extension among PROFILE_EXTENSIONS, or undefined. */
function profileExtension(name: string): string | undefined {
  return PROFILE_EXTENSIONS.find((ext) => name.endsWith(ext) && name.length > ext.length);
}

/** The key of a profile file at `rel` (relative to the scanned directory, `/`-separated). */
export function workloadKey(rel: string): string | undefined {
  const parts = rel.split('/');
  const name = parts.pop() as string;
  const ext = profileExtension(name);
  if (ext === undefined) return undefined;
  const stem = name.slice(0, -ext.length);
  // A run file (`3.pb.gz`) is a run of the folder it is in; any other file is a workload itself.
  if (!/^\d+$/.test(stem)) parts.push(stem.endsWith('.cpu') ? stem.slice(0, -'.cpu'.length) : stem);
  return parts.length === 0 ? '.' : parts.slice(-2).join('/');
}

/** Run files by `suite/workload`, each list in path order (runs numbered 2 before 10). */
export async function listProfileTree(dir: string): Promise<Map<string, string[]>> {
  const files = await profileFiles(dir);
  // One file per folder and stem: `w.cpu.pb.gz` and `w.folded` hold the same samples.
  const chosen = new Map<string, { file: string; rank: number }>();
  for (const file of files) {
    const name = file.slice(file.lastIndexOf(sep) + 1);
    const ext = profileExtension(name) as string;
    const stem = name.slice(0, -ext.length).replace(/\.cpu$/, '');
    const id = join(file, '..', stem);
    const rank = PROFILE_EXTENSIONS.indexOf(ext as (typeof PROFILE_EXTENSIONS)[number]);
    const seen = chosen.get(id);
    if (!seen || rank < seen.rank) chosen.set(id, { file, rank });
  }
  const byKey = new Map<string, string[]>();
  const ordered = [...chosen.values()]
    .map((c) => c.file)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const file of ordered) {
    const key = workloadKey(relative(dir, file).split(sep).join('/')) as string;
    byKey.set(key, [...(byKey.get(key) ?? []), file]);
  }
  return new Map([...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function profileFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  // An output directory of perfsuite: its CPU profiles only; likewise a comparison's
  // reports/why/<stamp>/ (validate/baseline/explain-regressions.ts), whose heap/ holds heap profiles.
  const outputs = entries.find((e) => e.isDirectory() && e.name === 'profiles');
  if (outputs) return profileFiles(join(dir, outputs.name));
  const why =
    entries.some((e) => e.isDirectory() && e.name === 'heap') &&
    entries.find((e) => e.isDirectory() && e.name === 'cpu');
  if (why) return profileFiles(join(dir, why.name));
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await profileFiles(path)));
    else if (entry.isFile() && profileExtension(entry.name) !== undefined) found.push(path);
  }
  return found;
}
