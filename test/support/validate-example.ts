/**
 * A realistic, deterministic `ValidateResult` for the golden tests of the validate report, terminal
 * summary and exports: the demo's kinds of measurement (command timings with peak RSS, hot-reload
 * probe measures, a journey, a scalability sweep, an in-process benchmark) with seeded samples. The
 * summaries, target verdicts, scaling fit and baseline comparison come from the real code
 * (toMeasurement, fitScaling, compareToBaseline), so the renderers are tested on what the command
 * produces. Some targets pass, one warns, some fail, a run failed and two measurements regressed.
 * A server under load (rps and pooled latency, from seeded per-request latencies recorded into real
 * histograms and turned into measurements by measure-load.ts) slows down with the commands.
 */

import type { LoadResult } from '../../src/load/drive-server.js';
import { LatencyHistogram } from '../../src/load/latency-histogram.js';
import { fitScaling } from '../../src/stats/index.js';
import { type Baseline, toBaseline } from '../../src/validate/baseline/baseline.js';
import { compareToBaseline, validateExitCode } from '../../src/validate/baseline/compare-baseline.js';
import { loadMeasurements, serverLoad } from '../../src/validate/measure/measure-load.js';
import type { TimedRun, TimedRuns } from '../../src/validate/measure/time-runs.js';
import {
  type Limit,
  type MeasurementInput,
  toMeasurement,
} from '../../src/validate/measure/to-measurement.js';
import type { Measurement, ServerLoad, SweepResult, ValidateResult } from '../../src/validate/measurement.js';
import { gaussian, seededRandom } from './synthetic-series.js';

/** `count` values around `mean` with relative spread `cv`, rounded to 0.1 (ms or MB), all positive. */
function runs(seed: number, count: number, mean: number, cv: number): number[] {
  const noise = gaussian(seededRandom(seed));
  return Array.from({ length: count }, () => Math.max(0.1, Math.round(mean * (1 + cv * noise()) * 10) / 10));
}

const limit = (stat: Limit['stat'], max: number, component?: string, tolerance = 0.1): Limit => ({
  stat,
  max,
  tolerance,
  component,
});

function measurement(
  input: Omit<MeasurementInput, 'unit'> & { unit?: MeasurementInput['unit'] },
): Measurement {
  return toMeasurement({ unit: 'ms', ...input });
}

function commands(scale: number, seed: number): Measurement[] {
  const command = (name: string, mean: number, cv: number, limits: Limit[], n = 10) =>
    measurement({
      suite: 'commands',
      name,
      metric: 'wall',
      kind: 'command',
      samples: runs(seed + mean, n, mean * scale, cv),
      limits,
    });
  const slowRun = runs(seed + 1, 10, 640 * scale, 0.03);
  slowRun[6] = Math.round(slowRun[6] as number) + 410; // one run hit a GC pause: an outlier
  return [
    measurement({
      suite: 'commands',
      name: 'dry_run',
      metric: 'wall',
      kind: 'command',
      samples: slowRun,
      limits: [limit('mean', 1000, 'dry-run')],
    }),
    measurement({
      suite: 'commands',
      name: 'dry_run',
      metric: 'peakRss',
      kind: 'command',
      unit: 'MB',
      samples: runs(seed + 2, 10, 58, 0.01),
    }),
    command('fmt', 420, 0.05, [limit('mean', 500, 'fmt')]),
    command('lint', 1180, 0.04, [limit('mean', 1000, 'lint (src/**/*.ts)')]),
    measurement({
      suite: 'commands',
      name: 'diff',
      metric: 'wall',
      kind: 'command',
      samples: runs(seed + 3, 9, 1450 * scale, 0.04),
      limits: [limit('mean', 2000, 'diff')],
      failures: ['run 4 exited with code 1: error: cannot diff a | b\n(see commands/diff.log)'],
    }),
  ];
}

function hotReload(seed: number): Measurement[] {
  const probe = (name: string, mean: number, max: number) =>
    measurement({
      suite: 'hot_reload',
      name: 'cycles',
      metric: `probe:${name}`,
      kind: 'probe',
      samples: runs(seed + max, 20, mean, 0.12),
      limits: [limit('p95', max, `hot reload ${name}`)],
    });
  return [
    probe('detect', 41, 100),
    probe('render', 430, 500),
    probe('parse', 215, 200),
    probe('feedback', 12, 50),
    measurement({
      suite: 'hot_reload',
      name: 'cycles',
      metric: 'probe:total',
      kind: 'probe',
      samples: runs(seed + 5, 20, 710, 0.08),
      limits: [limit('p95', 3000, 'hot reload p95')],
    }),
  ];
}

function journey(seed: number): Measurement[] {
  const steps: [string, number, number][] = [
    ['init', 820, 2000],
    ['dev_start', 2450, 3000],
    ['first_run', 9100, 30000],
    ['results', 310, 1000],
  ];
  const perStep = steps.map(([, mean], i) => runs(seed + i, 3, mean, 0.06));
  const totals = [0, 1, 2].map((run) => perStep.reduce((sum, samples) => sum + (samples[run] as number), 0));
  return [
    ...steps.map(([name, , budget], i) =>
      measurement({
        suite: 'journeys',
        name: 'new_user',
        metric: name,
        kind: 'journey-step',
        samples: perStep[i] as number[],
        limits: [limit('max', budget, `new user: ${name}`)],
      }),
    ),
    measurement({
      suite: 'journeys',
      name: 'new_user',
      metric: 'total',
      kind: 'journey',
      samples: totals.map((t) => Math.round(t * 10) / 10),
      limits: [limit('max', 60000, 'new user journey')],
    }),
  ];
}

function sweep(seed: number): { measurements: Measurement[]; sweep: SweepResult } {
  const sizes: [number, number, number][] = [
    [1, 180, 500],
    [10, 420, 2000],
    [100, 2900, 10000],
  ];
  const measurements = sizes.map(([size, mean, budget]) =>
    measurement({
      suite: 'scalability',
      name: 'files',
      metric: `n=${size}`,
      kind: 'sweep-point',
      samples: runs(seed + size, 5, mean, 0.05),
      limits: [limit('median', budget, `scalability: ${size} file${size === 1 ? '' : 's'}`)],
    }),
  );
  const fit = fitScaling(measurements.map((m, i) => ({ size: sizes[i]?.[0] as number, values: m.samples })));
  return {
    measurements,
    sweep: {
      suite: 'scalability',
      name: 'files',
      points: measurements.map((m, i) => ({ size: sizes[i]?.[0] as number, measurementId: m.id })),
      fit,
    },
  };
}

function benchmark(scale: number, seed: number): Measurement {
  // tinybench's per-call latencies are small: 0.0123 ms is 12.3 µs (kept to 0.01 µs here).
  const noise = gaussian(seededRandom(seed));
  const samples = Array.from({ length: 200 }, () => Math.round(1230 * scale * (1 + 0.05 * noise())) / 100000);
  return measurement({ suite: 'bench', name: 'parse/small', metric: 'call', kind: 'benchmark', samples });
}

/**
 * A server's five measured runs of 2 s of load with 10 connections: each request's latency
 * log-normal around 4 ms × scale (rounded to the µs), so requests per second fall as it rises.
 */
function server(scale: number, seed: number): { measurements: Measurement[]; server: ServerLoad } {
  const noise = gaussian(seededRandom(seed));
  const timedRun = (index: number): TimedRun => {
    const histogram = LatencyHistogram.create();
    const durationMs = 2000 + Math.round(20 * noise());
    let busyMs = 0;
    let requests = 0;
    // 10 connections, each sending its next request when the last is answered.
    while (busyMs < durationMs * 10) {
      const ms = Math.round(4000 * scale * Math.exp(0.35 * noise())) / 1000;
      histogram.recordMs(ms);
      busyMs += ms;
      requests++;
    }
    const startedAt = Date.parse('2026-11-27T14:06:00.000Z') + index * 3000;
    const load: LoadResult = {
      kind: 'http',
      host: '127.0.0.1',
      port: 41234,
      readyMs: 180 + index,
      startedAt,
      endedAt: startedAt + durationMs,
      timeline: [
        { t: startedAt, requests: 0 },
        { t: startedAt + durationMs, requests },
      ],
      requests,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      statusCodes: { 200: requests },
      rps: requests / (durationMs / 1000),
      durationMs,
      latencyMs: histogram.summary(),
      latencyHistogram: histogram.encode(),
    };
    return {
      index,
      warmup: false,
      state: 'ok',
      stoppedAfterDuration: false,
      wallMs: durationMs + 400,
      userMs: null,
      sysMs: null,
      cpuSource: null,
      peakRssMb: null,
      probes: {},
      nodeProcesses: 1,
      load,
    };
  };
  const timed: TimedRuns = { warmups: [], runs: [1, 2, 3, 4, 5].map(timedRun), interrupted: false };
  const measurements = loadMeasurements({
    suite: 'servers',
    name: 'api',
    timed,
    targets: [
      { metric: 'latency', stat: 'p99', max: 20, tolerance: 0.1, component: 'api latency p99' },
      { metric: 'rps', stat: 'mean', min: 2000, tolerance: 0.1, component: 'api throughput' },
    ],
    failures: [],
    load: 'http',
  });
  return { measurements, server: serverLoad('servers', 'api', timed) as ServerLoad };
}

const MACHINE = { cpus: 2, cpuModel: 'Test CPU @ 2.40GHz', memoryGb: 8, os: 'linux x64', node: 'v20.20.0' };

/** One run of the example suites; the scales slow (> 1) or speed up (< 1) the commands and the benchmark. */
function run(
  scale: { commands: number; bench: number },
  seed: number,
  startedAt: string,
  finishedAt: string,
): ValidateResult {
  const sweepPart = sweep(seed + 40);
  const serverPart = server(scale.commands, seed + 60);
  return {
    schemaVersion: 1,
    startedAt,
    finishedAt,
    machine: MACHINE,
    config: '/app/profile.config.ts',
    suites: ['commands', 'servers', 'hot_reload', 'journeys', 'scalability', 'bench'],
    measurements: [
      ...commands(scale.commands, seed),
      // A command run once (no runs: 1 in its timing): shown, but too few runs to compare.
      measurement({
        suite: 'commands',
        name: 'init',
        metric: 'wall',
        kind: 'command',
        samples: [1520 + seed],
      }),
      ...serverPart.measurements,
      ...hotReload(seed + 10),
      ...journey(seed + 20),
      ...sweepPart.measurements,
      benchmark(scale.bench, seed + 50),
    ],
    sweeps: [sweepPart.sweep],
    servers: [serverPart.server],
    links: [
      { label: 'CPU flamegraph: commands/lint', path: '/app/flamegraphs/commands/lint.svg' },
      { label: 'memory summary', path: '/app/memory_profiles/memory_summary.md' },
    ],
    exitCode: 0,
    interrupted: false,
  };
}

/** The baseline the example was compared with: an earlier, faster run on the same machine. */
export function exampleBaseline(): Baseline {
  const earlier = run({ commands: 1, bench: 1 }, 100, '2026-11-20T09:00:00.000Z', '2026-11-20T09:03:10.000Z');
  // A measurement the current run no longer has, so the report lists it as missing.
  earlier.measurements.push(
    measurement({
      suite: 'commands',
      name: 'render',
      metric: 'wall',
      kind: 'command',
      samples: runs(7, 10, 390, 0.04),
    }),
  );
  return toBaseline('main', earlier, new Date('2026-11-20T09:03:11.000Z'));
}

/**
 * The example run against exampleBaseline(): commands 25% slower (regressions past a 10% gate), the
 * benchmark 20% faster (improved), the rest re-measured unchanged; exit code by validateExitCode.
 */
export function exampleResult(): ValidateResult {
  const result = run(
    { commands: 1.25, bench: 0.8 },
    200,
    '2026-11-27T14:05:09.000Z',
    '2026-11-27T14:08:41.500Z',
  );
  result.baseline = compareToBaseline(result, exampleBaseline(), { failOnRegressionPct: 10 });
  result.exitCode = validateExitCode(result);
  return result;
}
