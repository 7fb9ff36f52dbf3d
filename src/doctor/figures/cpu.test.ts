/** The CPU figure (cpu.ts), with exact numbers: an interval's own and the pooled one. */
import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../../agent/protocol.cjs';
import { analyseCpu, intervalCpu } from './cpu.js';
import type { JudgedInterval } from './interval.js';

const run = { startedAt: 0, blockMs: 10 };
const reading = (spanMs: number, cpuUserMs: number, cpuSystemMs: number): DoctorReading => ({
  t: 0,
  hrUs: 0,
  spanMs,
  cpuUserMs,
  cpuSystemMs,
  gc: {},
  resources: {},
});
const interval = (r: DoctorReading): JudgedInterval => ({ pid: 1, reading: r, samples: null, late: 0 });

describe('intervalCpu', () => {
  it("is the interval's user and system CPU time over its length, to 4 places", () => {
    expect(intervalCpu(reading(100, 50, 10))).toBe(0.6);
    expect(intervalCpu(reading(3, 1, 0))).toBe(0.3333);
    expect(intervalCpu(reading(0, 5, 1))).toBe(0);
  });
});

describe('analyseCpu', () => {
  it('pools the CPU time of every interval over the judged time', () => {
    // (50 + 10 + 90 + 30) / (100 + 300)
    expect(analyseCpu([interval(reading(100, 50, 10)), interval(reading(300, 90, 30))], run)).toBe(0.45);
  });

  it('is null when no time was judged', () => {
    expect(analyseCpu([], run)).toBeNull();
  });
});
