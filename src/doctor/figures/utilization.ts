/**
 * The loop's utilization: the share of the time it was busy rather than waiting in the OS, from the
 * CPU samples (libuv's own figure is broken by the profiler's signals: docs/doctor-method.md).
 */
import { busyShare } from '../timed-samples.js';
import { type Analyser, intervalStartUs, type JudgedInterval, r4, sum } from './interval.js';

/** The interval's busy share, or null without samples (or too few of them in it) to tell. */
export const intervalUtilization = ({ reading, samples }: JudgedInterval): number | null =>
  samples ? busyShare(samples, intervalStartUs(reading), reading.hrUs) : null;

/** Weighted by the intervals' lengths, over those with enough samples to tell; null over none. */
export const analyseUtilization: Analyser<number | null> = (intervals) => {
  const busy = intervals.map(intervalUtilization);
  const spanMs = (i: number): number => (intervals[i] as JudgedInterval).reading.spanMs;
  const busyMs = sum(busy.map((b, i) => (b === null ? 0 : b * spanMs(i))));
  const busyOfMs = sum(busy.map((b, i) => (b === null ? 0 : spanMs(i))));
  return r4(busyOfMs > 0 ? busyMs / busyOfMs : null);
};
