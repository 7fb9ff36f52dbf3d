/**
 * A workload's `validate` timing, end to end: its runs (time-runs.ts) become one measurement per
 * metric — wall, user and sys time, peak RSS, a server's rps and latency (measure-load.ts), and each
 * probe measure the workload reported — with the targets of that metric checked and every failed
 * run carried as a sentence.
 */

import type { Target, Timing } from '../../config/schema.js';
import { HTTP_LOAD_DEFAULTS } from '../../plan/http-load-options.js';
import type { PlannedTarget } from '../../plan/planned-target.js';
import type { Measurement, ServerLoad, Unit } from '../measurement.js';
import { readChildrenCpu } from './children-cpu.js';
import { loadProblem } from './load-problem.js';
import type { loadMeasurements } from './measure-load.js';
import { startLog, type TimedRun, type TimedRuns, timeRuns } from './time-runs.js';
import { type Limit, limitOf, toMeasurement } from './to-measurement.js';

export interface MeasureWorkloadOptions {
  /** Every run's output (time-runs.ts); started afresh. */
  logFile: string;
  signal?: AbortSignal;
  /**
   * Load the agent into Node processes for their exact peak RSS. It costs each Node process about
   * 15-20 ms of start-up here (bench/validate.js), which a wall-time target would then include, so
   * by default it is loaded only when a target needs the exact peak RSS, or where /proc cannot give
   * the tree's CPU time. A server told ready by the port it listens on gets it anyway (the agent
   * reports that port; time-runs.ts). @default a peakRss target exists, or no /proc
   */
  agent?: boolean;
  /** Progress, after each run. */
  onRun?: (run: TimedRun) => void;
  /** What the report should say that is no failure, e.g. wall targets skipped for a watcher. */
  onNote?: (note: string) => void;
}

/** The metrics every timed workload gets, whether or not it has targets on them. */
const COMMAND_METRICS: { metric: string; unit: Unit; value: (run: TimedRun) => number | null }[] = [
  { metric: 'wall', unit: 'ms', value: (r) => r.wallMs },
  { metric: 'user', unit: 'ms', value: (r) => r.userMs },
  { metric: 'sys', unit: 'ms', value: (r) => r.sysMs },
  { metric: 'peakRss', unit: 'MB', value: (r) => r.peakRssMb },
];

function limitsFor(targets: Target[], metric: string): Limit[] {
  return targets.filter((t) => t.metric === metric).map(limitOf);
}

/**
 * Each failed run (warm-ups too) as a sentence: a run that failed or timed out, and a server's run
 * whose load got errors or non-2xx responses. Interrupted runs are no failure of the workload.
 */
export function runFailures(timed: TimedRuns): string[] {
  const failures: string[] = [];
  for (const r of [...timed.warmups, ...timed.runs]) {
    const label = `${r.warmup ? 'warm-up' : 'run'} ${r.index}`;
    const problem = r.state === 'ok' ? loadProblem(r.load) : undefined;
    if (r.state === 'failed' || r.state === 'timeout') failures.push(`${label}: ${r.reason ?? r.state}`);
    else if (problem) failures.push(`${label}: ${problem}`);
  }
  return failures;
}

export interface WorkloadRunsInput {
  suite: string;
  name: string;
  timed: TimedRuns;
  targets: Target[];
  /** The workload is stopped after a duration (a watcher): its wall time is that duration. */
  hasDuration: boolean;
  /** A server's load: the built-in `http` (measured: rps, latency), a `command`, or none. */
  load?: 'http' | 'command' | undefined;
  /**
   * measure-load.ts's loadMeasurements, for a server or a workload with targets on rps or latency:
   * the caller imports it only then (the latency histogram library takes 100-150 ms to load).
   */
  measureLoad?: typeof loadMeasurements;
  onNote?: (note: string) => void;
}

/** The measurements of finished runs: samples from the runs that ended ok, in run order. */
export function workloadMeasurements(input: WorkloadRunsInput): Measurement[] {
  const { suite, name, timed } = input;
  const ok = timed.runs.filter((r) => r.state === 'ok');
  const failures = runFailures(timed);
  const warmup = timed.warmups.length;
  const out: Measurement[] = [];
  for (const { metric, unit, value } of COMMAND_METRICS) {
    let limits = limitsFor(input.targets, metric);
    if (metric === 'wall' && input.hasDuration) {
      if (limits.length > 0) {
        input.onNote?.(
          `${suite}/${name}: wall targets skipped: the workload is stopped after its "duration", so its wall time is that duration; put targets on its probe measures`,
        );
      }
      limits = [];
    }
    const samples = ok.map(value).filter((v): v is number => v !== null);
    out.push(
      toMeasurement({ suite, name, metric, kind: 'command', unit, samples, limits, failures, warmup }),
    );
  }
  const measureLoad = input.measureLoad;
  if (measureLoad) {
    out.push(
      ...measureLoad({ suite, name, timed, targets: input.targets, failures, warmup, load: input.load }),
    );
  }
  const probeNames: string[] = [];
  for (const run of ok) for (const probe of Object.keys(run.probes)) probeNames.push(probe);
  for (const t of input.targets) if (t.metric.startsWith('probe:')) probeNames.push(t.metric.slice(6));
  for (const probe of new Set(probeNames)) {
    const metric = `probe:${probe}`;
    const samples = ok.flatMap((r) => r.probes[probe] ?? []);
    const limits = limitsFor(input.targets, metric);
    out.push(
      toMeasurement({ suite, name, metric, kind: 'probe', unit: 'ms', samples, limits, failures, warmup }),
    );
  }
  return out;
}

/**
 * The built-in load runs in our own process, and autocannon's code is fully optimized only after
 * about 2 s of load (measured here: with 1 s loads and one warm-up, the first measured run served
 * half the requests of the next ones). Warm-up runs warm it too; fewer seconds of them than this
 * get a note.
 */
const LOAD_WARMUP_S = 2;

function loadWarmupNote(target: PlannedTarget, timing: Timing): string | undefined {
  const load = target.server?.load;
  if (load?.kind !== 'http' || load.options.amount !== undefined) return undefined;
  const seconds = timing.warmup * (load.options.durationSeconds ?? HTTP_LOAD_DEFAULTS.durationSeconds);
  if (seconds >= LOAD_WARMUP_S) return undefined;
  return `${target.suite}/${target.workload}: ${seconds} s of warm-up load; the built-in load itself needs about ${LOAD_WARMUP_S} s to warm up, so the first measured runs may serve fewer requests: give "warmup" runs that add up to ${LOAD_WARMUP_S} s of load or more`;
}

/** What measureWorkload returns: the measurements, and a server's load figures for the reports. */
export interface MeasuredWorkload {
  measurements: Measurement[];
  server?: ServerLoad;
}

/** Times a planned workload with its `validate` settings and returns its measurements. */
export async function measureWorkload(
  target: PlannedTarget,
  timing: Timing,
  options: MeasureWorkloadOptions,
): Promise<MeasuredWorkload> {
  await startLog(options.logFile);
  const note = loadWarmupNote(target, timing);
  if (note) options.onNote?.(note);
  const timed = await timeRuns(target.spec, {
    warmup: timing.warmup,
    runs: timing.runs,
    ...(timing.minTime === undefined ? {} : { minTimeMs: timing.minTime * 1000 }),
    timeoutMs: target.timeoutMs,
    ...(target.durationMs === undefined ? {} : { durationMs: target.durationMs }),
    ...(options.signal ? { signal: options.signal } : {}),
    logFile: options.logFile,
    agent:
      options.agent ?? (timing.targets.some((t) => t.metric === 'peakRss') || readChildrenCpu() === null),
    ...(options.onRun ? { onRun: options.onRun } : {}),
    ...(target.server ? { server: target.server } : {}),
  });
  const loadTargets = timing.targets.some((t) => t.metric === 'rps' || t.metric === 'latency');
  const load = target.server || loadTargets ? await import('./measure-load.js') : undefined;
  const measurements = workloadMeasurements({
    suite: target.suite,
    name: target.workload,
    timed,
    targets: timing.targets,
    hasDuration: target.durationMs !== undefined,
    load: target.server?.load.kind,
    ...(load ? { measureLoad: load.loadMeasurements } : {}),
    ...(options.onNote ? { onNote: options.onNote } : {}),
  });
  const server = target.server && load?.serverLoad(target.suite, target.workload, timed);
  return { measurements, ...(server ? { server } : {}) };
}
