/**
 * What each argument of `profile diff` names, resolved to profile files: one or more files (pooled
 * as runs of one side), directories of them (by suite/workload, profile-tree.ts), or a saved
 * baseline's kept profiles (`baseline:<name>`, or a bare name that is no path but a saved baseline).
 * Every mistake is a UserError that names the file or baseline and says what to give instead.
 */
import { existsSync, statSync } from 'node:fs';
import { baselinePath, baselineProfilesDir, listBaselines } from '../store/perfsuite-dir.js';
import { UserError } from '../util/user-error.js';
import { listProfileTree, PROFILE_EXTENSIONS } from './profile-tree.js';

/** One side as resolved: files pooled into one comparison, or run files by `suite/workload`. */
export type Side =
  | { argument: string; kind: 'files'; files: string[] }
  | { argument: string; kind: 'directory' | 'baseline'; runs: Map<string, string[]> };

export interface ResolveOptions {
  /** Where saved baselines are looked up (`<outDir>/.perfsuite/baselines/`). */
  outDir: string;
}

const BASELINE_PREFIX = 'baseline:';
const EXPECTED =
  'give a profile file (pprof .pb/.pb.gz, .cpuprofile, folded), a directory of them ' +
  "(profile cpu's output directory or its profiles/), baseline:<name>, or several files or directories joined by commas";

/** Resolves one argument of `profile diff`. */
export async function resolveSide(argument: string, options: ResolveOptions): Promise<Side> {
  if (argument.startsWith(BASELINE_PREFIX)) {
    return baselineSide(argument, argument.slice(BASELINE_PREFIX.length), options.outDir);
  }
  if (!existsSync(argument) && argument.includes(',')) return listSide(argument);
  if (!existsSync(argument)) {
    const saved = await listBaselines(options.outDir);
    if (saved.includes(argument)) return baselineSide(argument, argument, options.outDir);
    const hint = saved.length > 0 ? `, nor a saved baseline (saved: ${saved.join(', ')})` : '';
    throw new UserError(`${argument}: no such file or directory${hint}; ${EXPECTED}`);
  }
  return pathSide(argument, argument);
}

async function pathSide(argument: string, path: string): Promise<Side> {
  if (!statSync(path).isDirectory()) return { argument, kind: 'files', files: [path] };
  const runs = await listProfileTree(path);
  if (runs.size === 0) {
    throw new UserError(`${path} holds no profile files (${PROFILE_EXTENSIONS.join(', ')}); ${EXPECTED}`);
  }
  return { argument, kind: 'directory', runs };
}

/** `a.pb.gz,b.pb.gz` (pooled files) or `run1,run2` (directories whose workloads pool). */
async function listSide(argument: string): Promise<Side> {
  const parts = argument.split(',').filter((part) => part !== '');
  const sides: Side[] = [];
  for (const part of parts) {
    if (!existsSync(part))
      throw new UserError(`${part} (in ${argument}): no such file or directory; ${EXPECTED}`);
    sides.push(await pathSide(part, part));
  }
  const files = sides.flatMap((side) => (side.kind === 'files' ? side.files : []));
  if (files.length === sides.length) return { argument, kind: 'files', files };
  if (files.length > 0) {
    throw new UserError(
      `${argument} mixes profile files and directories: give files, or directories, on one side, not both`,
    );
  }
  const runs = new Map<string, string[]>();
  for (const side of sides) {
    if (side.kind === 'files') continue;
    for (const [key, list] of side.runs) runs.set(key, [...(runs.get(key) ?? []), ...list]);
  }
  return { argument, kind: 'directory', runs: new Map([...runs].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

async function baselineSide(argument: string, name: string, outDir: string): Promise<Side> {
  const json = baselinePath(outDir, name);
  if (!existsSync(json)) {
    const saved = await listBaselines(outDir);
    const list = saved.length > 0 ? `saved baselines: ${saved.join(', ')}` : 'no baseline is saved there';
    throw new UserError(
      `baseline "${name}" not found: ${json} does not exist (${list}; --out-dir says where to look). ` +
        `Save one with profile validate --save-baseline ${name}.`,
    );
  }
  const dir = baselineProfilesDir(outDir, name);
  if (!existsSync(dir)) {
    throw new UserError(
      `baseline "${name}" has no profiles: ${dir} does not exist (it was saved before baselines kept ` +
        `the CPU profiles of their runs, or with --profile-runs 0). Save it again with ` +
        `profile validate --save-baseline ${name}, or compare directories of profiles instead.`,
    );
  }
  const runs = await listProfileTree(dir);
  if (runs.size === 0) {
    throw new UserError(
      `baseline "${name}" has no profiles: ${dir} holds no <suite>/<workload>/<run>.pb.gz. ` +
        `Save it again with profile validate --save-baseline ${name}.`,
    );
  }
  return { argument, kind: 'baseline', runs };
}
