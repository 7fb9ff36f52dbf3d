/**
 * The lower envelope of a memory series: the minimum of each time window. A garbage-collected heap
 * climbs between collections and falls back to a floor after each; the climb is allocation that is
 * freed again, the floor is what the program keeps. A leak raises the floor, so trends are fitted to
 * the floor, and windows are stretched to span at least one whole GC cycle when a sawtooth is seen.
 */
import type { ClassifyOptions } from './options.js';
import type { SeriesPoint } from './series.js';
import { median } from './trend.js';

/** The envelope and how it was built, for the verdict's supporting figures. */
export interface Envelope {
  /** One point per non-empty window: the minimum value at the time it was observed. */
  points: SeriesPoint[];
  windowSec: number;
  /** Median time between detected GC drops, when at least two were seen. */
  sawtoothPeriodSec?: number;
  /** Number of falls counted as GC drops. */
  drops: number;
}

/**
 * Times of the falls that stand out from sample-to-sample noise: larger than `dropNoiseMultiple`
 * robust standard deviations of the differences, and than `minDrop` bytes (so a perfectly smooth
 * series, whose differences have no spread, does not turn every wobble into a collection). A fall
 * within `burstLookback` samples of a rise as large is an allocation burst returning, not a GC
 * ending a climb: counting those made rare bursts look like a long GC cycle.
 */
function gcDropTimes(
  points: readonly SeriesPoint[],
  dropNoiseMultiple: number,
  minDrop: number,
  burstLookback: number,
): number[] {
  if (points.length < 3) return [];
  const diffs = points.slice(1).map((p, i) => p.v - (points[i] as SeriesPoint).v);
  const centre = median(diffs);
  const robustSd = 1.4826 * median(diffs.map((d) => Math.abs(d - centre)));
  const threshold = Math.max(dropNoiseMultiple * robustSd, minDrop);
  const times: number[] = [];
  diffs.forEach((d, i) => {
    if (-d <= threshold) return;
    const burst = diffs.slice(Math.max(0, i - burstLookback), i).some((rise) => rise > threshold);
    if (!burst) times.push((points[i + 1] as SeriesPoint).t);
  });
  return times;
}

/**
 * Window minima of time-ordered points. The window is the longest of: the span divided by
 * `envelopeWindows`, `minPointsPerWindow` median sample intervals, and `sawtoothWindowFactor` GC periods.
 * `minDrop` is the smallest fall in bytes that may count as a collection.
 */
export function lowerEnvelope(
  points: readonly SeriesPoint[],
  options: Pick<
    ClassifyOptions,
    'envelopeWindows' | 'minPointsPerWindow' | 'sawtoothWindowFactor' | 'dropNoiseMultiple' | 'burstLookback'
  >,
  minDrop: number,
): Envelope {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return { points: [], windowSec: 0, drops: 0 };
  const span = last.t - first.t;
  const intervals = points.slice(1).map((p, i) => p.t - (points[i] as SeriesPoint).t);
  const sampleInterval = intervals.length > 0 ? median(intervals) : 0;
  let windowSec = Math.max(span / options.envelopeWindows, options.minPointsPerWindow * sampleInterval);

  const drops = gcDropTimes(points, options.dropNoiseMultiple, minDrop, options.burstLookback);
  let sawtoothPeriodSec: number | undefined;
  if (drops.length >= 2) {
    sawtoothPeriodSec = median(drops.slice(1).map((t, i) => t - (drops[i] as number)));
    windowSec = Math.max(windowSec, options.sawtoothWindowFactor * sawtoothPeriodSec);
  }
  if (!(windowSec > 0)) return { points: [...points], windowSec: 0, drops: drops.length };

  // Equal windows that tile the span exactly; the last sample belongs to the last window. The epsilon
  // keeps 3 s / 0.5 s at 6 windows when the sample interval is 0.1000000001 s.
  const count = Math.max(1, Math.floor(span / windowSec + 1e-9));
  const width = span / count;
  const minima: (SeriesPoint | undefined)[] = new Array(count).fill(undefined);
  for (const p of points) {
    const index = Math.min(count - 1, Math.floor((p.t - first.t) / width));
    const current = minima[index];
    if (current === undefined || p.v < current.v) minima[index] = p;
  }
  const envelope: Envelope = {
    points: minima.filter((p): p is SeriesPoint => p !== undefined),
    windowSec: width,
    drops: drops.length,
  };
  if (sawtoothPeriodSec !== undefined) envelope.sawtoothPeriodSec = sawtoothPeriodSec;
  return envelope;
}
