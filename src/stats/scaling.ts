/**
 * The scalability sweep's verdict: a workload run at several sizes (1, 10, 100 files) is fitted to a
 * power law time = c * size^b, and b is named constant, sublinear, linear or superlinear.
 *
 * Fit: least squares of ln(value) = ln(c) + b * ln(size) over every run (not over per-size medians):
 * each run is one point, so the slope's standard error reflects the run-to-run noise at each size and
 * the residual degrees of freedom grow with the number of runs. The 95% interval is
 * b +- t(0.975, n - 2) * se(b) with Student's t from @stdlib/stats-base-dists-t-quantile.
 *
 * Note: the fit sees whole-run times, so a large fixed cost (Node start-up, ~40 ms) flattens the
 * exponent of a linear workload at small sizes. Choose sizes where the work dominates.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { linearRegression } from './regression.js';

/** Absorbs floating-point rounding of the logs when an interval edge sits exactly on 0 or 1. */
const ROUNDING_SLACK = 1e-9;

/** How a measurement grows with size, from the fitted exponent b. */
export type ScalingLabel = 'constant' | 'sublinear' | 'linear' | 'superlinear';

/** The runs measured at one parameter value of the sweep. */
export interface ScalingPoint {
  size: number;
  values: readonly number[];
}

/** Options of fitScaling. */
export interface ScalingOptions {
  /** A point estimate below this, with an interval reaching 0, counts as constant. @default 0.2 */
  constantBelow?: number;
}

/** The fitted power law and its label, as the sweep section of the report shows it. */
export interface ScalingFit {
  /** b in value = coefficient * size^b. */
  exponent: number;
  /** Standard error of b; null when there are only two runs in all (no residual df). */
  stderr: number | null;
  /** 95% confidence interval of b; null when stderr is null. */
  ci95: readonly [number, number] | null;
  /** c in value = c * size^b: the predicted value at size 1, in the values' unit. */
  coefficient: number;
  /** r^2 of the log-log fit. */
  r2: number;
  label: ScalingLabel;
  /** Number of runs fitted. */
  n: number;
}

/**
 * Names an exponent by its interval, checked in this order:
 * 1. constant    b < constantBelow and lo <= 0: no evidence of growth, and a small estimate
 *                (this also covers a significantly negative b: time that falls with size);
 * 2. linear      lo <= 1 <= hi: consistent with linear growth;
 * 3. superlinear lo > 1: grows significantly faster than linear, the case a sweep exists to catch;
 * 4. sublinear   the rest: grows, but significantly slower than linear.
 * Labelling by the interval rather than the point estimate means noise alone never turns a linear
 * workload into "superlinear". Without an interval (two runs in all), [b, b] is used. Both edges are
 * widened by 1e-9 so that rounding cannot move an exact fit off 0 or 1.
 */
export function labelExponent(
  exponent: number,
  ci: readonly [number, number] | null,
  constantBelow = 0.2,
): ScalingLabel {
  const [lo, hi] = ci ?? [exponent, exponent];
  // Widen by a hair: an exact 2 -> 200 over sizes 1 -> 100 fits b = 0.9999999999999998 through the
  // logs' rounding, and a zero-width interval must still count as containing 1.
  const low = lo - ROUNDING_SLACK;
  const high = hi + ROUNDING_SLACK;
  if (exponent < constantBelow && low <= 0) return 'constant';
  if (low <= 1 && 1 <= high) return 'linear';
  if (low > 1) return 'superlinear';
  return 'sublinear';
}

/** Fits value = c * size^b over every run of a sweep, with b's uncertainty and a name for it. */
export function fitScaling(points: readonly ScalingPoint[], options: ScalingOptions = {}): ScalingFit {
  const logSizes: number[] = [];
  const logValues: number[] = [];
  for (const { size, values } of points) {
    if (!(size > 0) || !Number.isFinite(size)) {
      throw new RangeError(`sweep sizes must be positive finite numbers (got ${size}): the fit takes logs`);
    }
    if (values.length === 0) throw new RangeError(`size ${size} has no runs`);
    for (const value of values) {
      if (!(value > 0) || !Number.isFinite(value)) {
        throw new RangeError(
          `measured values must be positive finite numbers (got ${value} at size ${size})`,
        );
      }
      logSizes.push(Math.log(size));
      logValues.push(Math.log(value));
    }
  }
  if (new Set(logSizes).size < 2) {
    throw new RangeError('a scaling fit needs runs at two or more different sizes');
  }
  const fit = linearRegression(logSizes, logValues);
  const stderr = fit.slopeStderr;
  let ci95: readonly [number, number] | null = null;
  if (stderr !== null) {
    const margin = tQuantile(0.975, fit.df) * stderr;
    ci95 = [fit.slope - margin, fit.slope + margin];
  }
  return {
    exponent: fit.slope,
    stderr,
    ci95,
    coefficient: Math.exp(fit.intercept),
    r2: fit.r2,
    label: labelExponent(fit.slope, ci95, options.constantBelow),
    n: fit.n,
  };
}
