/**
 * Outlier flagging by the modified Z-score, the robust test hyperfine uses (src/outlier_detection.rs)
 * to warn that "statistical outliers were detected".
 *
 * Reference: B. Iglewicz and D. Hoaglin (1993), "Volume 16: How to Detect and Handle Outliers",
 * The ASQC Basic References in Quality Control: Statistical Techniques, E. F. Mykytka, Ed.
 * There, M_i = 0.6745 * (x_i - median) / MAD with MAD = median(|x_i - median|), and |M_i| > 3.5 flags
 * a potential outlier. 0.6745 is the normal 75% quantile, so M_i is in "standard deviations".
 *
 * Threshold: we default to Iglewicz & Hoaglin's 3.5. hyperfine computes the same score but flags only
 * |x_i - median| / MAD > 1.4826 * 10, which is |M_i| > 10 in these units (HYPERFINE_THRESHOLD).
 *
 * MAD = 0 (more than half the runs identical, common with coarse clocks or RSS in whole pages):
 * hyperfine divides by f64::EPSILON, which flags any value that differs at all. We instead follow
 * IBM's definition of the modified z score (Cognos Analytics 11.1, "Modified z score"): when MAD is 0,
 * use (x - median) / (1.253314 * MeanAD), MeanAD being the mean absolute deviation from the median
 * (1.253314 * MeanAD estimates the standard deviation, as 1.4826 * MAD does). If that is 0 too, every
 * value equals the median and nothing is an outlier. The fallback is still relative to the data: with
 * n - 1 identical runs and one that differs by any amount, that run scores n / 1.253314 (flagged for
 * n >= 5); unlike the EPSILON guard it does not flag small differences next to a large one.
 */
import { percentile } from './percentile.js';
import { assertFiniteSample, sortAscending } from './samples.js';

/** Iglewicz & Hoaglin's recommended cut-off for |M_i|; the default. */
export const IGLEWICZ_HOAGLIN_THRESHOLD = 3.5;
/** hyperfine's cut-off expressed as |M_i| (it compares (x - median) / MAD with 1.4826 * 10). */
export const HYPERFINE_THRESHOLD = 10;

/** 0.6745 ~ Phi^-1(0.75): turns a MAD into a standard deviation estimate (as Iglewicz & Hoaglin print it). */
const MAD_SCALE = 0.6745;
/** sqrt(pi / 2): turns a mean absolute deviation into a standard deviation estimate (IBM's constant). */
const MEAN_AD_TO_SD = 1.253314;

/** Options of flagOutliers. */
export interface OutlierOptions {
  /** |modified Z| above this is an outlier. @default 3.5 (IGLEWICZ_HOAGLIN_THRESHOLD) */
  threshold?: number;
}

/** Which spread estimate scaled the scores: shown in reports so a surprising flag can be explained. */
export type OutlierScale = 'mad' | 'mean-absolute-deviation' | 'none';

/** Scores and flags of one sample, in the input's order so callers can mark runs in a table. */
export interface OutlierReport {
  /** Modified Z-score of each sample, same order as the input; all 0 when scale is 'none'. */
  scores: number[];
  /** Indices (into the input) of samples with |score| > threshold, ascending. */
  outlierIndices: number[];
  threshold: number;
  scale: OutlierScale;
}

/** Robust per-sample scores, so reports can show how far a run sits from the typical one. */
export function modifiedZScores(samples: readonly number[]): { scores: number[]; scale: OutlierScale } {
  assertFiniteSample(samples);
  const median = percentile(sortAscending(samples), 50);
  const deviations = samples.map((value) => Math.abs(value - median));
  const mad = percentile(sortAscending(deviations), 50);
  if (mad > 0) {
    return { scores: samples.map((value) => (MAD_SCALE * (value - median)) / mad), scale: 'mad' };
  }
  const meanAbsoluteDeviation = deviations.reduce((sum, d) => sum + d, 0) / deviations.length;
  if (meanAbsoluteDeviation > 0) {
    const sd = MEAN_AD_TO_SD * meanAbsoluteDeviation;
    return { scores: samples.map((value) => (value - median) / sd), scale: 'mean-absolute-deviation' };
  }
  return { scores: samples.map(() => 0), scale: 'none' };
}

/** Flags the runs a reader should distrust (a GC pause, a noisy neighbour), like hyperfine's warning. */
export function flagOutliers(samples: readonly number[], options: OutlierOptions = {}): OutlierReport {
  const threshold = options.threshold ?? IGLEWICZ_HOAGLIN_THRESHOLD;
  if (!(threshold > 0) || !Number.isFinite(threshold)) {
    throw new RangeError(`outlier threshold must be a positive number (got ${threshold})`);
  }
  const { scores, scale } = modifiedZScores(samples);
  const outlierIndices: number[] = [];
  scores.forEach((score, index) => {
    if (Math.abs(score) > threshold) outlierIndices.push(index);
  });
  return { scores, outlierIndices, threshold, scale };
}
