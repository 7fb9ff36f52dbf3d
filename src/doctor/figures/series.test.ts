/** The chart's series (series.ts): each interval's figures, in the order the JSON writes them. */
import { describe, expect, it } from 'vitest';
import { AGENT } from '../timed-samples.js';
import type { JudgedInterval } from './interval.js';
import { analyseSeries } from './series.js';

const run = { startedAt: 1_000, blockMs: 10 };
// Ten 10 ms samples over (0, 100] ms, 4 of them busy.
const samples = {
  startUs: Float64Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000),
  durationUs: new Float64Array(10).fill(10_000),
  busy: Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0]),
  loading: new Uint8Array(10),
  frame: new Uint32Array(10).fill(AGENT),
  functions: [],
};

describe('analyseSeries', () => {
  it("gives each interval its own figures, in the JSON's order, leaving out what it lacks", () => {
    const intervals: JudgedInterval[] = [
      {
        pid: 1,
        reading: {
          t: 1_100,
          hrUs: 100_000,
          spanMs: 100,
          delay: { p50: 0.5, p99: 12, max: 14, mean: 1 },
          cpuUserMs: 30,
          cpuSystemMs: 5,
          gc: { minor: [2, 3] },
          resources: {},
        },
        samples,
        late: 14,
      },
      {
        pid: 1,
        reading: {
          t: 1_800,
          hrUs: 800_000,
          spanMs: 700,
          cpuUserMs: 700,
          cpuSystemMs: 0,
          gc: {},
          resources: {},
        },
        samples: null,
        late: 600,
      },
    ];
    const series = analyseSeries(intervals, run);
    expect(series).toEqual([
      { t: 0.1, delayMaxMs: 14, delayP99Ms: 12, utilization: 0.4, cpu: 0.35, gcShare: 0.05 },
      { t: 0.8, delayMaxMs: 600, cpu: 1, gcShare: 0 },
    ]);
    expect(Object.keys(series[0] as object)).toEqual([
      't',
      'delayMaxMs',
      'delayP99Ms',
      'utilization',
      'cpu',
      'gcShare',
    ]);
  });
});
