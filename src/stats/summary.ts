/**
 * Descriptive statistics of one measurement's samples (run times, peak RSS, ...): what the report
 * table shows and what targets are checked against.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { moments } from './moments.js';
import { percentile } from './percentile.js';
import { sortAscending } from './samples.js';

/** The statistics of one measurement; percentiles by R type 7 / numpy 'linear' (see percentile.ts). */
export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Same value as `median`, under the name targets use (`p50`). */
  p50: number;
  p95: number;
  p99: number;
  /** Sample standard deviation (n - 1 denominator, like R's sd()); null for a single sample. */
  stddev: number | null;
  /**
   * 95% confidence interval of the mean, mean +- t(0.975, n - 1) * stddev / sqrt(n) (Student's t,
   * which assumes roughly normal run-to-run noise); null for a single sample, where it is undefined.
   */
  meanCi95: readonly [number, number] | null;
}

/**
 * Two-sided Student's t confidence interval of a mean, shared by the summary and anything else that
 * reports "mean +- margin". Null when n < 2 (no spread to estimate from).
 */
export function meanConfidenceInterval(
  mean: number,
  stddev: number | null,
  n: number,
  confidence = 0.95,
): readonly [number, number] | null {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, exclusive (got ${confidence})`);
  }
  if (stddev === null || n < 2) return null;
  const margin = tQuantile(1 - (1 - confidence) / 2, n - 1) * (stddev / Math.sqrt(n));
  return [mean - margin, mean + margin];
}

/** Every statistic the validation report and target checks need, from one unsorted sample. */
export function summarize(samples: readonly number[]): Summary {
  const { n, mean, variance } = moments(samples);
  const sorted = sortAscending(samples);
  const median = percentile(sorted, 50);
  const stddev = variance === null ? null : Math.sqrt(variance);
  return {
    n,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean,
    median,
    p50: median,
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    stddev,
    meanCi95: meanConfidenceInterval(mean, stddev, n),
  };
}
