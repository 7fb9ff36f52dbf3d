/**
 * Baseline comparison of one measurement: did `next` change against `base`, by how much, and is the
 * change real? Lower is better by default (times, bytes): a positive change is a regression. For
 * what is better bigger (requests per second), `better: 'higher'` turns it round: a drop is the
 * regression and a rise the improvement; the change itself is always `next` against `base`.
 *
 * The decision follows criterion.rs (src/analysis/compare.rs and compare_to_threshold in src/report.rs):
 * 1. Significance: a two-sided test of "both means are equal"; significant when p < 1 - confidence
 *    (criterion's significance_level, 0.05 by default). Not significant -> 'no change'.
 * 2. Size: if significant, the confidence interval of the relative change is compared with a noise band
 *    of +-noiseThreshold: entirely above it -> 'regressed', entirely below -> 'improved', otherwise
 *    'within noise' (criterion prints "Change within noise threshold").
 *
 * Where we differ from criterion, and why:
 * - criterion bootstraps its t distribution and the change's interval (100,000 resamples). We use the
 *   closed-form Welch t-test (unequal variances; @stdlib/stats-ttest2) for the p-value and Welch's
 *   interval of the mean difference for the CI: exact, deterministic, and checkable against R's
 *   t.test() and scipy. It assumes roughly normal means, which holds well from about ten runs per side.
 * - The CI of the relative change is Welch's CI of (mean(next) - mean(base)) divided by mean(base).
 *   This treats the base mean as known: it understates the width when the base is much noisier than
 *   the difference, and is accurate when the base's coefficient of variation is small (a few %).
 * - criterion's default noise threshold is 0.01 (1%); ours is 0.02, because whole-process timings
 *   (spawn, module loading, GC) vary more run to run than criterion's in-process loops.
 */
import ttest2 from '@stdlib/stats-ttest2';
import { moments } from './moments.js';

/** The four outcomes of a baseline comparison, as criterion names them. */
export type ChangeVerdict = 'improved' | 'regressed' | 'no change' | 'within noise';

/** Which way a measurement improves: `lower` (times, bytes, latency) or `higher` (requests per second). */
export type Better = 'lower' | 'higher';

/** Options of compareSamples; the CLI maps its flags onto these. */
export interface CompareOptions {
  /** Confidence level of the interval; significance level is 1 - confidence. @default 0.95 */
  confidence?: number;
  /** Half-width of the noise band as a fraction (0.02 = +-2%). @default 0.02 */
  noiseThreshold?: number;
  /** Which way is better: a rise of a `higher` measurement is an improvement. @default "lower" */
  better?: Better;
}

/** One measurement's comparison, with everything a report row or the regression gate needs. */
export interface Comparison {
  baseMean: number;
  nextMean: number;
  /** (mean(next) / mean(base) - 1) * 100: +10 means next is 10% bigger (slower, for a time). */
  changePct: number;
  /** Confidence interval of changePct, in percent (see the module comment for the method). */
  ciPct: readonly [number, number];
  /** Two-sided Welch t-test p-value for "the means are equal". */
  pValue: number;
  /** Welch-Satterthwaite degrees of freedom; Infinity when both samples are constant. */
  df: number;
  verdict: ChangeVerdict;
  confidence: number;
  noiseThreshold: number;
  /** Which way is better: the verdict and the gate read the change's sign by it. */
  better: Better;
}

/** Smallest sample on each side: a variance (and so any test) needs two runs. */
export const MIN_RUNS_TO_COMPARE = 2;

function checkOptions(options: CompareOptions): {
  confidence: number;
  noiseThreshold: number;
  better: Better;
} {
  const confidence = options.confidence ?? 0.95;
  const noiseThreshold = options.noiseThreshold ?? 0.02;
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, exclusive, e.g. 0.95 (got ${confidence})`);
  }
  if (!(noiseThreshold >= 0) || !Number.isFinite(noiseThreshold)) {
    throw new RangeError(`noiseThreshold must be a fraction >= 0, e.g. 0.02 for 2% (got ${noiseThreshold})`);
  }
  const better = options.better ?? 'lower';
  if (better !== 'lower' && better !== 'higher') {
    throw new RangeError(`better must be "lower" or "higher" (got ${String(better)})`);
  }
  return { confidence, noiseThreshold, better };
}

/**
 * The criterion rule on an already computed p-value and interval, so it can be tested on its own.
 * An interval entirely above the noise band is a regression when lower is better, an improvement
 * when higher is.
 */
export function decideVerdict(
  pValue: number,
  ciPct: readonly [number, number],
  confidence: number,
  noiseThreshold: number,
  better: Better = 'lower',
): ChangeVerdict {
  // p < 1 - confidence, written as a sum: 1 - 0.95 is 0.05000000000000004 in doubles, which would
  // make p = 0.05 count as significant.
  if (!(pValue + confidence < 1)) return 'no change';
  const noisePct = noiseThreshold * 100;
  if (ciPct[0] > noisePct) return better === 'lower' ? 'regressed' : 'improved';
  if (ciPct[1] < -noisePct) return better === 'lower' ? 'improved' : 'regressed';
  return 'within noise';
}

/** Compares a measurement's runs against its baseline runs: change, interval, p-value and verdict. */
export function compareSamples(
  base: readonly number[],
  next: readonly number[],
  options: CompareOptions = {},
): Comparison {
  const { confidence, noiseThreshold, better } = checkOptions(options);
  const baseMoments = moments(base);
  const nextMoments = moments(next);
  if (baseMoments.variance === null || nextMoments.variance === null) {
    throw new RangeError(
      `a comparison needs at least ${MIN_RUNS_TO_COMPARE} runs on each side (base has ${base.length}, ` +
        `next has ${next.length}): raise the number of runs`,
    );
  }
  const baseMean = baseMoments.mean;
  const nextMean = nextMoments.mean;
  if (!(baseMean > 0)) {
    throw new RangeError(`the baseline mean must be positive to express a change in % (got ${baseMean})`);
  }
  const toPct = (difference: number) => (difference / baseMean) * 100;

  let pValue: number;
  let ci: readonly [number, number];
  let df: number;
  if (baseMoments.variance === 0 && nextMoments.variance === 0) {
    // Both samples constant: the t statistic is 0/0 or +-Infinity and stdlib returns NaN. The
    // difference is then known exactly: certain when the means differ, absent when they agree.
    const difference = nextMean - baseMean;
    pValue = difference === 0 ? 1 : 0;
    ci = [difference, difference];
    df = Number.POSITIVE_INFINITY;
  } else {
    // stdlib only reads the arrays; its types just do not say readonly.
    const test = ttest2(next as number[], base as number[], { variance: 'unequal', alpha: 1 - confidence });
    pValue = test.pValue;
    ci = [test.ci[0] as number, test.ci[1] as number];
    df = test.df;
  }
  const ciPct = [toPct(ci[0]), toPct(ci[1])] as const;
  return {
    baseMean,
    nextMean,
    changePct: toPct(nextMean - baseMean),
    ciPct,
    pValue,
    df,
    verdict: decideVerdict(pValue, ciPct, confidence, noiseThreshold, better),
    confidence,
    noiseThreshold,
    better,
  };
}

/**
 * The `--fail-on-regression 10%` gate: true when the comparison is a real regression (verdict
 * 'regressed') and its point estimate exceeds thresholdPct (10 means 10%) in the worse direction: a
 * rise of more than 10% where lower is better, a drop of more than 10% where higher is better. A
 * change inside the noise band or without significance never trips the gate, however large its
 * point estimate.
 */
export function isRegressionBeyond(comparison: Comparison, thresholdPct: number): boolean {
  if (!(thresholdPct >= 0) || !Number.isFinite(thresholdPct)) {
    throw new RangeError(
      `regression threshold must be a percentage >= 0, e.g. 10 for 10% (got ${thresholdPct})`,
    );
  }
  const worsePct = comparison.better === 'higher' ? -comparison.changePct : comparison.changePct;
  return comparison.verdict === 'regressed' && worsePct > thresholdPct;
}
