/**
 * `profile validate <suite|all>` and `profile validate -- <command...>`: checks the flags, runs the
 * session (validate/session.ts: every planned item measured, targets checked, compared with a
 * baseline, reports rewritten after every item), then records the run and prints its summary.
 * Exit codes: 0 all pass, 1 a target failed, a run failed or a regression past the gate, 2 usage.
 */
import { relative } from 'node:path';
import type { RunContext } from '../history/record.js';
import type { TargetFlags } from '../plan/plan-targets.js';
import { checkPositive } from '../util/check-positive.js';
import { UserError } from '../util/user-error.js';
import { parseRegressionThreshold } from '../validate/baseline/compare-baseline.js';
import { formatValidateSummary } from '../validate/reports/terminal.js';
import { runValidateSession } from '../validate/session.js';
import { afterRun, pageLine } from './after-run.js';

export interface ValidateCommandOptions extends TargetFlags {
  /** Benchmark filters: a group, "group/name", or /regex/. */
  bench?: string[];
  runs?: number;
  warmup?: number;
  baseline?: string;
  saveBaseline?: string;
  failOnRegression?: string;
  /** Half-width of the noise band in percent. */
  noise?: number;
  withProfiles?: boolean;
  /** Profiled runs per workload kept with a saved baseline, or recorded to explain a regression. */
  profileRuns?: number;
  /** Attribute every time measurement against the baseline, not only the regressed ones. */
  attribute?: boolean;
  json?: boolean;
}

function checkFlags(opts: ValidateCommandOptions): void {
  checkPositive(opts as unknown as Record<string, unknown>, [
    'runs',
    'timeout',
    'duration',
    'noise',
    'loadDuration',
    'loadConnections',
  ]);
  for (const key of ['runs', 'warmup'] as const) {
    const value = opts[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= (key === 'runs' ? 1 : 0))) {
      throw new UserError(
        `--${key} must be a whole number${key === 'runs' ? ' of at least 1' : ''}, got "${value}"`,
      );
    }
  }
  if (opts.profileRuns !== undefined && !(Number.isInteger(opts.profileRuns) && opts.profileRuns >= 0)) {
    throw new UserError(
      `--profile-runs must be a whole number (0 keeps no profiles), got "${opts.profileRuns}"`,
    );
  }
  if (opts.attribute && !opts.baseline) {
    throw new UserError('--attribute explains changes against a saved baseline: add --baseline NAME');
  }
  if (opts.failOnRegression !== undefined && !opts.baseline) {
    throw new UserError('--fail-on-regression compares with a saved baseline: add --baseline NAME');
  }
}

export async function validateCommand(
  target: string | undefined,
  command: string[],
  opts: ValidateCommandOptions,
): Promise<number> {
  checkFlags(opts);
  const { json, failOnRegression, ...flags } = opts;
  const failOnRegressionPct =
    failOnRegression === undefined ? undefined : parseRegressionThreshold(failOnRegression);
  let history: Promise<RunContext> | undefined;
  const { result, written, interrupted, outDir, logDir } = await runValidateSession({
    ...flags,
    target,
    command,
    failOnRegressionPct,
    quiet: json === true,
    // Started once planned: git and the machine are read while the workloads run.
    onPlanned: ({ baseDir }) => {
      history = import('../history/context.js').then((m) => m.runContext({ projectDir: baseDir }));
    },
  });
  const { fromValidateResult } = await import('../history/record.js');
  const hasRun = result.measurements.length > 0;
  const page = await afterRun(
    outDir,
    hasRun && history ? fromValidateResult(result, await history) : undefined,
  );
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `${formatValidateSummary(result, { reportFiles: [written.markdown, written.json], cwd: process.cwd(), failOnRegressionPct })}\n`,
    );
    if (result.measurements.some((m) => m.failures.length > 0)) {
      process.stdout.write(`output of every run: ${relative(process.cwd(), logDir) || logDir}\n`);
    }
    if (page) process.stdout.write(`${pageLine(page)}\n`);
  }
  return interrupted ? 130 : result.exitCode;
}
