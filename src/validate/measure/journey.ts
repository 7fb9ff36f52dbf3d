/**
 * Journeys of `profile validate`: ordered steps as a new user takes them (init, dev start, first
 * run, results shown), each timed against its budget, the whole against the journey's budget.
 * Every run starts in a fresh temporary directory, which is removed afterwards together with every
 * process the run started: nothing a journey spawns outlives it, whether it passes, fails or is
 * interrupted.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Journey, JourneyStep, Statistic } from '../../config/schema.js';
import { inheritedEnv, shippedProgramArgv } from '../../runner/launch.js';
import { UserError } from '../../util/user-error.js';
import type { Measurement } from '../measurement.js';
import { tailOfLog } from './journey-output.js';
import { type BackgroundProcess, runStep } from './journey-step.js';
import { toMeasurement } from './to-measurement.js';

/**
 * The statistic budgets are checked on. A journey is taken few times (3 by default), and on a
 * shared 2-core machine one of them can easily be slowed by a cold disk cache or a neighbour:
 * `max` would fail the budget on that one run, and p95 of 3 samples is the max as well. The median
 * of 3 ignores one bad run while still failing a journey that is usually over budget.
 */
export const JOURNEY_STAT: Statistic = 'median';

/** The `metric` of the measurement of the whole journey (a step may not take this name). */
export const TOTAL_METRIC = 'total';

const DEFAULT_TIMEOUT_S = 120;
/** Time a step's tree gets between the first signal and SIGKILL (a watcher closing its handles). */
const DEFAULT_GRACE_MS = 4000;

export interface JourneyOptions {
  /** Aborted on Ctrl-C: the current step and every background process are stopped, no new run starts. */
  signal?: AbortSignal;
  /** Each step's output goes to `<logDir>/<journey>-run<N>-<step>.log`. */
  logDir: string;
  /** @default 4000 */
  graceMs?: number;
}

/** A step with its program resolved: what runStep needs apart from the run's directory. */
interface PreparedStep {
  step: JourneyStep;
  argv: string[];
  until?: RegExp;
}

/** One run of the journey: the time of each step that finished, and why the run stopped early. */
interface RunResult {
  stepMs: (number | undefined)[];
  totalMs?: number;
  failure?: { stepIndex: number; text: string };
}

/**
 * Takes the journey `journey.runs` times and returns one measurement per step (kind
 * `journey-step`, metric = the step's name) and one for the whole journey (kind `journey`, metric
 * `total`), all in ms. A failed run leaves a sentence in the failures of the step that failed and
 * of the total; the steps it never reached say so too. On abort, what was measured is returned.
 */
export async function runJourney(
  suite: string,
  name: string,
  journey: Journey,
  baseDir: string,
  options: JourneyOptions,
): Promise<Measurement[]> {
  const where = `suite "${suite}", journey "${name}"`;
  const steps = await Promise.all(journey.steps.map((step) => prepareStep(where, step, baseDir)));
  await mkdir(options.logDir, { recursive: true });
  const samples = steps.map((): number[] => []);
  const failures = steps.map((): string[] => []);
  const totals: number[] = [];
  const totalFailures: string[] = [];

  for (let run = 1; run <= journey.runs && !options.signal?.aborted; run++) {
    const label = `run ${run} of ${journey.runs}`;
    const result = await takeJourney(name, steps, run, options);
    result.stepMs.forEach((ms, i) => {
      if (ms !== undefined) samples[i]?.push(ms);
    });
    if (result.totalMs !== undefined) totals.push(result.totalMs);
    const failed = result.failure;
    if (!failed) continue;
    failures[failed.stepIndex]?.push(`${label}: ${failed.text}`);
    const failedName = steps[failed.stepIndex]?.step.name;
    totalFailures.push(`${label}: failed at step "${failedName}"`);
    for (let i = failed.stepIndex + 1; i < steps.length; i++) {
      if (result.stepMs[i] === undefined)
        failures[i]?.push(`${label}: not reached (step "${failedName}" failed)`);
    }
  }

  const measurements = steps.map(({ step }, i) =>
    toMeasurement({
      suite,
      name,
      metric: step.name,
      kind: 'journey-step',
      unit: 'ms',
      samples: samples[i] ?? [],
      limits: [{ stat: JOURNEY_STAT, max: step.budget * 1000, tolerance: journey.tolerance }],
      failures: failures[i] ?? [],
    }),
  );
  measurements.push(
    toMeasurement({
      suite,
      name,
      metric: TOTAL_METRIC,
      kind: 'journey',
      unit: 'ms',
      samples: totals,
      limits:
        journey.budget === undefined
          ? []
          : [{ stat: JOURNEY_STAT, max: journey.budget * 1000, tolerance: journey.tolerance }],
      failures: totalFailures,
    }),
  );
  return measurements;
}

/** Checks what can be checked before anything runs, so a typo fails fast and says where. */
async function prepareStep(where: string, step: JourneyStep, baseDir: string): Promise<PreparedStep> {
  const at = `${where}, step "${step.name}"`;
  if (step.name === TOTAL_METRIC) {
    throw new UserError(`${at}: "${TOTAL_METRIC}" names the whole journey's time; rename the step`);
  }
  const cwd = step.cwd ?? '.';
  if (isAbsolute(cwd) || relative('/journey', resolve('/journey', cwd)).startsWith('..')) {
    throw new UserError(
      `${at}: cwd "${cwd}" must be a relative path inside the journey's temporary directory`,
    );
  }
  let until: RegExp | undefined;
  if (step.until !== undefined) {
    try {
      until = new RegExp(step.until);
    } catch (error) {
      throw new UserError(`${at}: "until" is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (step.script !== undefined && !existsSync(resolve(baseDir, step.script))) {
    throw new UserError(
      `${at}: script "${step.script}" not found at ${resolve(baseDir, step.script)} (scripts are relative to the config file's folder)`,
    );
  }
  // Transpiled here, before any run is timed.
  return { step, argv: await shippedProgramArgv(step, baseDir), ...(until ? { until } : {}) };
}

/** One run in a fresh directory; the directory and every process are gone when it resolves. */
async function takeJourney(
  name: string,
  steps: PreparedStep[],
  run: number,
  options: JourneyOptions,
): Promise<RunResult> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const dir = await mkdtemp(join(tmpdir(), `perfsuite-journey-${name}-`));
  const env = inheritedEnv();
  const background: { stepIndex: number; process: BackgroundProcess; logFile: string }[] = [];
  const result: RunResult = { stepMs: [] };
  const started = performance.now();
  try {
    for (const [i, { step, argv, until }] of steps.entries()) {
      if (options.signal?.aborted) {
        result.failure = { stepIndex: i, text: `interrupted (Ctrl-C) before step "${step.name}"` };
        break;
      }
      const logFile = join(options.logDir, `${name}-run${run}-${step.name}.log`);
      const outcome = await runStep({
        argv,
        cwd: resolve(dir, step.cwd ?? '.'),
        env: { ...env, ...step.env },
        ...(until ? { until } : {}),
        timeoutMs: (step.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
        graceMs,
        logFile,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (outcome.state !== 'ok') {
        result.failure = {
          stepIndex: i,
          text: describeFailure(step.name, outcome.reason, outcome.tail, logFile),
        };
        break;
      }
      result.stepMs[i] = outcome.ms;
      if (outcome.background) background.push({ stepIndex: i, process: outcome.background, logFile });
    }
    if (!result.failure) result.totalMs = performance.now() - started;
  } finally {
    // Latest first: a client started after a server is stopped before the server it talks to.
    for (const { stepIndex, process: bg, logFile } of background.reverse()) {
      const crashed = await bg.stop();
      const step = steps[stepIndex]?.step;
      if (crashed && !result.failure && step) {
        const text = describeFailure(step.name, crashed, await tailOfLog(logFile), logFile);
        result.failure = { stepIndex, text };
        delete result.totalMs;
      }
    }
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
  return result;
}

function describeFailure(step: string, reason: string, tail: string, logFile: string): string {
  const output = tail === '' ? 'no output' : `last output:\n${tail.replace(/^/gm, '    ')}`;
  return `step "${step}" ${reason}; ${output}\n  (full log: ${logFile})`;
}
