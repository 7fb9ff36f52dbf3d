/**
 * A workload's `validate` timing, end to end: its runs (time-runs.ts) become one measurement per
 * metric — wall, user and sys time, peak RSS, and each probe measure the workload reported — with
 * the targets of that metric checked and every failed run carried as a sentence.
 */

import type { Target, Timing } from '../config/schema.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { readChildrenCpu } from './children-cpu.js';
import type { Measurement, Unit } from './measurement.js';
import { startLog, type TimedRun, type TimedRuns, timeRuns } from './time-runs.js';
import { type Limit, toMeasurement } from './to-measurement.js';

export interface MeasureWorkloadOptions {
  /** Every run's output (time-runs.ts); started afresh. */
  logFile: string;
  signal?: AbortSignal;
  /**
   * Load the agent into Node processes for their exact peak RSS. It costs each Node process about
   * 15-20 ms of start-up here (bench/validate.js), which a wall-time target would then include, so
   * by default it is loaded only when a target needs the exact peak RSS, or where /proc cannot give
   * the tree's CPU time. @default a peakRss target exists, or no /proc
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
  return targets
    .filter((t) => t.metric === metric)
    .map((t) => ({ stat: t.stat, max: t.max, tolerance: t.tolerance, component: t.component }));
}

/** Each failed run (warm-ups too) as a sentence; interrupted runs are no failure of the workload. */
export function runFailures(timed: TimedRuns): string[] {
  return [...timed.warmups, ...timed.runs]
    .filter((r) => r.state === 'failed' || r.state === 'timeout')
    .map((r) => `${r.warmup ? 'warm-up' : 'run'} ${r.index}: ${r.reason ?? r.state}`);
}

export interface WorkloadRunsInput {
  suite: string;
  name: string;
  timed: TimedRuns;
  targets: Target[];
  /** The workload is stopped after a duration (a watcher): its wall time is that duration. */
  hasDuration: boolean;
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

/** Times a planned workload with its `validate` settings and returns its measurements. */
export async function measureWorkload(
  target: PlannedTarget,
  timing: Timing,
  options: MeasureWorkloadOptions,
): Promise<Measurement[]> {
  await startLog(options.logFile);
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
  });
  return workloadMeasurements({
    suite: target.suite,
    name: target.workload,
    timed,
    targets: timing.targets,
    hasDuration: target.durationMs !== undefined,
    ...(options.onNote ? { onNote: options.onNote } : {}),
  });
}
