/** The utilization figure (utilization.ts), with exact numbers: busy shares and their weighting. */
import { describe, expect, it } from 'vitest';
import { AGENT, type TimedSamples } from '../timed-samples.js';
import type { JudgedInterval } from './interval.js';
import { analyseUtilization, intervalUtilization } from './utilization.js';

const run = { startedAt: 0, blockMs: 10 };

/** One 10 ms sample after another from 10 ms on, busy (1) or idle (0). */
function timed(busy: number[]): TimedSamples {
  const n = busy.length;
  return {
    startUs: Float64Array.from(busy, (_, i) => (i + 1) * 10_000),
    durationUs: new Float64Array(n).fill(10_000),
    busy: Uint8Array.from(busy),
    loading: new Uint8Array(n),
    frame: new Uint32Array(n).fill(AGENT),
    functions: [],
  };
}

const interval = (hrUs: number, spanMs: number, samples: TimedSamples | null): JudgedInterval => ({
  pid: 1,
  reading: { t: 0, hrUs, spanMs, cpuUserMs: 0, cpuSystemMs: 0, gc: {}, resources: {} },
  samples,
  late: 0,
});

// 100 ms with 3 of its 10 samples busy, then 200 ms with 15 of its 20.
const samples = timed([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, ...Array(15).fill(1), 0, 0, 0, 0, 0]);

describe('intervalUtilization', () => {
  it("is the busy share of the interval's samples", () => {
    expect(intervalUtilization(interval(100_000, 100, samples))).toBe(0.3);
    expect(intervalUtilization(interval(300_000, 200, samples))).toBe(0.75);
  });

  it('is null without samples, or with fewer than 5 in the interval', () => {
    expect(intervalUtilization(interval(100_000, 100, null))).toBeNull();
    expect(intervalUtilization(interval(40_000, 40, samples))).toBeNull();
  });
});

describe('analyseUtilization', () => {
  it('weighs each interval by its length, over those with samples to tell', () => {
    const intervals = [
      interval(100_000, 100, samples),
      interval(300_000, 200, samples),
      interval(400_000, 100, null),
    ];
    // (0.3 × 100 + 0.75 × 200) / 300
    expect(analyseUtilization(intervals, run)).toBe(0.6);
  });

  it('is null when no interval tells', () => {
    expect(analyseUtilization([interval(100_000, 100, null)], run)).toBeNull();
    expect(analyseUtilization([], run)).toBeNull();
  });
});
