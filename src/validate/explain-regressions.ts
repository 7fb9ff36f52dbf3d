/**
 * "Why it got slower": each regressed measurement of a profiled workload gets the functions that
 * caused it, from the baseline's profiled runs against this run's (src/attribution: per-run
 * function times, Welch tests adjusted together), a differential flamegraph, and this run's
 * profiles kept for `profile diff`. Whatever stands in the way (a baseline saved before profiles were
 * kept, failed runs, a corrupt file) becomes a `why.note`; the timing verdict is never touched.
 */
import { join } from 'node:path';
import { type Attribution, causes, type FunctionChange, type SourcedProfile } from '../attribution/index.js';
import { comparePair } from '../diff/compare-pair.js';
import { importProfileFile } from '../model/import.js';
import { plural } from '../util/words.js';
import type { Baseline } from './baseline.js';
import { baselineProfilesDir, listProfileRuns, writeProfileRun } from './baseline-profiles.js';
import type {
  BaselineComparison,
  FunctionCause,
  Measurement,
  RegressionWhy,
  ValidateResult,
} from './measurement.js';
import { type TimingItem, type WorkloadProfiles, workloadKey } from './record-profiles.js';

/** The comparisons attribution explains: time measurements that regressed (all of them with `all`). */
function explained(
  comparison: BaselineComparison,
  measurement: Measurement | undefined,
  all: boolean,
): boolean {
  // A run's wall time and the program's own phases (probe); user and sys are CPU-time views of the
  // same runs, and a wall-time profile divides wall time.
  const timed =
    measurement?.kind === 'command' ? measurement.metric === 'wall' : measurement?.kind === 'probe';
  if (!timed || measurement?.unit !== 'ms') return false;
  return all || comparison.comparison.verdict === 'regressed';
}

/** The workloads (`suite/workload`) whose profiled runs a comparison needs. */
export function workloadsToExplain(
  result: Pick<ValidateResult, 'measurements' | 'baseline'>,
  items: readonly TimingItem[],
  all: boolean,
): TimingItem[] {
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const wanted = new Set<string>();
  for (const c of result.baseline?.comparisons ?? []) {
    const m = byId.get(c.id);
    if (m && explained(c, m, all)) wanted.add(workloadKey(m.suite, m.name));
  }
  return items.filter((item) => wanted.has(workloadKey(item.suite, item.name)));
}

export const BASELINE_WITHOUT_PROFILES =
  'kept no profiles (saved before profiles were kept with baselines, or with --profile-runs 0)';

const NOT_PROFILED =
  'not profiled, so not attributed: servers are not yet (their regressions are in requests per second), nor an interrupted run';

function toCause(change: FunctionChange): FunctionCause {
  return {
    function: change.function,
    ...(change.file === undefined ? {} : { file: change.file }),
    ...(change.line === undefined ? {} : { line: change.line }),
    ...(change.baselineFile === undefined ? {} : { baselineFile: change.baselineFile }),
    baselineMs: change.baseline,
    currentMs: change.current,
    deltaMs: change.delta,
    shareOfRegression: change.shareOfRegression,
    p: change.p,
  };
}

async function loadRuns(files: string[]): Promise<SourcedProfile[]> {
  return Promise.all(files.map(async (source) => ({ profile: await importProfileFile(source), source })));
}

export interface ExplainOptions {
  baseline: Baseline;
  outDir: string;
  /** Where this run's profiles and the differential flamegraphs go: `reports/why/<stamp>`. */
  whyDir: string;
  /** Profiled runs of this run, by workload. */
  current: Map<string, WorkloadProfiles>;
  /** `--attribute`: every time measurement of a profiled workload, not only the regressed. */
  all: boolean;
}

/** What one workload's attribution gives every explained comparison of it. */
type Explain = (comparison: BaselineComparison) => void;

async function explainWorkload(
  current: WorkloadProfiles,
  baselineFiles: string[] | undefined,
  options: ExplainOptions,
): Promise<Explain> {
  const key = workloadKey(current.suite, current.name);
  const note =
    (text: string): Explain =>
    (c) => {
      c.why = { note: text };
    };
  if (!options.baseline.profiles)
    return note(
      `baseline "${options.baseline.name}" ${BASELINE_WITHOUT_PROFILES}: save it again with --save-baseline ${options.baseline.name} to have regressions attributed`,
    );
  if (!baselineFiles || baselineFiles.length === 0)
    return note(
      `baseline "${options.baseline.name}" kept no profiles of ${key} (its profiled runs failed, or it was not timed then)`,
    );
  if (current.profiles.length === 0)
    return note(`no profiled run of this version ended ok: ${current.failures.join('; ') || 'interrupted'}`);
  let base: SourcedProfile[];
  try {
    base = await loadRuns(baselineFiles);
  } catch (error) {
    return note(
      `a profile of baseline "${options.baseline.name}" could not be read: ${(error as Error).message}; save the baseline again`,
    );
  }
  const profilesDir = join(options.whyDir, current.suite, current.name);
  const next = await Promise.all(
    current.profiles.map(async (profile, i) => ({
      profile,
      source: await writeProfileRun(options.whyDir, current.suite, current.name, i + 1, profile),
    })),
  );
  const flamegraph = join(options.whyDir, current.suite, `${current.name}.diff.svg`);
  let attribution: Attribution;
  try {
    // Shares are of how much slower the profiled runs were: the same runs the functions' times come
    // from, so the shares add up (the timed runs' change, measured at other moments, is in the report).
    const pair = { key, base: base.map((b) => b.source), next: next.map((n) => n.source) };
    ({ attribution } = await comparePair(pair, base, next, {
      normalize: 'run',
      regression: 'profiled',
      svg: flamegraph,
      baseLabel: `baseline ${options.baseline.name} (${plural(base.length, 'run')})`,
      nextLabel: `now (${plural(next.length, 'run')})`,
    }));
  } catch (error) {
    return note(`the profiles of the two sides do not compare: ${(error as Error).message}`);
  }
  const why: RegressionWhy = {
    byTotal: causes(attribution.byTotal).map(toCause),
    baselineRuns: base.length,
    currentRuns: next.length,
    baselineRunMs: attribution.baselineTotal,
    currentRunMs: attribution.currentTotal,
    flamegraph,
    profiles: profilesDir,
    ...(attribution.tested
      ? {}
      : {
          note: 'one profiled run on a side: no test, so no function is named; profile more runs (--profile-runs)',
        }),
  };
  const named = causes(attribution.bySelf).map(toCause);
  return (c) => {
    c.attribution = named;
    c.why = why;
  };
}

/** Adds `attribution` and `why` to the comparisons of `result` that it explains. */
export async function explainRegressions(result: ValidateResult, options: ExplainOptions): Promise<void> {
  const section = result.baseline;
  if (!section) return;
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const baselineRuns = options.baseline.profiles
    ? await listProfileRuns(baselineProfilesDir(options.outDir, options.baseline.name))
    : new Map<string, string[]>();
  const explainers = new Map<string, Explain>();
  for (const [key, current] of options.current) {
    explainers.set(key, await explainWorkload(current, baselineRuns.get(key), options));
  }
  for (const c of section.comparisons) {
    const m = byId.get(c.id);
    if (!m || !explained(c, m, options.all)) continue;
    const explain = explainers.get(workloadKey(m.suite, m.name));
    if (explain) explain(c);
    else c.why = { note: NOT_PROFILED };
  }
}
