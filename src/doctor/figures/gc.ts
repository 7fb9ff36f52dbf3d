/**
 * The GC figures: the share of the judged time spent in GC pauses (what gc-pressure rests on) and
 * the pauses' count and lengths, for the evidence.
 */
import type { DoctorReading } from '../../agent/protocol.cjs';
import { percentile } from '../../stats/percentile.js';
import { type Analyser, ascending, judgedMsOf, pauses, r2, r4, sum } from './interval.js';

export interface GcPauses {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The interval's own share in GC pauses, at most 1, for the series; 0 for an interval of no length. */
export const intervalGcShare = (reading: DoctorReading): number =>
  r4(reading.spanMs > 0 ? Math.min(1, sum(pauses(reading)) / reading.spanMs) : 0) as number;

/** `gcShare` null when no time was judged, `gcPausesMs` null without a pause. */
export const analyseGc: Analyser<{ gcShare: number | null; gcPausesMs: GcPauses | null }> = (intervals) => {
  const judgedMs = judgedMsOf(intervals);
  const all = ascending(intervals.flatMap((j) => pauses(j.reading)));
  return {
    gcShare: r4(judgedMs > 0 ? sum(all) / judgedMs : null),
    gcPausesMs:
      all.length === 0
        ? null
        : {
            count: all.length,
            p50: r2(percentile(all, 50)),
            p99: r2(percentile(all, 99)),
            max: all.at(-1) ?? 0,
          },
  };
};
