/**
 * Distribution-free trend statistics: the Mann–Kendall test for a monotonic trend and the
 * Theil–Sen slope with Sen's confidence interval. Both ignore how large deviations are, only their
 * order, so a few GC spikes or allocation bursts cannot make a trend on their own.
 *
 * Sources: H. B. Mann (1945) "Nonparametric tests against trend", Econometrica 13; M. G. Kendall
 * (1975) Rank Correlation Methods; P. K. Sen (1968) "Estimates of the regression coefficient based on
 * Kendall's tau", JASA 63; R. O. Gilbert (1987) Statistical Methods for Environmental Pollution
 * Monitoring, ch. 16. The formulas and the rank rounding of the interval follow R's `trend` package
 * (`mk.test`, `sens.slope`). No maintained npm package provides these with ties and the interval,
 * hence the hand-written code; the normal quantile comes from @stdlib.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { SeriesPoint } from './series.js';

/** Student's t with 1e9 degrees of freedom equals the standard normal to 1e-9; @stdlib's t quantile
 * is the installed, tested implementation (it returns NaN for infinite degrees of freedom). */
const NORMAL_DF = 1e9;

/** Quantile of the standard normal distribution, for test critical values and Sen's interval. */
export function normalQuantile(p: number): number {
  return tQuantile(p, NORMAL_DF);
}

/** Median of a non-empty list (mean of the two middle values for even lengths); does not mutate. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** The Mann–Kendall statistic, its variance under "no trend" (with the tie correction) and Z. */
export interface MannKendall {
  /** Sum of sign(x_j - x_i) over all i < j: positive when later values tend to be larger. */
  s: number;
  varS: number;
  /** Continuity-corrected standard normal score; 0 when there is no variance. */
  z: number;
}

/** Mann–Kendall trend test of values in time order; the caller compares `z` with a critical value. */
export function mannKendall(values: readonly number[]): MannKendall {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const vi = values[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign((values[j] as number) - vi);
  }
  const tieGroups = new Map<number, number>();
  for (const v of values) tieGroups.set(v, (tieGroups.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of tieGroups.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  let z = 0;
  if (varS > 0 && s > 0) z = (s - 1) / Math.sqrt(varS);
  else if (varS > 0 && s < 0) z = (s + 1) / Math.sqrt(varS);
  return { s, varS, z };
}

/** A robust straight line: the median pairwise slope, its interval and the median intercept. */
export interface TheilSen {
  slope: number;
  /** Median of v - slope * t: the line's value at t = 0. */
  intercept: number;
  /** Sen's distribution-free interval for the slope at the requested confidence. */
  ci: [number, number];
}

/**
 * Theil–Sen slope of points (any order, pairs with equal t skipped) with Sen's interval built from
 * the Mann–Kendall variance `varS` of the same points (pass `mannKendall(values).varS`).
 */
export function theilSen(points: readonly SeriesPoint[], varS: number, confidence: number): TheilSen {
  const slopes: number[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i] as SeriesPoint;
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j] as SeriesPoint;
      if (b.t !== a.t) slopes.push((b.v - a.v) / (b.t - a.t));
    }
  }
  if (slopes.length === 0) throw new RangeError('Theil–Sen slope needs two points at different times');
  slopes.sort((x, y) => x - y);
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.v - slope * p.t));
  // R trend::sens.slope: ranks round((N - C) / 2) and round((N + C) / 2 + 1), 1-based.
  const n = slopes.length;
  const c = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(Math.max(varS, 0));
  const clampRank = (rank: number): number => Math.min(n, Math.max(1, rank));
  const lo = slopes[clampRank(Math.round((n - c) / 2)) - 1] as number;
  const hi = slopes[clampRank(Math.round((n + c) / 2 + 1)) - 1] as number;
  return { slope, intercept, ci: [lo, hi] };
}
