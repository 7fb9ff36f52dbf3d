/**
 * `profile validate <suite|all>` and `profile validate -- <command...>`: measures every planned item
 * (timed workloads, journeys, sweeps, benchmarks), checks targets, compares with a baseline, and
 * rewrites the reports after every item so that Ctrl-C or a crash keeps what was measured.
 * Exit codes: 0 all pass, 1 a target failed, a run failed or a regression past the gate, 2 usage.
 */
import { join, relative } from 'node:path';
import { baselinePath } from '../store/perfsuite-dir.js';
import { machineInfo } from '../util/machine.js';
import { UserError } from '../util/user-error.js';
import { attributionStep as profileForAttribution, whyDirOf } from '../validate/baseline/attribution-step.js';
import type { Baseline } from '../validate/baseline/baseline.js';
import {
  compareToBaseline,
  parseRegressionThreshold,
  validateExitCode,
} from '../validate/baseline/compare-baseline.js';
import { runItem } from '../validate/measure/run-item.js';
import type { ValidateResult } from '../validate/measurement.js';
import { planValidate, type ValidateItem } from '../validate/plan.js';
import { reportStamp } from '../validate/reports/report-md.js';
import { formatValidateSummary } from '../validate/reports/terminal.js';
import { writeValidateReports } from '../validate/reports/write-reports.js';
import { profileLinks } from '../validate/with-profiles.js';
import { afterRun, pageLine } from './after-run.js';
import {
  checkPositive,
  configNote,
  outDirOf,
  planTargets,
  runInterruptible,
  runTargets,
  type TargetFlags,
} from './targets.js';

/** Profiled runs per workload for attribution: enough for the test to tell a 10% change in a function. */
const DEFAULT_PROFILE_RUNS = 5;

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

interface Planned {
  items: ValidateItem[];
  outDir: string;
  baseDir: string;
  configPath: string;
  note?: string;
}

async function plan(
  target: string | undefined,
  command: string[],
  opts: ValidateCommandOptions,
): Promise<Planned> {
  if (command.length > 0) {
    // Ad hoc, like hyperfine: time the command with the run counts of the flags.
    const { targets, outDir } = await planTargets(target, command, opts, 'validate');
    const items: ValidateItem[] = targets.map((t) => ({
      kind: 'timing',
      suite: t.suite,
      name: t.workload,
      target: t,
      timing: { runs: opts.runs ?? 10, warmup: opts.warmup ?? 1, targets: [] },
    }));
    return { items, outDir, baseDir: process.cwd(), configPath: '(command line)' };
  }
  if (!target)
    throw new UserError('name a suite (or "all"), or give a command after "--": profile validate all');
  // Imported here, as in targets.ts: an ad hoc command never needs the config loader (zod).
  const { readConfig } = await import('../config/read-config.js');
  const loaded = await readConfig(opts.config ? { configPath: opts.config } : {});
  return {
    items: planValidate(loaded, target, opts),
    outDir: outDirOf(loaded, opts),
    baseDir: loaded.baseDir,
    configPath: loaded.path,
    note: configNote(loaded),
  };
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
  const failOnRegressionPct =
    opts.failOnRegression === undefined ? undefined : parseRegressionThreshold(opts.failOnRegression);
  const { items, outDir, baseDir, configPath, note } = await plan(target, command, opts);
  if (note) process.stderr.write(`${note}\n`);
  // Imported only with a baseline flag: baseline files are checked with zod (~80 ms to load).
  const baselines =
    opts.baseline || opts.saveBaseline ? await import('../validate/baseline/baseline.js') : undefined;
  // Before measuring anything: a mistyped baseline name should not cost a five-minute run.
  const baseline: Baseline | undefined = opts.baseline
    ? await baselines?.readBaseline(outDir, opts.baseline)
    : undefined;
  if (opts.saveBaseline) baselinePath(outDir, opts.saveBaseline);

  // Started now: git and the machine are read while the workloads run.
  const history = import('../history/context.js').then((m) => m.runContext({ projectDir: baseDir }));
  const startedAt = new Date();
  const result: ValidateResult = {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    machine: machineInfo(),
    config: configPath,
    suites: [...new Set(items.map((i) => i.suite))],
    measurements: [],
    sweeps: [],
    servers: [],
    links: [],
    exitCode: 0,
    interrupted: false,
  };
  const logDir = join(outDir, 'reports', 'logs', reportStamp(startedAt));
  const reportOptions = { failOnRegressionPct };
  // After every item: the measurements only change there, so the comparisons made after the last
  // item are final (the attribution step adds to them).
  const compare = () => {
    if (baseline) {
      result.baseline = compareToBaseline(result, baseline, {
        failOnRegressionPct,
        ...(opts.noise === undefined ? {} : { noiseThreshold: opts.noise / 100 }),
      });
    }
  };
  const finish = (interrupted: boolean) => {
    result.finishedAt = new Date().toISOString();
    result.interrupted = interrupted;
    if (!result.baseline) compare();
    result.exitCode = validateExitCode(result);
  };

  let { interrupted } = await runTargets(
    items,
    async (item, signal) => {
      if (!opts.json) process.stderr.write(`validating ${item.suite}/${item.name} (${item.kind})...\n`);
      const measured = await runItem(item, {
        baseDir,
        logDir,
        benchFilters: opts.bench ?? [],
        signal,
        timeoutMs: opts.timeout === undefined ? undefined : opts.timeout * 1000,
      });
      result.measurements.push(...measured.measurements);
      if (measured.sweep) result.sweeps.push(measured.sweep);
      if (measured.server) result.servers.push(measured.server);
    },
    async () => {
      compare();
      finish(false);
      await writeValidateReports(outDir, result, reportOptions);
    },
  );
  // After the timings, so that profiling never distorts them: profiles for the baseline being saved
  // and for the regressions found (src/validate/attribution-step.ts).
  let keptProfiles: Awaited<ReturnType<typeof profileForAttribution>> = {};
  const profileRuns = opts.profileRuns ?? DEFAULT_PROFILE_RUNS;
  if (!interrupted && profileRuns > 0 && (opts.saveBaseline || baseline)) {
    const step = await runInterruptible((signal) =>
      profileForAttribution(result, {
        items,
        outDir,
        logDir,
        whyDir: whyDirOf(outDir, reportStamp(startedAt)),
        runs: profileRuns,
        baseline,
        saveBaseline: opts.saveBaseline,
        all: opts.attribute === true,
        signal,
        quiet: opts.json === true,
      }),
    );
    interrupted = step.interrupted;
    keptProfiles = step.result ?? {};
  }
  if (opts.withProfiles && !interrupted) {
    if (!opts.json) process.stderr.write('profiling the suite (profile cpu, profile memory)...\n');
    result.links.push(...(await profileLinks(target, command, { ...opts, outDir })));
  }
  finish(interrupted);
  const written = await writeValidateReports(outDir, result, { ...reportOptions, stepSummary: true });
  if (interrupted) await keptProfiles.discard?.();
  if (opts.saveBaseline && !interrupted) {
    const profiles = await keptProfiles.commit?.();
    const saved = await baselines?.saveBaseline(outDir, opts.saveBaseline, result, undefined, profiles);
    process.stderr.write(`baseline "${opts.saveBaseline}" saved: ${saved}\n`);
  }
  const { fromValidateResult } = await import('../history/record.js');
  const hasRun = result.measurements.length > 0;
  const page = await afterRun(outDir, hasRun ? fromValidateResult(result, await history) : undefined);
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
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
