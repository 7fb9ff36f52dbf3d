/**
 * A scalability sweep: the program run at each size (`{n}` in its args replaced by the size), each
 * size timed like a workload (fresh process per run, warm-ups thrown away), one `n=<size>`
 * measurement per size against that size's budget, and a power law fitted over every run to name
 * how the time grows (src/stats/scaling.ts).
 */
import type { Sweep } from '../../config/schema.js';
import { launchSpecFor } from '../../runner/launch.js';
import { fitScaling, type ScalingFit, type ScalingPoint } from '../../stats/index.js';
import { UserError } from '../../util/user-error.js';
import type { Measurement, SweepResult } from '../measurement.js';
import { runFailures } from './measure-workload.js';
import { startLog, type TimedRun, timeRuns } from './time-runs.js';
import { type Limit, toMeasurement } from './to-measurement.js';

export interface MeasureSweepOptions {
  /** Every run of every size, appended under headers like `n=10 run 2: ok`; started afresh. */
  logFile: string;
  signal?: AbortSignal;
  /** Overrides the sweep's `timeout` (the --timeout flag). */
  timeoutMs?: number;
  /** Load the agent into Node processes (peak RSS; not needed for wall time, which it would lengthen). @default false */
  agent?: boolean;
  /** Progress, after each run. */
  onRun?: (size: number, run: TimedRun) => void;
}

/** As for workloads: a sweep with no `timeout` is killed after 120 s per run. */
const DEFAULT_TIMEOUT_MS = 120_000;
const PLACEHOLDER = '{n}';

/** Config mistakes that would make the sweep meaningless, caught before anything runs. */
function checkSweep(where: string, sweep: Sweep): void {
  if (!sweep.args.some((a) => a.includes(PLACEHOLDER))) {
    throw new UserError(
      `${where}: none of its "args" contains "${PLACEHOLDER}", so every size would run the same program; put "${PLACEHOLDER}" where the size goes, e.g. args: ["--files", "${PLACEHOLDER}"]`,
    );
  }
  const sizes = new Set(sweep.values);
  const unknown = Object.keys(sweep.budgets).filter((key) => !sizes.has(Number(key)));
  if (unknown.length > 0) {
    throw new UserError(
      `${where}: "budgets" has ${unknown.map((k) => `"${k}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among its "values" [${sweep.values.join(', ')}]; key each budget by a size`,
    );
  }
}

/** The budget of one size, if any: keys are compared as numbers, so "1" and "1.0" both match 1. */
function budgetFor(sweep: Sweep, size: number): Limit[] {
  const key = Object.keys(sweep.budgets).find((k) => Number(k) === size);
  const seconds = key === undefined ? undefined : sweep.budgets[key];
  return seconds === undefined ? [] : [{ stat: sweep.stat, max: seconds * 1000, tolerance: sweep.tolerance }];
}

/** The fit over every successful run; null with fewer than two sizes measured. */
function fitPoints(points: ScalingPoint[]): ScalingFit | null {
  if (points.length < 2) return null;
  try {
    return fitScaling(points);
  } catch {
    // Only degenerate input throws (a zero time cannot be logged): no fit rather than no sweep.
    return null;
  }
}

export async function measureSweep(
  suite: string,
  name: string,
  sweep: Sweep,
  baseDir: string,
  options: MeasureSweepOptions,
): Promise<{ measurements: Measurement[]; sweep: SweepResult }> {
  checkSweep(`sweep "${suite}/${name}"`, sweep);
  await startLog(options.logFile);
  const sizes = [...new Set(sweep.values)].sort((a, b) => a - b);
  const measurements: Measurement[] = [];
  const result: SweepResult = { suite, name, points: [], fit: null };
  const fitted: ScalingPoint[] = [];
  for (const size of sizes) {
    if (options.signal?.aborted) break;
    const args = sweep.args.map((a) => a.replaceAll(PLACEHOLDER, String(size)));
    // The same resolution as a workload's: script through node (tsx for TS), or the command's argv.
    const spec = launchSpecFor(
      {
        script: sweep.script,
        command: sweep.command,
        args,
        env: sweep.env,
        cwd: sweep.cwd,
        typescript: sweep.typescript,
      },
      baseDir,
    );
    const timed = await timeRuns(spec, {
      warmup: sweep.warmup,
      runs: sweep.runs,
      timeoutMs:
        options.timeoutMs ?? (sweep.timeout === undefined ? DEFAULT_TIMEOUT_MS : sweep.timeout * 1000),
      ...(options.signal ? { signal: options.signal } : {}),
      logFile: options.logFile,
      logLabel: `n=${size}`,
      agent: options.agent ?? false,
      ...(options.onRun ? { onRun: (run: TimedRun) => options.onRun?.(size, run) } : {}),
    });
    const samples = timed.runs.filter((r) => r.state === 'ok').map((r) => r.wallMs);
    const measurement = toMeasurement({
      suite,
      name,
      metric: `n=${size}`,
      kind: 'sweep-point',
      unit: 'ms',
      samples,
      limits: budgetFor(sweep, size),
      failures: runFailures(timed),
    });
    measurements.push(measurement);
    result.points.push({ size, measurementId: measurement.id });
    if (samples.length > 0) fitted.push({ size, values: samples });
  }
  result.fit = fitPoints(fitted);
  return { measurements, sweep: result };
}
