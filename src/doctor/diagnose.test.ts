import { describe, expect, it } from 'vitest';
import type { DoctorReading } from '../agent/protocol.cjs';
import { diagnose, measure, RULES } from './diagnose.js';
import { lateness } from './figures/interval.js';
import { frameNamer } from './program-frame.js';
import { readTimedSamples } from './timed-samples.js';

const INTERVAL = 100;
const T0 = 1_700_000_000_000;

/** Readings every 100 ms from `T0`: the first (start-up) `startupMs` late, then as `each` says. */
function readings(
  count: number,
  each: (i: number) => Partial<DoctorReading>,
  startupMs = 0,
): DoctorReading[] {
  let t = T0;
  return Array.from({ length: count }, (_, i) => {
    const over = i === 0 ? { spanMs: INTERVAL + startupMs } : each(i);
    const spanMs = over.spanMs ?? INTERVAL;
    t += spanMs;
    return {
      t,
      hrUs: (t - T0) * 1000,
      spanMs,
      delay: { p50: 0.3, p99: 1, max: 1.5, mean: 0.4 },
      cpuUserMs: 5,
      cpuSystemMs: 1,
      gc: {},
      resources: { Timeout: 1 },
      ...over,
    } as DoctorReading;
  });
}

const healthy = (i: number): Partial<DoctorReading> => ({
  cpuUserMs: 60,
  gc: { minor: [0.5] },
  resources: { Timeout: i % 2 },
});

describe('measure and diagnose', () => {
  it('leaves the start-up out and finds nothing in a responsive program', () => {
    const figures = measure([{ pid: 1, readings: readings(20, healthy, 400), samples: null }], INTERVAL, T0);
    expect(figures.startupMs).toBe(400);
    expect(figures.judgedReadings).toBe(19);
    expect(figures.blocks).toEqual([]);
    expect(figures.cpu).toBeCloseTo(0.61, 5);
    expect(figures.gcShare).toBeCloseTo(0.005, 5);
    expect(figures.resources).toEqual({ Timeout: 1 });
    expect(diagnose(figures, true)).toEqual([]);
  });

  it('calls repeated 20 ms blocks event-loop-blocked, and a single 30 ms one not', () => {
    const blocked = (i: number): Partial<DoctorReading> =>
      i % 3 === 0 ? { delay: { p50: 0.3, p99: 19, max: 19.5, mean: 2 }, cpuUserMs: 30 } : { cpuUserMs: 10 };
    const figures = measure([{ pid: 7, readings: readings(30, blocked), samples: null }], INTERVAL, T0);
    expect(figures.blocks).toHaveLength(9);
    const [finding] = diagnose(figures, true);
    expect(finding?.kind).toBe('event-loop-blocked');
    expect(finding?.evidence).toMatch(
      /^blocked for 20 ms .* in 9 of 29 intervals after start-up, at least 6\.1% of the time/,
    );

    const once = (i: number): Partial<DoctorReading> =>
      i === 5 ? { delay: { p50: 0.3, p99: 30, max: 30, mean: 2 }, cpuUserMs: 40 } : { cpuUserMs: 40 };
    expect(
      diagnose(measure([{ pid: 7, readings: readings(30, once), samples: null }], INTERVAL, T0), true),
    ).toEqual([]);
  });

  it('reads a block that the delay monitor missed from the reading timer being late', () => {
    // One block of 600 ms: the monitor's timer never ran in the interval (no delay), the reading ran late.
    const long = (i: number): Partial<DoctorReading> => (i === 4 ? { spanMs: 700, delay: undefined } : {});
    const figures = measure([{ pid: 1, readings: readings(10, long), samples: null }], INTERVAL, T0);
    expect(lateness(readings(10, long)[4] as DoctorReading, INTERVAL)).toBe(600);
    expect(figures.blocks[0]?.ms).toBe(600);
    expect(diagnose(figures, true).map((f) => f.kind)).toEqual(['event-loop-blocked']);
  });

  it('calls GC pauses over 10% of the time gc-pressure', () => {
    const gc = (): Partial<DoctorReading> => ({ cpuUserMs: 90, gc: { major: [8], minor: [2, 3] } });
    const findings = diagnose(
      measure([{ pid: 1, readings: readings(20, gc), samples: null }], INTERVAL, T0),
      true,
    );
    expect(findings.map((f) => f.kind)).toEqual(['gc-pressure']);
    expect(findings[0]?.evidence).toMatch(/13% of the time after start-up: 57 pauses/);
  });

  it('calls a waiting program io-bound only when waiting is not its nature', () => {
    const idle = (): Partial<DoctorReading> => ({ cpuUserMs: 2, cpuSystemMs: 1 });
    const figures = measure([{ pid: 1, readings: readings(20, idle), samples: null }], INTERVAL, T0);
    // No samples, no utilization: io-bound needs both figures.
    expect(diagnose(figures, true)).toEqual([]);
    const withUtilization = { ...figures, utilization: 0.02 };
    expect(diagnose(withUtilization, true).map((f) => f.kind)).toEqual(['io-bound']);
    expect(diagnose(withUtilization, false)).toEqual([]);
  });

  it("judges a server under load on its load's span only", () => {
    // Blocks while it starts (reading 2, 3) and shuts down (reading 18), none under load (4 to 15).
    const server = (i: number): Partial<DoctorReading> =>
      [2, 3, 18].includes(i) ? { delay: { p50: 1, p99: 80, max: 80, mean: 20 } } : {};
    const window = { from: T0 + 450, to: T0 + 1550 };
    const figures = measure(
      [{ pid: 1, readings: readings(20, server), samples: null }],
      INTERVAL,
      T0,
      window,
    );
    expect(figures.scope).toBe('under load');
    expect(figures.judgedReadings).toBe(12);
    expect(figures.blocks).toEqual([]);
    expect(
      measure([{ pid: 1, readings: readings(20, server), samples: null }], INTERVAL, T0).blocks,
    ).toHaveLength(3);
  });

  it('pools processes: the first one gives the start-up, every one its blocks', () => {
    const blocked = (): Partial<DoctorReading> => ({ delay: { p50: 1, p99: 25, max: 25, mean: 5 } });
    const figures = measure(
      [
        { pid: 1, readings: readings(10, () => ({}), 250), samples: null },
        { pid: 2, readings: readings(10, blocked, 900), samples: null },
      ],
      INTERVAL,
      T0,
    );
    expect(figures.startupMs).toBe(250);
    expect(figures.judgedReadings).toBe(18);
    expect(new Set(figures.blocks.map((b) => b.pid))).toEqual(new Set([2]));
    expect(figures.judgedReadings).toBeGreaterThanOrEqual(RULES.minReadings);
  });

  it('names what ran in the longest busy stretch of a block, in the program, not the agent', () => {
    // (root) -> idle | main -> hot -> JSON.parse(node:) | agent read
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)' }, children: [2, 3, 6] },
        { id: 2, callFrame: { functionName: '(idle)' } },
        {
          id: 3,
          callFrame: { functionName: 'main', url: 'file:///app/main.js', lineNumber: 0 },
          children: [4],
        },
        {
          id: 4,
          callFrame: { functionName: 'hot', url: 'file:///app/main.js', lineNumber: 9 },
          children: [5],
        },
        { id: 5, callFrame: { functionName: 'parse', url: 'node:internal/json' } },
        { id: 6, callFrame: { functionName: 'read', url: 'file:///agent/doctor.cjs', lineNumber: 3 } },
      ],
      startTime: 0,
      // 1 ms samples: idle to 100 ms, then 20 ms in hot (half in JSON.parse), 1 ms agent, idle.
      samples: [...Array(100).fill(2), ...Array(10).fill(4), ...Array(10).fill(5), 6, ...Array(69).fill(2)],
      timeDeltas: Array(190).fill(1000),
      endTime: 191_000,
    };
    const samples = readTimedSamples(
      profile,
      frameNamer('/app', '/agent', (frame) => frame),
    );
    // The 21 ms block (the agent's sample too) is in the second reading's interval, (100, 200] ms.
    const reading = readings(3, (i) => (i === 1 ? { delay: { p50: 0, p99: 21, max: 21, mean: 1 } } : {}));
    const figures = measure([{ pid: 1, readings: reading, samples }], INTERVAL, T0);
    expect(figures.blocks).toHaveLength(1);
    expect(figures.blocks[0]?.functions).toEqual([{ function: 'hot', file: 'main.js', line: 10, ms: 20 }]);
    // 21 busy samples (the agent's included) of the 90 in that interval; the third has none.
    expect(figures.moduleLoadingMs).toBe(0);
    expect(figures.utilization).toBeCloseTo(21 / 90, 3);
  });

  it('puts a block spent loading modules down to loading, not to the program', () => {
    // (root) -> ESM loader -> translate (30 ms), then idle.
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)' }, children: [2, 3] },
        { id: 2, callFrame: { functionName: '(idle)' } },
        {
          id: 3,
          callFrame: { functionName: 'import', url: 'node:internal/modules/esm/loader' },
          children: [4],
        },
        { id: 4, callFrame: { functionName: 'translate', url: 'file:///app/node_modules/tsx/dist/x.mjs' } },
      ],
      startTime: 0,
      samples: [...Array(100).fill(2), ...Array(30).fill(4), ...Array(60).fill(2)],
      timeDeltas: Array(190).fill(1000),
      endTime: 191_000,
    };
    const samples = readTimedSamples(
      profile,
      frameNamer('/app', '/agent', (frame) => frame),
    );
    const reading = readings(3, (i) => (i === 1 ? { delay: { p50: 0, p99: 30, max: 30, mean: 1 } } : {}));
    const figures = measure([{ pid: 1, readings: reading, samples }], INTERVAL, T0);
    expect(figures.blocks).toEqual([]);
    expect(figures.moduleLoadingMs).toBe(30);
    // Its interval is left out, as start-up is: the delay figures do not count it.
    expect(figures.judgedReadings).toBe(1);
    expect(figures.eventLoopDelayMs?.max).toBe(1.5);
  });
});
