/**
 * Ordinary least squares for a straight line y = intercept + slope * x, with the standard errors of
 * both coefficients. The scaling fit runs it on logarithms; it is its own module so that it can be
 * checked against the NIST StRD certified values (Norris) without the log transform in the way.
 *
 * Formulas (any regression text, e.g. Draper & Smith, "Applied Regression Analysis", ch. 1):
 * Sxx = sum (x - mean x)^2, Sxy = sum (x - mean x)(y - mean y), slope = Sxy / Sxx,
 * intercept = mean y - slope * mean x, s^2 = SSres / (n - 2), se(slope) = sqrt(s^2 / Sxx),
 * se(intercept) = sqrt(s^2 * (1/n + mean x^2 / Sxx)), r^2 = 1 - SSres / SStot.
 * Sums are taken about the means (two-pass) so large offsets in x or y do not cost precision.
 */
import { moments } from './moments.js';

/** A fitted line and how certain each coefficient is. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope; null when n = 2 (a line through two points leaves no residual df). */
  slopeStderr: number | null;
  /** Standard error of the intercept; null when n = 2. */
  interceptStderr: number | null;
  /** sqrt(SSres / (n - 2)); null when n = 2. */
  residualStddev: number | null;
  /** Coefficient of determination; 1 when every y is equal (a flat line fits them exactly). */
  r2: number;
  /** Residual degrees of freedom, n - 2. */
  df: number;
  n: number;
}

/** Fits y on x by least squares; throws on mismatched lengths, fewer than 2 points or a constant x. */
export function linearRegression(x: readonly number[], y: readonly number[]): LinearFit {
  if (x.length !== y.length) {
    throw new RangeError(`x and y must have the same length (got ${x.length} and ${y.length})`);
  }
  const n = x.length;
  if (n < 2) throw new RangeError(`a line needs at least 2 points (got ${n})`);
  const meanX = moments(x).mean;
  const meanY = moments(y).mean;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) {
    throw new RangeError('every x is the same value: a slope needs at least two different x values');
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let residualSum = 0;
  for (let i = 0; i < n; i++) {
    const residual = (y[i] as number) - (intercept + slope * (x[i] as number));
    residualSum += residual * residual;
  }
  const r2 = syy === 0 ? 1 : 1 - residualSum / syy;
  const df = n - 2;
  if (df === 0) {
    return { slope, intercept, slopeStderr: null, interceptStderr: null, residualStddev: null, r2, df, n };
  }
  const residualVariance = residualSum / df;
  return {
    slope,
    intercept,
    slopeStderr: Math.sqrt(residualVariance / sxx),
    interceptStderr: Math.sqrt(residualVariance * (1 / n + (meanX * meanX) / sxx)),
    residualStddev: Math.sqrt(residualVariance),
    r2,
    df,
    n,
  };
}
