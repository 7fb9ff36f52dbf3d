/**
 * The two-sided p-value of Welch's t-test (unequal variances) for "both means are equal", with the
 * degenerate cases decided the way compare.ts decides them: two constant samples differ certainly
 * (p = 0) or not at all (p = 1). Unlike compareSamples it takes a zero mean on either side (a
 * function absent from every baseline run), since it says nothing in percent.
 */
import ttest2 from '@stdlib/stats-ttest2';
import { MIN_RUNS_TO_COMPARE } from './compare.js';
import { moments } from './moments.js';

export function welchPValue(base: readonly number[], next: readonly number[]): number {
  const a = moments(base);
  const b = moments(next);
  if (a.variance === null || b.variance === null) {
    throw new RangeError(
      `a test needs at least ${MIN_RUNS_TO_COMPARE} runs on each side (base has ${base.length}, next has ${next.length})`,
    );
  }
  if (a.variance === 0 && b.variance === 0) return a.mean === b.mean ? 1 : 0;
  // stdlib only reads the arrays; its types just do not say readonly.
  return ttest2(next as number[], base as number[], { variance: 'unequal' }).pValue;
}
