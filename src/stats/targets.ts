/**
 * The target rule of `profile validate`: each measurement's statistic (mean, p95, peak RSS, ...) has a
 * limit and a tolerance from the config.
 *
 *   measured <= limit                          -> 'pass'  (exactly at the limit passes)
 *   limit < measured <= limit * (1 + tolerance) -> 'warn'  (exactly at the warn bound warns)
 *   measured > limit * (1 + tolerance)          -> 'fail'
 *
 * Edge cases, by design:
 * - tolerance 0 means no warn band: anything above the limit fails.
 * - Both comparisons allow 4 units in the last place of slack, because the bound is computed in binary
 *   floating point: 0.3 + 0.3 * 0.1 is 0.32999999999999996, and a measurement of exactly 0.33 s must
 *   warn, not fail. The slack (about 1e-15 relative) never changes a verdict that a real measurement earns.
 * - A negative limit (a "change" measurement) widens upwards too: the warn bound is
 *   limit + |limit| * tolerance, so the band always lies above the limit.
 * - A non-finite measurement, limit or tolerance, or a negative tolerance, throws: a missing
 *   measurement is the caller's failure to report, not a silent 'fail' here.
 */

/** The three outcomes of a target check, ordered from best to worst. */
export type TargetVerdict = 'pass' | 'warn' | 'fail';

/** Relative slack for comparisons against computed bounds (see the module comment). */
const ROUNDING_SLACK = 4 * Number.EPSILON;

function atMost(value: number, bound: number): boolean {
  return value <= bound + Math.abs(bound) * ROUNDING_SLACK;
}

/** The upper edge of the warn band, exposed so reports can print "warn up to X". */
export function warnBound(limit: number, tolerance: number): number {
  if (!Number.isFinite(limit)) throw new RangeError(`target limit must be a finite number (got ${limit})`);
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(
      `target tolerance must be a finite number >= 0, e.g. 0.1 for 10% (got ${tolerance})`,
    );
  }
  return limit + Math.abs(limit) * tolerance;
}

/** Decides pass / warn / fail for one measured statistic against its configured limit and tolerance. */
export function evaluateTarget(measured: number, limit: number, tolerance: number): TargetVerdict {
  const upper = warnBound(limit, tolerance);
  if (!Number.isFinite(measured)) {
    throw new RangeError(`measured value must be a finite number (got ${measured})`);
  }
  if (atMost(measured, limit)) return 'pass';
  if (atMost(measured, upper)) return 'warn';
  return 'fail';
}
