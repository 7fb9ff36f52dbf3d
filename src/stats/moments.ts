/**
 * Mean and sample variance, computed so that large offsets (timestamps, byte counts around 1e9) do not
 * cost precision: the corrected two-pass algorithm of Chan, Golub & LeVeque, "Algorithms for Computing
 * the Sample Variance: Analysis and Recommendations", The American Statistician 37(3), 1983 (eq. 1.7).
 * A one-pass sum of squares would lose every digit on NIST StRD NumAcc4 (values 10000000.1 +- 0.1).
 */
import { assertFiniteSample } from './samples.js';

/** Mean and sample variance of one sample, shared by the summary, the comparison and the scaling fit. */
export interface Moments {
  n: number;
  mean: number;
  /** Sample variance with the n - 1 (Bessel) denominator; null when n < 2, where it is undefined (R gives NA). */
  variance: number | null;
}

/** One place that computes mean and variance the precise way, so every statistic agrees with the others. */
export function moments(samples: readonly number[]): Moments {
  assertFiniteSample(samples);
  const n = samples.length;
  let sum = 0;
  for (const value of samples) sum += value;
  const roughMean = sum / n;
  // Second pass: the deviations from the rough mean are small, so their sums are exact enough to
  // correct both the mean and the variance (the (sum of deviations)^2 / n term).
  let deviationSum = 0;
  let squaredDeviationSum = 0;
  for (const value of samples) {
    const deviation = value - roughMean;
    deviationSum += deviation;
    squaredDeviationSum += deviation * deviation;
  }
  const mean = roughMean + deviationSum / n;
  if (n < 2) return { n, mean, variance: null };
  // Rounding can make the corrected sum a hair negative for constant input; variance is never negative.
  const variance = Math.max(0, (squaredDeviationSum - (deviationSum * deviationSum) / n) / (n - 1));
  return { n, mean, variance };
}
