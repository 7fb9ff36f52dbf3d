/**
 * The target rule of `profile validate`: each measurement's statistic (mean, p95, peak RSS, rps, ...)
 * has a limit and a tolerance from the config. A `max` limit bounds from above (times, bytes,
 * latency: lower is better), a `min` limit from below (requests per second: higher is better).
 *
 *   max: measured <= limit                              -> 'pass'  (exactly at the limit passes)
 *        limit < measured <= limit * (1 + tolerance)    -> 'warn'  (exactly at the warn bound warns)
 *        measured > limit * (1 + tolerance)             -> 'fail'
 *   min: measured >= limit                              -> 'pass'
 *        limit * (1 - tolerance) <= measured < limit    -> 'warn'
 *        measured < limit * (1 - tolerance)             -> 'fail'
 *
 * Edge cases, by design:
 * - tolerance 0 means no warn band: anything beyond the limit fails.
 * - Both comparisons allow 4 units in the last place of slack, because the bound is computed in binary
 *   floating point: 0.3 + 0.3 * 0.1 is 0.32999999999999996, and a measurement of exactly 0.33 s must
 *   warn, not fail. The slack (about 1e-15 relative) never changes a verdict that a real measurement earns.
 * - A negative limit (a "change" measurement) widens outwards too: the warn bound of a max is
 *   limit + |limit| * tolerance and of a min limit - |limit| * tolerance, so the band always lies
 *   beyond the limit.
 * - A non-finite measurement, limit or tolerance, or a negative tolerance, throws: a missing
 *   measurement is the caller's failure to report, not a silent 'fail' here.
 */

/** The three outcomes of a target check, ordered from best to worst. */
export type TargetVerdict = 'pass' | 'warn' | 'fail';

/** Which side a limit bounds: `max` from above (lower is better), `min` from below (higher is better). */
export type TargetBound = 'max' | 'min';

/** Relative slack for comparisons against computed bounds (see the module comment). */
const ROUNDING_SLACK = 4 * Number.EPSILON;

function atMost(value: number, bound: number): boolean {
  return value <= bound + Math.abs(bound) * ROUNDING_SLACK;
}

function atLeast(value: number, bound: number): boolean {
  return value >= bound - Math.abs(bound) * ROUNDING_SLACK;
}

/**
 * The outer edge of the warn band, exposed so reports can print "warn up to X" (a max) or "warn
 * down to X" (a min).
 */
export function warnBound(limit: number, tolerance: number, bound: TargetBound = 'max'): number {
  if (!Number.isFinite(limit)) throw new RangeError(`target limit must be a finite number (got ${limit})`);
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(
      `target tolerance must be a finite number >= 0, e.g. 0.1 for 10% (got ${tolerance})`,
    );
  }
  const band = Math.abs(limit) * tolerance;
  return bound === 'max' ? limit + band : limit - band;
}

/** Decides pass / warn / fail for one measured statistic against its configured limit and tolerance. */
export function evaluateTarget(
  measured: number,
  limit: number,
  tolerance: number,
  bound: TargetBound = 'max',
): TargetVerdict {
  const outer = warnBound(limit, tolerance, bound);
  if (!Number.isFinite(measured)) {
    throw new RangeError(`measured value must be a finite number (got ${measured})`);
  }
  const within = bound === 'max' ? atMost : atLeast;
  if (within(measured, limit)) return 'pass';
  if (within(measured, outer)) return 'warn';
  return 'fail';
}
