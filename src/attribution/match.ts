/**
 * Pairs the functions of two sides, so that a function is compared with itself across versions
 * although its line, its file's folder or its file name changed. Tiers, each on what the ones
 * before left unpaired:
 * 1. same name, file and (for anonymous functions) position;
 * 2. same name and file, paired in line order when both sides have as many: anonymous functions
 *    whose lines moved;
 * 3. same name and file name, one of each: the project checked out elsewhere (another absolute path);
 * 4. same name, one of each, not anonymous: the file was renamed or the function moved to another.
 * What is left is new on one side or gone on the other.
 */
import { basename } from 'node:path';
import type { FunctionRuns } from './function-runs.js';

/** One function on both sides, or on one only. */
export interface MatchedFunction {
  base?: FunctionRuns;
  next?: FunctionRuns;
}

type Pool = Map<string, FunctionRuns>;

function groupBy(pool: Pool, keyOf: (fn: FunctionRuns) => string | undefined): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, fn] of pool) {
    const group = keyOf(fn);
    if (group === undefined) continue;
    const list = groups.get(group);
    if (list) list.push(key);
    else groups.set(group, [key]);
  }
  return groups;
}

const byLine = (pool: Pool) => (a: string, b: string) =>
  (pool.get(a)?.line ?? 0) - (pool.get(b)?.line ?? 0) ||
  (pool.get(a)?.column ?? 0) - (pool.get(b)?.column ?? 0);

/** Pairs what `keyOf` groups alike on both sides, where `accept` allows the two groups' sizes. */
function pairTier(
  base: Pool,
  next: Pool,
  out: MatchedFunction[],
  keyOf: (fn: FunctionRuns) => string | undefined,
  accept: (baseCount: number, nextCount: number) => boolean,
): void {
  const baseGroups = groupBy(base, keyOf);
  const nextGroups = groupBy(next, keyOf);
  for (const [group, baseKeys] of baseGroups) {
    const nextKeys = nextGroups.get(group);
    if (!nextKeys || !accept(baseKeys.length, nextKeys.length)) continue;
    baseKeys.sort(byLine(base));
    nextKeys.sort(byLine(next));
    baseKeys.forEach((baseKey, i) => {
      const nextKey = nextKeys[i] as string;
      out.push({ base: base.get(baseKey) as FunctionRuns, next: next.get(nextKey) as FunctionRuns });
      base.delete(baseKey);
      next.delete(nextKey);
    });
  }
}

export function matchFunctions(
  baseFunctions: ReadonlyMap<string, FunctionRuns>,
  nextFunctions: ReadonlyMap<string, FunctionRuns>,
): MatchedFunction[] {
  const base: Pool = new Map(baseFunctions);
  const next: Pool = new Map(nextFunctions);
  const out: MatchedFunction[] = [];
  for (const [key, fn] of base) {
    const other = next.get(key);
    if (!other) continue;
    out.push({ base: fn, next: other });
    base.delete(key);
    next.delete(key);
  }
  const sameFile = (fn: FunctionRuns) => `${fn.name}\u0000${fn.file ?? ''}`;
  pairTier(base, next, out, sameFile, (a, b) => a === b);
  const sameFileName = (fn: FunctionRuns) =>
    fn.file === undefined ? undefined : `${fn.name}\u0000${basename(fn.file)}`;
  pairTier(base, next, out, sameFileName, (a, b) => a === 1 && b === 1);
  const sameName = (fn: FunctionRuns) =>
    fn.name === '(anonymous)' || fn.file === undefined ? undefined : fn.name;
  pairTier(base, next, out, sameName, (a, b) => a === 1 && b === 1);
  for (const fn of base.values()) out.push({ base: fn });
  for (const fn of next.values()) out.push({ next: fn });
  return out;
}
