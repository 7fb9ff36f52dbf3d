/**
 * What every figure of the doctor's diagnosis reads, in one place: the judged interval, the one
 * signature all analysers share (as clinic doctor's analysis/analyse-*.js share theirs), and the
 * arithmetic they have in common, so that lateness or a GC pause means the same in every figure.
 */
import type { DoctorReading } from '../../agent/protocol.cjs';
import type { longestBusyRun, TimedSamples } from '../timed-samples.js';

/** One reading that is judged (after start-up, in the load's window), with what was worked out for it. */
export interface JudgedInterval {
  pid: number;
  reading: DoctorReading;
  samples: TimedSamples | null;
  /** lateness(reading), ms. */
  late: number;
  /** A block's longest busy stretch in the samples. */
  run?: ReturnType<typeof longestBusyRun>;
}

/** What an analyser knows of the run besides its intervals. */
export interface RunContext {
  /** The run's start, epoch ms: blocks and the series are placed in seconds from it. */
  startedAt: number;
  /** How late a timer must run for its interval to hold a block, ms (RULES.blockMs). */
  blockMs: number;
}

/** One figure (or a few that come together) from the judged intervals of every process, pooled. */
export type Analyser<T> = (intervals: readonly JudgedInterval[], run: RunContext) => T;

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
export const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);
/** Figures for the JSON: µs-precise milliseconds and shares to 4 places are noise beyond that. */
export const r2 = (value: number): number => Number(value.toFixed(2));
export const r4 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(4)));

/** How late the loop ran its timers in the reading's interval, ms. */
export function lateness(reading: DoctorReading, intervalMs: number): number {
  const timer = reading.spanMs - intervalMs;
  return Math.max(0, reading.delay?.max ?? 0, reading.end ? Math.max(0, timer) : timer);
}

/** Where the reading's interval starts, on the samples' clock. */
export const intervalStartUs = (r: DoctorReading): number => r.hrUs - r.spanMs * 1000;

/** Every GC pause of the reading's interval, of any kind, ms. */
export const pauses = (r: DoctorReading): number[] => Object.values(r.gc).flat();

/** The judged time: the intervals' lengths, summed, ms. */
export const judgedMsOf = (intervals: readonly JudgedInterval[]): number =>
  sum(intervals.map((j) => j.reading.spanMs));
