/** The event-loop delay figure (delay.ts), with exact numbers: where its median, p99 and max come from. */
import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../../agent/protocol.cjs';
import { analyseDelay } from './delay.js';
import type { JudgedInterval } from './interval.js';

const run = { startedAt: 0, blockMs: 10 };
const interval = (late: number, delay?: DoctorReading['delay']): JudgedInterval => ({
  pid: 1,
  reading: { t: 0, hrUs: 0, spanMs: 100, cpuUserMs: 0, cpuSystemMs: 0, gc: {}, resources: {}, delay },
  samples: null,
  late,
});

describe('analyseDelay', () => {
  it("takes the median and p99 from the delay monitor, the maximum from the intervals' lateness", () => {
    const intervals = [
      interval(1.5, { p50: 1, p99: 5, max: 1.5, mean: 1 }),
      interval(25, { p50: 3, p99: 25, max: 25, mean: 4 }),
      // A block the monitor's timer never saw: only the reading timer's lateness holds it.
      interval(40),
    ];
    expect(analyseDelay(intervals, run)).toEqual({ p50: 2, p99: 24.8, max: 40 });
  });

  it('falls back on the lateness where the monitor never ran', () => {
    expect(analyseDelay([interval(2), interval(30), interval(4)], run)).toEqual({
      p50: 4,
      p99: 29.48,
      max: 30,
    });
  });

  it('is null without a judged interval', () => {
    expect(analyseDelay([], run)).toBeNull();
  });
});
