/**
 * Which readings are judged, before any figure is computed (as clinic doctor's guess-interval.js
 * comes before its analysers): start-up is not, nor anything outside a server's load, nor a block
 * spent loading modules. Kept apart so every figure reads the same intervals.
 */
import type { DoctorReading } from '../../agent/protocol.cjs';
import { longestBusyRun, type TimedSamples } from '../timed-samples.js';
import { intervalStartUs, type JudgedInterval, lateness, r2 } from './interval.js';

/** One Node process's readings and CPU samples, as collected. */
export interface ProcessReadings {
  pid: number;
  readings: DoctorReading[];
  samples: TimedSamples | null;
}

export interface Judging {
  /** The first process's start-up, ms: its first interval, not judged. */
  startupMs: number;
  /** Time of blocks spent mostly loading modules after the first interval, ms: not judged. */
  moduleLoadingMs: number;
  /** The judged intervals of every process, in the order their readings were taken. */
  intervals: JudgedInterval[];
}

/**
 * The judged intervals of a workload's processes. With a `window` (epoch ms: a server's load), only
 * the intervals whose middle falls in it; `blockMs` is how late a timer must run to hold a block.
 */
export function judge(
  processes: ProcessReadings[],
  intervalMs: number,
  blockMs: number,
  window?: { from: number; to: number },
): Judging {
  let startupMs = 0;
  const inWindow = (r: DoctorReading): boolean => {
    const middle = r.t - r.spanMs / 2;
    return !window || (middle >= window.from && middle <= window.to);
  };
  const candidates: JudgedInterval[] = [];
  processes.forEach(({ pid, readings, samples }, index) => {
    const [first, ...rest] = [...readings].sort((a, b) => a.hrUs - b.hrUs);
    if (!first) return;
    // Only the first process's start-up is the workload's; a child's is part of its parent's time.
    if (index === 0) startupMs = first.end ? first.spanMs : lateness(first, intervalMs);
    for (const reading of rest)
      if (inWindow(reading)) candidates.push({ pid, reading, samples, late: lateness(reading, intervalMs) });
  });
  candidates.sort((a, b) => a.reading.t - b.reading.t);

  // Each block's busy stretch in the samples. A block with Node's module loader on the stack most of
  // the time is code being loaded (ES modules load between timer turns, so start-up outlasts the
  // first interval): its interval is left out, as start-up is, and only its length reported.
  let loadingMs = 0;
  const intervals: JudgedInterval[] = [];
  for (const j of candidates) {
    if (j.late >= blockMs && j.samples) {
      j.run = longestBusyRun(j.samples, intervalStartUs(j.reading), j.reading.hrUs);
      if (j.run && j.run.loadingShare > 0.5) {
        loadingMs += j.late;
        continue;
      }
    }
    intervals.push(j);
  }
  return { startupMs, moduleLoadingMs: r2(loadingMs), intervals };
}
