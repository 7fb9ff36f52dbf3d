/**
 * A server workload's load in `profile validate`: each run's load (time-runs.ts) becomes the `rps`
 * and `latency` measurements and the load figures the reports show, and a run whose load got errors
 * or non-2xx responses becomes a failure, so a broken server does not pass on fast 404s.
 *
 * `rps` is one sample per run: that run's requests per second. `latency` pools every request of
 * every measured run: its summary comes from the runs' merged HDR histograms (LatencyHistogram.merge,
 * exact at the histogram's precision), so a target's p99 is the p99 of all requests, not an average
 * of per-run p99s. Its samples are each run's p50 and its p99Samples each run's p99: independent
 * per-run values, which is what the Welch comparison with a baseline needs (the requests of one run
 * are not independent of each other, so they are not samples of it).
 *
 * Imported only for a server (measure-workload.ts): hdr-histogram-js takes 100-150 ms to load.
 */
import type { Target } from '../../config/schema.js';
import type { LoadResult } from '../../load/drive-server.js';
import { LatencyHistogram } from '../../load/latency-histogram.js';
import { type LoadSummary, loadSummary } from '../../load/summary.js';
import type { Summary } from '../../stats/index.js';
import type { Measurement, ServerLoad, ServerRunLoad, Unit } from '../measurement.js';
import type { TimedRun, TimedRuns } from './time-runs.js';
import { limitOf, toMeasurement } from './to-measurement.js';

/** The measurements of a server's load, with their units. */
export const LOAD_METRICS: readonly { metric: 'rps' | 'latency'; unit: Unit }[] = [
  { metric: 'rps', unit: 'req/s' },
  { metric: 'latency', unit: 'ms' },
];

type HttpLoad = Extract<LoadResult, { kind: 'http' }>;

function httpLoad(run: TimedRun): HttpLoad | undefined {
  return run.load?.kind === 'http' ? run.load : undefined;
}

/**
 * The summary of every value a latency histogram holds: n is the number of requests, the
 * percentiles are nearest-rank (each the upper end of its bucket; min the lower end of the lowest),
 * the standard deviation is over all n; no confidence interval of the mean, since the requests of a
 * run are not independent samples. Null when the histogram is empty.
 */
export function histogramSummary(histogram: LatencyHistogram): Summary | null {
  if (histogram.count === 0) return null;
  const p50 = histogram.percentileMs(50);
  return {
    n: histogram.count,
    min: histogram.percentileMs(0),
    max: histogram.percentileMs(100),
    mean: histogram.meanMs,
    median: p50,
    p50,
    p95: histogram.percentileMs(95),
    p99: histogram.percentileMs(99),
    stddev: histogram.count > 1 ? histogram.stddevMs : null,
    meanCi95: null,
  };
}

export interface LoadMeasurementsInput {
  suite: string;
  name: string;
  timed: TimedRuns;
  targets: Target[];
  /** The workload's run failures (measure-workload.ts), carried by these measurements too. */
  failures: string[];
  /** Warm-up runs thrown away first, recorded on the measurements. */
  warmup?: number;
  /** The load the workload gets: the built-in `http`, a `command`, or none (not a server). */
  load: 'http' | 'command' | undefined;
}

/** Why a target on a load metric cannot be checked for this workload. */
function unmeasured(metric: string, load: LoadMeasurementsInput['load']): string {
  return load === 'command'
    ? `"${metric}" is measured by the built-in HTTP load: this workload's load is a command, whose requests perfsuite cannot count`
    : `"${metric}" is measured for a server: give the workload a "load" (or run it with --load)`;
}

/**
 * The `rps` and `latency` measurements of a server under the built-in HTTP load, from the measured
 * runs that ended ok (a run whose load got errors is one: its failure is in `failures`). For any
 * other workload, only the load metrics that have targets, each with a failure saying why it
 * cannot be measured.
 */
export function loadMeasurements(input: LoadMeasurementsInput): Measurement[] {
  const { suite, name } = input;
  const common = {
    suite,
    name,
    kind: 'load' as const,
    ...(input.warmup === undefined ? {} : { warmup: input.warmup }),
  };
  const limits = (metric: string) => input.targets.filter((t) => t.metric === metric).map(limitOf);
  if (input.load !== 'http') {
    return LOAD_METRICS.filter(({ metric }) => input.targets.some((t) => t.metric === metric)).map(
      ({ metric, unit }) =>
        toMeasurement({
          ...common,
          metric,
          unit,
          samples: [],
          failures: [...input.failures, unmeasured(metric, input.load)],
        }),
    );
  }
  const loads = input.timed.runs
    .filter((r) => r.state === 'ok')
    .flatMap((r) => {
      const load = httpLoad(r);
      return load ? [load] : [];
    });
  const answered = loads.filter((l) => l.requests > 0);
  const merged = LatencyHistogram.merge(answered.map((l) => l.latencyHistogram));
  return [
    toMeasurement({
      ...common,
      metric: 'rps',
      unit: 'req/s',
      samples: loads.map((l) => l.rps),
      limits: limits('rps'),
      failures: input.failures,
    }),
    toMeasurement({
      ...common,
      metric: 'latency',
      unit: 'ms',
      samples: answered.map((l) => l.latencyMs.p50),
      limits: limits('latency'),
      failures: input.failures,
      pooled: {
        summary: histogramSummary(merged),
        requests: merged.count,
        p99Samples: answered.map((l) => l.latencyMs.p99),
      },
    }),
  ];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The measured runs' loads as one (see ServerLoad.total). */
function totalLoad(loads: LoadResult[]): LoadSummary {
  const last = loads.at(-1) as LoadResult;
  const durationMs = sum(loads.map((l) => l.durationMs));
  const base = {
    port: last.port,
    readyMs: sum(loads.map((l) => l.readyMs)) / loads.length,
    durationMs,
  };
  if (last.kind === 'command') {
    const failed = loads.find((l) => l.kind === 'command' && l.exitCode !== 0);
    const end = (failed ?? last) as Extract<LoadResult, { kind: 'command' }>;
    return {
      ...base,
      kind: 'command',
      command: last.argv,
      ...(end.exitCode === undefined ? {} : { exitCode: end.exitCode }),
      ...(end.signal ? { signal: end.signal } : {}),
      log: last.logFile,
    };
  }
  const http = loads.filter((l): l is HttpLoad => l.kind === 'http');
  const requests = sum(http.map((l) => l.requests));
  const stopped = http.find((l) => l.stopped)?.stopped;
  const firstError = http.find((l) => l.firstError)?.firstError;
  return {
    ...base,
    kind: 'http',
    requests,
    errors: sum(http.map((l) => l.errors)),
    timeouts: sum(http.map((l) => l.timeouts)),
    non2xx: sum(http.map((l) => l.non2xx)),
    rps: durationMs > 0 ? requests / (durationMs / 1000) : 0,
    latencyMs: LatencyHistogram.merge(http.map((l) => l.latencyHistogram)).summary(),
    ...(stopped ? { stopped } : {}),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

/** The load figures of a server's measured runs, for the reports; undefined when none got to its load. */
export function serverLoad(suite: string, name: string, timed: TimedRuns): ServerLoad | undefined {
  const measured = timed.runs.filter((r): r is TimedRun & { load: LoadResult } => r.load !== undefined);
  if (measured.length === 0) return undefined;
  const runs: ServerRunLoad[] = measured.map((r) => ({
    run: r.index,
    state: r.state,
    load: loadSummary(r.load),
    ...(r.load.kind === 'http' ? { latencyHistogram: r.load.latencyHistogram } : {}),
  }));
  return { suite, name, total: totalLoad(measured.map((r) => r.load)), runs };
}
