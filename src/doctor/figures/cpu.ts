/**
 * The CPU figure: the process's CPU time (user and system) over the time it took, 1 = one core busy.
 * A low figure with an idle loop is what io-bound rests on.
 */
import type { DoctorReading } from '../../agent/protocol.cjs';
import { type Analyser, judgedMsOf, r4, sum } from './interval.js';

/** The interval's own CPU figure, for the series; 0 for an interval of no length. */
export const intervalCpu = (reading: DoctorReading): number =>
  r4(reading.spanMs > 0 ? (reading.cpuUserMs + reading.cpuSystemMs) / reading.spanMs : 0) as number;

/** Over every judged interval; null when no time was judged. */
export const analyseCpu: Analyser<number | null> = (intervals) => {
  const judgedMs = judgedMsOf(intervals);
  return r4(
    judgedMs > 0 ? sum(intervals.map((j) => j.reading.cpuUserMs + j.reading.cpuSystemMs)) / judgedMs : null,
  );
};
