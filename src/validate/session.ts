/**
 * One `profile validate` run from its plan to its saved baseline, like hyperfine's scheduler: plans
 * the items, reads the baseline before measuring, times the items one at a time (comparing and
 * rewriting the reports after each, so that Ctrl-C or a crash keeps what was measured), profiles
 * for attribution and for --with-profiles after the timings, writes the final reports and saves the
 * baseline. What the CLI does around it (flags, history, page, summary) is in cli/validate.ts.
 */
import { join } from 'node:path';
import { runInterruptible, runTargets } from '../runner/run-in-turn.js';
import { baselinePath } from '../store/perfsuite-dir.js';
import { machineInfo } from '../util/machine.js';
import { attributionStep as profileForAttribution, whyDirOf } from './baseline/attribution-step.js';
import type { Baseline } from './baseline/baseline.js';
import { compareToBaseline, validateExitCode } from './baseline/compare-baseline.js';
import { runItem } from './measure/run-item.js';
import type { ValidateResult } from './measurement.js';
import { planValidateRun, type ValidateItem, type ValidatePlanFlags } from './plan.js';
import { reportStamp } from './reports/report-md.js';
import { type WrittenReports, writeValidateReports } from './reports/write-reports.js';
import { profileLinks } from './with-profiles.js';

type KeptProfiles = Awaited<ReturnType<typeof profileForAttribution>>;

/** Profiled runs per workload for attribution: enough for the test to tell a 10% change in a function. */
const DEFAULT_PROFILE_RUNS = 5;

export interface ValidateSessionOptions extends ValidatePlanFlags {
  /** A suite name or "all"; undefined with an ad hoc command. */
  target: string | undefined;
  /** The ad hoc command (after `--`), or empty. */
  command: string[];
  /** Benchmark filters: a group, "group/name", or /regex/. */
  bench?: string[];
  baseline?: string;
  saveBaseline?: string;
  /** The regression gate in percent (--fail-on-regression, parsed). */
  failOnRegressionPct?: number;
  /** Half-width of the noise band in percent. */
  noise?: number;
  withProfiles?: boolean;
  /** Profiled runs per workload kept with a saved baseline, or recorded to explain a regression. */
  profileRuns?: number;
  /** Attribute every time measurement against the baseline, not only the regressed ones. */
  attribute?: boolean;
  /** No progress lines on stderr (--json). */
  quiet?: boolean;
  /**
   * Called once the items are planned and the baseline is read, just before the first item runs:
   * the CLI starts reading git and the machine for the history then, while the items run.
   */
  onPlanned?: (planned: { baseDir: string; outDir: string }) => void;
}

export interface ValidateSession {
  result: ValidateResult;
  /** The reports written last. */
  written: WrittenReports;
  /** Ctrl-C stopped the session. */
  interrupted: boolean;
  outDir: string;
  /** The output of every run. */
  logDir: string;
}

/** A validation's result before its first item: filled in as the items are measured. */
function emptyResult(startedAt: Date, configPath: string, items: readonly ValidateItem[]): ValidateResult {
  return {
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
}

/** The baseline to compare with, read before measuring: a mistyped name should not cost a five-minute run. */
async function readBaselines(outDir: string, options: ValidateSessionOptions) {
  // Imported only with a baseline flag: baseline files are checked with zod (~80 ms to load).
  const baselines =
    options.baseline || options.saveBaseline ? await import('./baseline/baseline.js') : undefined;
  const baseline: Baseline | undefined = options.baseline
    ? await baselines?.readBaseline(outDir, options.baseline)
    : undefined;
  if (options.saveBaseline) baselinePath(outDir, options.saveBaseline);
  return { baselines, baseline };
}

export async function runValidateSession(options: ValidateSessionOptions): Promise<ValidateSession> {
  const { target, command, failOnRegressionPct } = options;
  const { items, outDir, baseDir, configPath, note } = await planValidateRun(target, command, options);
  if (note) process.stderr.write(`${note}\n`);
  const { baselines, baseline } = await readBaselines(outDir, options);
  options.onPlanned?.({ baseDir, outDir });

  const startedAt = new Date();
  const result = emptyResult(startedAt, configPath, items);
  const logDir = join(outDir, 'reports', 'logs', reportStamp(startedAt));
  const reportOptions = { failOnRegressionPct };
  // After every item: the measurements only change there, so the comparisons made after the last
  // item are final (the attribution step adds to them).
  const compare = () => {
    if (baseline) {
      result.baseline = compareToBaseline(result, baseline, {
        failOnRegressionPct,
        ...(options.noise === undefined ? {} : { noiseThreshold: options.noise / 100 }),
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
      if (!options.quiet) process.stderr.write(`validating ${item.suite}/${item.name} (${item.kind})...\n`);
      const measured = await runItem(item, {
        baseDir,
        logDir,
        benchFilters: options.bench ?? [],
        signal,
        timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
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
  // and for the regressions found (src/validate/baseline/attribution-step.ts).
  let keptProfiles: KeptProfiles = {};
  const profileRuns = options.profileRuns ?? DEFAULT_PROFILE_RUNS;
  if (!interrupted && profileRuns > 0 && (options.saveBaseline || baseline)) {
    const whyDir = whyDirOf(outDir, reportStamp(startedAt));
    const step = await runInterruptible((signal) =>
      profileForAttribution(result, {
        items,
        outDir,
        logDir,
        whyDir,
        runs: profileRuns,
        baseline,
        saveBaseline: options.saveBaseline,
        all: options.attribute === true,
        signal,
        quiet: options.quiet === true,
      }),
    );
    interrupted = step.interrupted;
    keptProfiles = step.result ?? {};
  }
  if (options.withProfiles && !interrupted) {
    if (!options.quiet) process.stderr.write('profiling the suite (profile cpu, profile memory)...\n');
    result.links.push(
      ...(await profileLinks(target, command, {
        config: options.config,
        workload: options.workload,
        outDir,
      })),
    );
  }
  finish(interrupted);
  const written = await writeValidateReports(outDir, result, { ...reportOptions, stepSummary: true });
  if (interrupted) await keptProfiles.discard?.();
  if (options.saveBaseline && !interrupted) {
    const profiles = await keptProfiles.commit?.();
    const saved = await baselines?.saveBaseline(outDir, options.saveBaseline, result, undefined, profiles);
    process.stderr.write(`baseline "${options.saveBaseline}" saved: ${saved}\n`);
  }
  return { result, written, interrupted, outDir, logDir };
}
