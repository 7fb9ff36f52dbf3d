/**
 * The `.perfsuite/` folder of an output directory: the saved baselines, the profiles kept with them,
 * and the run history. Its layout lives here alone, so that validate/ (which writes baselines),
 * diff/ (which reads them) and history/ agree on it without importing one another.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { safeName } from '../config/schema.js';
import { UserError } from '../util/user-error.js';

const PERFSUITE_DIR = '.perfsuite';

/** The history file, relative to the output directory. */
export const HISTORY_FILE = join(PERFSUITE_DIR, 'history.jsonl');

/** The history file of an output directory. */
export function historyPath(outDir: string): string {
  return join(outDir, HISTORY_FILE);
}

/** The folder holding every saved baseline of an output directory. */
export function baselinesDir(outDir: string): string {
  return join(outDir, PERFSUITE_DIR, 'baselines');
}

/** Throws a UserError for a baseline name that is not a safe file name. */
export function checkBaselineName(name: string): void {
  const parsed = safeName.safeParse(name);
  if (!parsed.success) {
    const why = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new UserError(`baseline name "${name}" ${why}: it becomes a file name`);
  }
}

/** Where baseline `name` lives; throws a UserError for a name that is not a safe file name. */
export function baselinePath(outDir: string, name: string): string {
  checkBaselineName(name);
  return join(baselinesDir(outDir), `${name}.json`);
}

/** Names of the saved baselines, sorted; empty when there are none (or no folder yet). */
export async function listBaselines(outDir: string): Promise<string[]> {
  const dir = baselinesDir(outDir);
  if (!existsSync(dir)) return [];
  return (await readdir(dir))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** The profiles a baseline keeps: CPU-profiled runs, and heap-profiled runs for peak RSS. */
export type ProfileKind = 'cpu' | 'heap';

/**
 * The folder of baseline `name`'s CPU profiles (`<name>.profiles`) or heap profiles
 * (`<name>.heap-profiles`); the name is checked by baselinePath before.
 */
export function baselineProfilesDir(outDir: string, name: string, kind: ProfileKind = 'cpu'): string {
  return join(baselinesDir(outDir), `${name}.${kind === 'cpu' ? 'profiles' : 'heap-profiles'}`);
}
