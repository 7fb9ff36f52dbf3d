/**
 * The profiling step of `profile validate` after its timings, when a baseline is saved or compared:
 * every timed workload profiled for the baseline being saved (CPU-profiled runs, and a few
 * heap-profiled ones), the regressed ones (all with `--attribute`) for the comparison, each
 * workload once per kind; then the comparison's regressions attributed, and the saved baseline's
 * profiles put in place by `commit`.
 */
import { join } from 'node:path';
import type { ProfileKind } from '../../store/perfsuite-dir.js';
import type { ValidateResult } from '../measurement.js';
import type { ValidateItem } from '../plan.js';
import type { Baseline, BaselineProfiles } from './baseline.js';
import { stageBaselineProfiles, writeProfileRun } from './baseline-profiles.js';
import { explainRegressions, workloadsToExplain } from './explain-regressions.js';
import { PROFILED_RUN_INTERVAL_US } from './profile-runs.js';
import { profilable, recordProfiles, type WorkloadProfiles, workloadKey } from './record-profiles.js';

/**
 * Heap-profiled runs per workload, at most: in-use bytes at the end of a run vary far less from run
 * to run than sampled times, and each run is a whole extra run of the workload.
 */
export const HEAP_PROFILE_RUNS = 3;

export interface AttributionStepOptions {
  items: readonly ValidateItem[];
  outDir: string;
  logDir: string;
  /** `reports/why/<stamp>`: this run's profiles and the differential flamegraphs. */
  whyDir: string;
  /** CPU-profiled runs per workload (heap-profiled: at most HEAP_PROFILE_RUNS). */
  runs: number;
  baseline?: Baseline | undefined;
  saveBaseline?: string | undefined;
  /** `--attribute`: explain every comparison profiles can, not only the regressed. */
  all: boolean;
  signal: AbortSignal;
  quiet: boolean;
}

type Recorded = Map<string, WorkloadProfiles>;
const kept = (recorded: Recorded) => {
  const workloads: Record<string, number> = {};
  for (const [key, w] of recorded) if (w.profiles.length > 0) workloads[key] = w.profiles.length;
  return workloads;
};

/** Writes every recorded run under `dir` (a staged baseline folder). */
async function writeRuns(dir: string, recorded: Recorded): Promise<void> {
  for (const { suite, name, profiles, requests } of recorded.values()) {
    for (const [i, profile] of profiles.entries()) {
      await writeProfileRun(dir, suite, name, i + 1, profile, requests[i]);
    }
  }
}

/** Runs the step; `commit` (when saving) puts the new baseline's profiles in place and says what was kept. */
export async function attributionStep(
  result: ValidateResult,
  options: AttributionStepOptions,
): Promise<{ commit?: () => Promise<BaselineProfiles>; discard?: () => Promise<void> }> {
  const eligible = profilable(options.items);
  const toExplain = options.baseline
    ? workloadsToExplain(result, eligible, options.all)
    : { cpu: [], heap: [] };
  const runsOf: Record<ProfileKind, number> = {
    cpu: options.runs,
    heap: Math.min(options.runs, HEAP_PROFILE_RUNS),
  };
  const saving = options.saveBaseline;
  const recorded = { cpu: new Map() as Recorded, heap: new Map() as Recorded };
  const stages: { commit: () => Promise<void>; discard: () => Promise<void> }[] = [];
  for (const kind of ['cpu', 'heap'] as const) {
    const explainKeys = new Set(toExplain[kind].map((i) => workloadKey(i.suite, i.name)));
    const toProfile = saving
      ? eligible
      : eligible.filter((i) => explainKeys.has(workloadKey(i.suite, i.name)));
    if (toProfile.length === 0 || options.signal.aborted) continue;
    const stage = saving ? await stageBaselineProfiles(options.outDir, saving, kind) : undefined;
    if (stage) stages.push(stage);
    recorded[kind] = await recordProfiles(toProfile, {
      kind,
      runs: runsOf[kind],
      logDir: options.logDir,
      signal: options.signal,
      quiet: options.quiet,
      purpose: stage ? 'for the baseline' : 'to explain its regression',
    });
    if (stage) await writeRuns(stage.dir, recorded[kind]);
  }
  if (options.baseline && !options.signal.aborted) {
    const explaining = (kind: ProfileKind) => {
      const keys = new Set(toExplain[kind].map((i) => workloadKey(i.suite, i.name)));
      return new Map([...recorded[kind]].filter(([key]) => keys.has(key)));
    };
    await explainRegressions(result, {
      baseline: options.baseline,
      outDir: options.outDir,
      whyDir: options.whyDir,
      current: { cpu: explaining('cpu'), heap: explaining('heap') },
      all: options.all,
    });
  }
  if (!saving) return {};
  return {
    discard: async () => {
      for (const stage of stages) await stage.discard();
    },
    commit: async () => {
      for (const stage of stages) await stage.commit();
      return {
        engine: 'pprof',
        intervalUs: PROFILED_RUN_INTERVAL_US,
        runs: runsOf.cpu,
        workloads: kept(recorded.cpu),
        heap: { runs: runsOf.heap, workloads: kept(recorded.heap) },
      };
    },
  };
}

/** `reports/why/<stamp>` under the output directory. */
export const whyDirOf = (outDir: string, stamp: string): string => join(outDir, 'reports', 'why', stamp);
