/** What every figure shares (interval.ts): lateness, GC pauses and the judged time. */
import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../../agent/protocol.cjs';
import { judgedMsOf, lateness, pauses } from './interval.js';

const reading = (over: Partial<DoctorReading>): DoctorReading => ({
  t: 0,
  hrUs: 0,
  spanMs: 100,
  cpuUserMs: 0,
  cpuSystemMs: 0,
  gc: {},
  resources: {},
  ...over,
});

describe('lateness', () => {
  it("is the larger of the delay monitor's maximum and the reading timer's own lateness", () => {
    expect(lateness(reading({ spanMs: 103, delay: { p50: 1, p99: 8, max: 9, mean: 2 } }), 100)).toBe(9);
    expect(lateness(reading({ spanMs: 700 }), 100)).toBe(600);
  });

  it('is never below 0, for an early timer or a last reading taken as the process ends', () => {
    expect(lateness(reading({ spanMs: 98 }), 100)).toBe(0);
    expect(lateness(reading({ spanMs: 40, end: true }), 100)).toBe(0);
  });
});

describe('pauses and judged time', () => {
  it('pools the pauses of every kind, and sums the intervals', () => {
    expect(pauses(reading({ gc: { minor: [1, 2], major: [7], weakcb: [0.5] } }))).toEqual([1, 2, 7, 0.5]);
    const interval = (spanMs: number) => ({ pid: 1, reading: reading({ spanMs }), samples: null, late: 0 });
    expect(judgedMsOf([interval(100), interval(250)])).toBe(350);
  });
});
