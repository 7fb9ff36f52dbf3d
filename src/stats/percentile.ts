/**
 * Percentiles of a sorted sample.
 *
 * Method: Hyndman & Fan (1996) definition 7, the default of R's `quantile()` (`type = 7`) and of
 * numpy's `percentile()` (`method = 'linear'`), so our p95 matches what a user gets from either.
 * With n sorted values x[0..n-1] and a fraction q = p / 100, the position is h = (n - 1) * q and the
 * result is x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]): linear interpolation
 * between the two nearest order statistics. p = 0 gives the minimum, p = 100 the maximum.
 *
 * Reference: R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical Packages",
 * The American Statistician 50(4), 1996, pp. 361-365.
 */
import { assertFiniteSample } from './samples.js';

/**
 * The p-th percentile (p in [0, 100]) of an ascending sorted, non-empty sample, by R type 7 /
 * numpy 'linear'. Takes sorted input so a summary sorts once for all its percentiles.
 */
export function percentile(sorted: readonly number[], p: number): number {
  assertFiniteSample(sorted, 'sorted');
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`percentile must be between 0 and 100 (got ${p}); p95 is percentile(sorted, 95)`);
  }
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as number) < (sorted[i - 1] as number)) {
      throw new RangeError(`percentile needs ascending sorted input: sorted[${i}] < sorted[${i - 1}]`);
    }
  }
  const h = (sorted.length - 1) * (p / 100);
  const lowIndex = Math.floor(h);
  const low = sorted[lowIndex] as number;
  const fraction = h - lowIndex;
  if (fraction === 0) return low;
  const high = sorted[lowIndex + 1] as number;
  return low + fraction * (high - low);
}
