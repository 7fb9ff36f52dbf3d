/** The GC figures (gc.ts), with exact numbers: an interval's share, and the pooled share and pauses. */
import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../../agent/protocol.cjs';
import { analyseGc, intervalGcShare } from './gc.js';
import type { JudgedInterval } from './interval.js';

const run = { startedAt: 0, blockMs: 10 };
const reading = (spanMs: number, gc: DoctorReading['gc']): DoctorReading => ({
  t: 0,
  hrUs: 0,
  spanMs,
  cpuUserMs: 0,
  cpuSystemMs: 0,
  gc,
  resources: {},
});
const interval = (r: DoctorReading): JudgedInterval => ({ pid: 1, reading: r, samples: null, late: 0 });

describe('intervalGcShare', () => {
  it("is the interval's pauses of every kind over its length, at most 1", () => {
    expect(intervalGcShare(reading(100, { minor: [1, 2], major: [7] }))).toBe(0.1);
    expect(intervalGcShare(reading(100, { major: [150] }))).toBe(1);
    expect(intervalGcShare(reading(0, { minor: [1] }))).toBe(0);
  });
});

describe('analyseGc', () => {
  it('pools the pauses of every interval: their share of the judged time, count and lengths', () => {
    const intervals = [
      interval(reading(100, { minor: [1, 2], major: [7] })),
      interval(reading(100, { minor: [0.5] })),
    ];
    // 10.5 ms of 200; pauses 0.5, 1, 2, 7.
    expect(analyseGc(intervals, run)).toEqual({
      gcShare: 0.0525,
      gcPausesMs: { count: 4, p50: 1.5, p99: 6.85, max: 7 },
    });
  });

  it('has no pauses to describe without one, and no share without judged time', () => {
    expect(analyseGc([interval(reading(100, {}))], run)).toEqual({ gcShare: 0, gcPausesMs: null });
    expect(analyseGc([], run)).toEqual({ gcShare: null, gcPausesMs: null });
  });
});
