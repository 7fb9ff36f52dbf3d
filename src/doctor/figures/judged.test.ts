/** Which readings are judged (judged.ts): start-up, a server's load window and module loading. */
import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../../agent/protocol.cjs';
import { AGENT, type TimedSamples } from '../timed-samples.js';
import { judge } from './judged.js';

/** A reading at `t` ms (its hrUs on the same clock, in µs), `late` ms late by the delay monitor. */
const reading = (t: number, spanMs: number, late?: number): DoctorReading => ({
  t,
  hrUs: t * 1000,
  spanMs,
  ...(late === undefined ? {} : { delay: { p50: 0, p99: late, max: late, mean: 0 } }),
  cpuUserMs: 0,
  cpuSystemMs: 0,
  gc: {},
  resources: {},
});

// Busy 10 ms samples from 410 ms to 600 ms: in Node's module loader to 500 ms, then in the program.
const samples: TimedSamples = {
  startUs: Float64Array.from({ length: 20 }, (_, i) => 410_000 + i * 10_000),
  durationUs: new Float64Array(20).fill(10_000),
  busy: new Uint8Array(20).fill(1),
  loading: Uint8Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0)),
  frame: new Uint32Array(20).fill(AGENT),
  functions: [],
};

// The first process starts for 400 ms (300 ms late), loads modules in a 30.456 ms block, then blocks
// 20 ms in its own code; the second starts for 150 ms and is then on time.
const first = [reading(400, 400), reading(500, 100, 30.456), reading(600, 100, 20), reading(700, 100, 2)];
const second = [reading(450, 150), reading(550, 100, 1)];
const processes = [
  { pid: 1, readings: [...first].reverse(), samples },
  { pid: 2, readings: second, samples: null },
];

describe('judge', () => {
  it("leaves out start-ups and blocks spent loading modules; the first process's start-up is the run's", () => {
    const { startupMs, moduleLoadingMs, intervals } = judge(processes, 100, 10);
    expect(startupMs).toBe(300);
    expect(moduleLoadingMs).toBe(30.46);
    expect(intervals.map((j) => [j.pid, j.reading.t, j.late])).toEqual([
      [2, 550, 1],
      [1, 600, 20],
      [1, 700, 2],
    ]);
    // A block's busy stretch is kept for its functions; an interval on time has none looked up.
    expect(intervals[1]?.run).toEqual({ startUs: 510_000, ms: 100, loadingShare: 0, functions: [] });
    expect(intervals[2]?.run).toBeUndefined();
  });

  it("judges only the intervals whose middle falls in a server's load", () => {
    const { startupMs, moduleLoadingMs, intervals } = judge(processes, 100, 10, { from: 540, to: 660 });
    expect(startupMs).toBe(300);
    expect(moduleLoadingMs).toBe(0);
    expect(intervals.map((j) => j.reading.t)).toEqual([600, 700]);
  });

  it('takes a first reading taken as the process ended as the whole start-up', () => {
    const ended = { ...reading(42, 42), end: true as const };
    expect(judge([{ pid: 1, readings: [ended], samples: null }], 100, 10)).toEqual({
      startupMs: 42,
      moduleLoadingMs: 0,
      intervals: [],
    });
  });
});
