/**
 * The profiling step of `profile validate` after its timings, when a baseline is saved or compared:
 * every timed workload profiled for the baseline being saved, the regressed ones (all with
 * `--attribute`) for the comparison, each workload once; then the comparison's regressions
 * attributed, and the saved baseline's profiles put in place by `commit`.
 */
import { join } from 'node:path';
import type { Baseline, BaselineProfiles } from './baseline.js';
import { stageBaselineProfiles, writeProfileRun } from './baseline-profiles.js';
import { explainRegressions, workloadsToExplain } from './explain-regressions.js';
import type { ValidateResult } from './measurement.js';
import type { ValidateItem } from './plan.js';
import { PROFILED_RUN_INTERVAL_US } from './profile-runs.js';
import { profilable, recordProfiles, type WorkloadProfiles, workloadKey } from './record-profiles.js';

export interface AttributionStepOptions {
  items: readonly ValidateItem[];
  outDir: string;
  logDir: string;
  /** `reports/why/<stamp>`: this run's profiles and the differential flamegraphs. */
  whyDir: string;
  /** Profiled runs per workload. */
  runs: number;
  baseline?: Baseline | undefined;
  saveBaseline?: string | undefined;
  /** `--attribute`: explain every time measurement, not only the regressed. */
  all: boolean;
  signal: AbortSignal;
  quiet: boolean;
}

/** Runs the step; `commit` (when saving) puts the new baseline's profiles in place and says what was kept. */
export async function attributionStep(
  result: ValidateResult,
  options: AttributionStepOptions,
): Promise<{ commit?: () => Promise<BaselineProfiles>; discard?: () => Promise<void> }> {
  const eligible = profilable(options.items);
  const toExplain = options.baseline ? workloadsToExplain(result, eligible, options.all) : [];
  const explainKeys = new Set(toExplain.map((i) => workloadKey(i.suite, i.name)));
  const toProfile = options.saveBaseline
    ? eligible
    : eligible.filter((i) => explainKeys.has(workloadKey(i.suite, i.name)));
  if (toProfile.length === 0) return {};

  const stage = options.saveBaseline
    ? await stageBaselineProfiles(options.outDir, options.saveBaseline)
    : undefined;
  const recorded = await recordProfiles(toProfile, {
    runs: options.runs,
    logDir: options.logDir,
    signal: options.signal,
    quiet: options.quiet,
    purpose: stage ? 'for the baseline' : 'to explain its regression',
    ...(stage
      ? {
          onProfile: async (item, profile, run) => {
            await writeProfileRun(stage.dir, item.suite, item.name, run, profile);
          },
        }
      : {}),
  });
  if (options.baseline && !options.signal.aborted) {
    const current = new Map<string, WorkloadProfiles>([...recorded].filter(([key]) => explainKeys.has(key)));
    await explainRegressions(result, {
      baseline: options.baseline,
      outDir: options.outDir,
      whyDir: options.whyDir,
      current,
      all: options.all,
    });
  }
  if (!stage) return {};
  return {
    discard: stage.discard,
    commit: async () => {
      await stage.commit();
      const workloads: Record<string, number> = {};
      for (const [key, w] of recorded) if (w.profiles.length > 0) workloads[key] = w.profiles.length;
      return { engine: 'pprof', intervalUs: PROFILED_RUN_INTERVAL_US, runs: options.runs, workloads };
    },
  };
}

/** `reports/why/<stamp>` under the output directory. */
export const whyDirOf = (outDir: string, stamp: string): string => join(outDir, 'reports', 'why', stamp);
