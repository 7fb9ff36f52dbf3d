/**
 * A server's runs into rps and latency measurements, on runs with known latencies recorded into
 * real histograms: the pooled latency is every request's (the merge), not an average of the runs';
 * a run whose load got errors or non-2xx responses is a failure; the load figures add up.
 */
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../load/drive-server.js';
import { LatencyHistogram } from '../../load/latency-histogram.js';
import { loadProblem } from './load-problem.js';
import { histogramSummary, loadMeasurements, serverLoad } from './measure-load.js';
import { runFailures } from './measure-workload.js';
import type { TimedRun, TimedRuns } from './time-runs.js';

type HttpLoad = Extract<LoadResult, { kind: 'http' }>;

/** A run whose every request took one of `latenciesMs`, over one second of load. */
function run(index: number, latenciesMs: number[], extra: Partial<HttpLoad> = {}): TimedRun {
  const histogram = LatencyHistogram.create();
  for (const ms of latenciesMs) histogram.recordMs(ms);
  const requests = latenciesMs.length;
  const load: HttpLoad = {
    kind: 'http',
    host: '127.0.0.1',
    port: 3000 + index,
    readyMs: 100,
    startedAt: 0,
    endedAt: 1000,
    timeline: [],
    requests,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statusCodes: { 200: requests },
    rps: requests,
    durationMs: 1000,
    latencyMs: histogram.summary(),
    latencyHistogram: histogram.encode(),
    ...extra,
  };
  return {
    index,
    warmup: false,
    state: 'ok',
    stoppedAfterDuration: false,
    wallMs: 1200,
    userMs: 100,
    sysMs: 10,
    cpuSource: 'children',
    peakRssMb: 50,
    probes: {},
    nodeProcesses: 1,
    load,
  };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('loadMeasurements', () => {
  // Run 1: 100 requests of 1-100 µs; run 2: 100 of 1-1.099 ms; run 3: 10 slow ones of 5-5.9 ms.
  const runs = [
    run(
      1,
      range(1, 100).map((us) => us / 1000),
    ),
    run(
      2,
      range(1000, 100).map((us) => us / 1000),
    ),
    run(
      3,
      range(50, 10).map((x) => x / 10),
    ),
  ];
  const timed: TimedRuns = { warmups: [], runs, interrupted: false };
  const [rps, latency] = loadMeasurements({
    suite: 's',
    name: 'api',
    timed,
    targets: [
      { metric: 'latency', stat: 'p99', max: 5, tolerance: 0.1 },
      { metric: 'rps', stat: 'min', min: 50, tolerance: 0.1 },
    ],
    failures: [],
    warmup: 1,
    load: 'http',
  });

  it('gives rps one sample per run, checked against a min', () => {
    expect(rps).toMatchObject({ id: 's/api:rps', kind: 'load', unit: 'req/s', samples: [100, 100, 10] });
    expect(rps?.targets).toMatchObject([{ bound: 'min', limit: 50, measured: 10, verdict: 'fail' }]);
    expect(rps?.warmup).toBe(1);
  });

  it('pools latency over every request: the p99 of all 210, not an average of the runs', () => {
    const merged = LatencyHistogram.merge(runs.map((r) => (r.load as HttpLoad).latencyHistogram));
    expect(latency?.summary).toEqual(histogramSummary(merged));
    expect(latency?.summary?.n).toBe(210);
    // 210 requests: the 208th smallest (nearest rank of 99%) is among run 3's, 5.7 ms.
    expect(latency?.summary?.p99).toBeCloseTo(5.7, 2);
    expect(latency?.summary?.p50).toBeCloseTo(1.005, 2);
    expect(latency?.summary?.min).toBeCloseTo(0.001, 6);
    expect(latency?.summary?.max).toBeCloseTo(5.9, 2);
    expect(latency?.summary?.meanCi95).toBeNull();
    const averaged = runs.reduce((sum, r) => sum + (r.load as HttpLoad).latencyMs.p99, 0) / 3;
    expect(Math.abs(averaged - (latency?.summary?.p99 ?? 0))).toBeGreaterThan(1);
    expect(latency?.targets).toMatchObject([{ stat: 'p99', verdict: 'fail' }]);
  });

  it("keeps each run's p50 as samples and p99 beside them, for the baseline comparison", () => {
    expect(latency?.samples).toEqual(runs.map((r) => (r.load as HttpLoad).latencyMs.p50));
    expect(latency?.pooled).toEqual({
      requests: 210,
      p99Samples: runs.map((r) => (r.load as HttpLoad).latencyMs.p99),
    });
  });

  it('leaves failed runs out, and explains targets it cannot measure', () => {
    const failed = {
      ...timed,
      runs: [runs[0] as TimedRun, { ...(runs[1] as TimedRun), state: 'failed' as const }],
    };
    const [r] = loadMeasurements({
      suite: 's',
      name: 'api',
      timed: failed,
      targets: [],
      failures: [],
      load: 'http',
    });
    expect(r?.samples).toEqual([100]);
    const command = loadMeasurements({
      suite: 's',
      name: 'api',
      timed,
      targets: [{ metric: 'rps', stat: 'min', min: 1, tolerance: 0 }],
      failures: [],
      load: 'command',
    });
    expect(command.map((m) => m.metric)).toEqual(['rps']);
    expect(command[0]?.failures.join()).toMatch(/built-in HTTP load: this workload's load is a command/);
    expect(
      loadMeasurements({ suite: 's', name: 'api', timed, targets: [], failures: [], load: undefined }),
    ).toEqual([]);
  });
});

describe('loadProblem and runFailures', () => {
  it('fails a run whose load got non-2xx responses or errors, naming the codes', () => {
    const notFound = run(2, [1, 1, 1], { non2xx: 3, statusCodes: { 404: 3 } });
    expect(loadProblem(notFound.load)).toBe(
      'its load got 3 non-2xx responses (3 × 404) in 3 responses; every request must get a 2xx response',
    );
    const errors = run(3, [1], { errors: 2, timeouts: 1, firstError: 'request timed out' });
    expect(loadProblem(errors.load)).toMatch(
      /^its load got 2 errors, 1 of them timeouts \(first: request timed out\)/,
    );
    expect(loadProblem(run(1, [1]).load)).toBeUndefined();
    const timed: TimedRuns = { warmups: [], runs: [run(1, [1]), notFound], interrupted: false };
    expect(runFailures(timed)).toEqual([`run 2: ${loadProblem(notFound.load)}`]);
  });
});

describe('serverLoad', () => {
  it('adds the runs up: sums, rps of the whole load time, latency of every request', () => {
    const runs = [run(1, [1, 2, 3, 4]), run(2, [5, 6], { non2xx: 2, statusCodes: { 500: 2 } })];
    const server = serverLoad('s', 'api', { warmups: [], runs, interrupted: false });
    expect(server?.runs.map((r) => [r.run, r.state, r.load.requests])).toEqual([
      [1, 'ok', 4],
      [2, 'ok', 2],
    ]);
    expect(server?.total).toMatchObject({ kind: 'http', requests: 6, non2xx: 2, durationMs: 2000, rps: 3 });
    const merged = LatencyHistogram.merge(server?.runs.map((r) => r.latencyHistogram as string) ?? []);
    expect(server?.total.latencyMs).toEqual(merged.summary());
    expect(server?.total.latencyMs?.max).toBeCloseTo(6, 2);
  });
});
