/**
 * How long a run must be before its verdict settles: the shortest prefix of a series after which the
 * classifier's verdict no longer changes as more samples arrive. Used to choose default run durations
 * for `profile memory` and to say in the docs how long the classifier needs on each kind of growth.
 */
import { classifyGrowth, type GrowthKind } from '../../src/memory/classify.js';
import type { ClassifyOptions } from '../../src/memory/options.js';
import type { SeriesPoint } from '../../src/memory/series.js';

/** When the verdict settled and on what; `settledAtSec` is the prefix's last time. */
export interface Settling {
  verdict: GrowthKind;
  /** Seconds from the first point to the end of the shortest prefix from which the verdict holds. */
  settledAtSec: number;
  /** Verdict changes seen while the prefix grew. */
  changes: number;
}

/** Classifies every prefix of time-ordered `points` and reports where the verdict stopped changing. */
export function verdictSettling(
  points: readonly SeriesPoint[],
  opts: Partial<ClassifyOptions> = {},
): Settling {
  const first = points[0];
  if (first === undefined) throw new RangeError('verdictSettling needs at least one point');
  let settledIndex = 0;
  let previous: GrowthKind | undefined;
  let changes = 0;
  for (let end = 1; end <= points.length; end++) {
    const verdict = classifyGrowth(points.slice(0, end), opts).verdict;
    if (verdict !== previous) {
      if (previous !== undefined) changes++;
      previous = verdict;
      settledIndex = end - 1;
    }
  }
  return {
    verdict: previous as GrowthKind,
    settledAtSec: (points[settledIndex] as SeriesPoint).t - first.t,
    changes,
  };
}
