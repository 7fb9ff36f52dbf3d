/**
 * When a measurement moved between two runs, from what the history keeps of each: its median, its
 * p95 and how many samples they summarise (record.ts). The validate command's own comparison
 * (stats/compare.ts, a Welch test on every sample) cannot be used here: the samples are not kept,
 * and its verdicts are against the saved baseline, not against the run before.
 *
 * The rule: the change is after / before - 1 of the medians; it is a regression or an improvement
 * when it is bigger than a noise band, and within noise otherwise. The band is the largest of:
 *
 * 1. a floor: 5% when both runs summarise several samples, 10% when either is a single run (the
 *    wall time of one profiled run, one memory run's peak): a median of several runs is steadier
 *    than one run, and nothing else tells how noisy a single run is until the history has some.
 * 2. the measurement's own run-to-run noise: HISTORY_K (4.5) times the median of its relative
 *    steps |m[i] / m[i-1] - 1| over its last HISTORY_STEPS (10) steps up to `before` (at least
 *    MIN_HISTORY_STEPS, 3, of them). For normal noise a step between two runs has standard deviation
 *    s and a median absolute value of 0.6745 s (the normal's quartile), so 4.5 median steps is 3 s:
 *    3 standard deviations of a no-change step. The median is robust: an earlier real step change
 *    among ten does not widen the band much.
 * 3. the within-run spread of both runs: 3 standard errors of the difference of the medians, the
 *    standard deviation estimated from the p95 ((p95 - median) / 1.645, exact for normal samples,
 *    an overestimate for the right-skewed timings, which only makes the band safer) and the
 *    standard error of a median being 1.2533 sd / sqrt(n) (its asymptotic value for normal samples).
 *    This is what a two-run history has to go on; only when both runs have n >= 2.
 *
 * Why 3 standard deviations: a page compares some 20-60 measurements per run, and at 2 standard
 * deviations about 1 in 20 unchanged ones would be flagged every run; at 3, about 1 in 370.
 *
 * Degenerate cases: both medians 0 is no change; a 0 before a non-zero after has no relative change
 * and is `not comparable`, and so are negative and non-finite values.
 */
import type { Better } from '../stats/index.js';

/** What a run says of one measurement. */
export interface RunValue {
  median: number;
  /** Absent where the record has no spread (a single run). */
  p95?: number;
  /** Samples behind the median; 1 for a single run. */
  n: number;
}

/** The verdict on one change between two runs. */
export type StepVerdict = 'regressed' | 'improved' | 'within noise' | 'not comparable';

export interface StepJudgement {
  /** after / before - 1, in %; null when it has no value (a zero or non-finite before). */
  change: number | null;
  /** The noise band it was judged against, in % (the largest of the three terms). */
  band: number;
  verdict: StepVerdict;
}

/** The floor of the band when both runs summarise several samples, %. */
export const NOISE_FLOOR_PCT = 5;
/** The floor when either run is a single sample, %. */
export const SINGLE_RUN_FLOOR_PCT = 10;
/** Median relative steps to band width: 3 / 0.6745, rounded (3 standard deviations of a step). */
export const HISTORY_K = 4.5;
/** Steps of the history looked at, and how many are needed before they count. */
export const HISTORY_STEPS = 10;
export const MIN_HISTORY_STEPS = 3;
/** Standard errors of the difference of two medians for the within-run term. */
export const WITHIN_RUN_Z = 3;

/** z of the normal's 95th percentile: (p95 - median) / 1.645 estimates the standard deviation. */
const Z95 = 1.6448536269514722;
/** sqrt(pi / 2): the standard error of a median is this times that of a mean, for normal samples. */
const MEDIAN_SE_FACTOR = Math.sqrt(Math.PI / 2);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The history term, %: HISTORY_K times the median relative step of the last HISTORY_STEPS steps of
 * `medians` (oldest first, ending with the `before` run); 0 with fewer than MIN_HISTORY_STEPS steps.
 * A step from a zero median has no relative size and is left out.
 */
export function historyBandPct(medians: readonly number[]): number {
  const steps: number[] = [];
  for (let i = medians.length - 1; i > 0 && steps.length < HISTORY_STEPS; i--) {
    const from = medians[i - 1] as number;
    const to = medians[i] as number;
    if (from > 0 && Number.isFinite(from) && Number.isFinite(to)) steps.push(Math.abs(to / from - 1));
  }
  if (steps.length < MIN_HISTORY_STEPS) return 0;
  return HISTORY_K * median(steps) * 100;
}

/** Standard error of a run's median from its p95 and n; undefined without a spread. */
function medianStandardError(value: RunValue): number | undefined {
  if (value.n < 2 || value.p95 === undefined || !(value.p95 >= value.median)) return undefined;
  return (MEDIAN_SE_FACTOR * ((value.p95 - value.median) / Z95)) / Math.sqrt(value.n);
}

/** The within-run term, %: WITHIN_RUN_Z standard errors of the difference of the medians, relative to before. */
export function withinRunBandPct(before: RunValue, after: RunValue): number {
  const a = medianStandardError(before);
  const b = medianStandardError(after);
  if (a === undefined || b === undefined || !(before.median > 0)) return 0;
  return ((WITHIN_RUN_Z * Math.sqrt(a * a + b * b)) / before.median) * 100;
}

/**
 * Judges the change from `before` to `after`. `earlier` holds the medians of the runs before
 * `before` (oldest first, the same machine), for the history term.
 */
export function judgeStep(
  before: RunValue,
  after: RunValue,
  earlier: readonly number[],
  better: Better,
): StepJudgement {
  const floor = before.n >= 2 && after.n >= 2 ? NOISE_FLOOR_PCT : SINGLE_RUN_FLOOR_PCT;
  const band = Math.max(floor, historyBandPct([...earlier, before.median]), withinRunBandPct(before, after));
  if (!Number.isFinite(before.median) || !Number.isFinite(after.median)) {
    return { change: null, band, verdict: 'not comparable' };
  }
  if (!(before.median > 0)) {
    return before.median === 0 && after.median === 0
      ? { change: 0, band, verdict: 'within noise' }
      : { change: null, band, verdict: 'not comparable' };
  }
  const change = (after.median / before.median - 1) * 100;
  // A change at the band is within it; the epsilon keeps 105 / 100 - 1 = 5.000000000000004% at 5%.
  if (Math.abs(change) <= band + 1e-9) return { change, band, verdict: 'within noise' };
  const worse = better === 'lower' ? change > 0 : change < 0;
  return { change, band, verdict: worse ? 'regressed' : 'improved' };
}
