/**
 * "Why it got slower": each regressed measurement of a profiled workload gets what caused it, from
 * the baseline's profiled runs against this run's (src/attribution: per-run figures of every
 * function, Welch tests adjusted together), a differential flamegraph, and this run's profiles
 * kept for `profile diff`. A time (wall, probe phase) is explained by CPU profiles: the functions
 * whose time changed (`attribution`); peak RSS by heap profiles: the allocation sites whose in-use
 * bytes at the end of a run changed (`allocationSites`). Whatever stands in the way (a baseline saved
 * before profiles were kept, failed runs, a corrupt file) becomes a `why.note`; the timing verdict is
 * never touched.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HEAP_SAMPLE_BYTES } from '../../agent/protocol.cjs';
import {
  type Attribution,
  causes,
  type FunctionChange,
  type SourcedProfile,
} from '../../attribution/index.js';
import { comparePair } from '../../diff/compare-pair.js';
import { listProfileTree } from '../../diff/profile-tree.js';
import { importProfileFile } from '../../model/import.js';
import { scaleValues } from '../../model/scale-values.js';
import { baselineProfilesDir, type ProfileKind } from '../../store/perfsuite-dir.js';
import { plural } from '../../util/words.js';
import type {
  AllocationSite,
  BaselineComparison,
  FunctionCause,
  Measurement,
  RegressionWhy,
  ValidateResult,
} from '../measurement.js';
import type { Baseline } from './baseline.js';
import { readRunRequests, writeProfileRun } from './baseline-profiles.js';
import { type TimingItem, type WorkloadProfiles, workloadKey } from './record-profiles.js';

/**
 * Which profiles explain a comparison: CPU profiles a run's wall time and the program's own phases
 * (probe), heap profiles its peak RSS; undefined for the rest (user and sys are CPU-time views of the
 * same runs). Only regressions, or every such comparison with `all`.
 */
export function explainedBy(
  comparison: BaselineComparison,
  measurement: Measurement | undefined,
  all: boolean,
): ProfileKind | undefined {
  if (!all && comparison.comparison.verdict !== 'regressed') return undefined;
  if (measurement?.kind === 'probe' && measurement.unit === 'ms') return 'cpu';
  // A server's requests per second and latency: its CPU time per request.
  if (measurement?.kind === 'load') return 'cpu';
  if (measurement?.kind !== 'command') return undefined;
  return measurement.metric === 'wall' ? 'cpu' : measurement.metric === 'peakRss' ? 'heap' : undefined;
}

/** The workloads whose profiled runs of each kind a comparison needs. */
export function workloadsToExplain(
  result: Pick<ValidateResult, 'measurements' | 'baseline'>,
  items: readonly TimingItem[],
  all: boolean,
): Record<ProfileKind, TimingItem[]> {
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const wanted = { cpu: new Set<string>(), heap: new Set<string>() };
  for (const c of result.baseline?.comparisons ?? []) {
    const m = byId.get(c.id);
    const kind = explainedBy(c, m, all);
    if (m && kind) wanted[kind].add(workloadKey(m.suite, m.name));
  }
  const pick = (keys: Set<string>) => items.filter((item) => keys.has(workloadKey(item.suite, item.name)));
  return { cpu: pick(wanted.cpu), heap: pick(wanted.heap) };
}

export const BASELINE_WITHOUT_PROFILES =
  'kept no profiles (saved before profiles were kept with baselines, or with --profile-runs 0)';

const NOT_PROFILED = 'not profiled, so not attributed: the run was interrupted first';

const location = (change: FunctionChange) => ({
  function: change.function,
  ...(change.file === undefined ? {} : { file: change.file }),
  ...(change.line === undefined ? {} : { line: change.line }),
  ...(change.baselineFile === undefined ? {} : { baselineFile: change.baselineFile }),
});

function toCause(change: FunctionChange): FunctionCause {
  return {
    ...location(change),
    baselineMs: change.baseline,
    currentMs: change.current,
    deltaMs: change.delta,
    shareOfRegression: change.shareOfRegression,
    p: change.p,
  };
}

function toSite(change: FunctionChange): AllocationSite {
  return {
    ...location(change),
    baselineMB: change.baseline,
    currentMB: change.current,
    deltaMB: change.delta,
    shareOfRegression: change.shareOfRegression,
    p: change.p,
  };
}

async function readRuns(files: string[]): Promise<SourcedProfile[]> {
  return Promise.all(files.map(async (source) => ({ profile: await importProfileFile(source), source })));
}

export interface ExplainOptions {
  baseline: Baseline;
  outDir: string;
  /** Where this run's profiles and the differential flamegraphs go: `reports/why/<stamp>`. */
  whyDir: string;
  /** Profiled runs of this run, by kind and workload. */
  current: Record<ProfileKind, Map<string, WorkloadProfiles>>;
  /** `--attribute`: every comparison that profiles explain, not only the regressed. */
  all: boolean;
}

/** What one workload's attribution gives every comparison it explains. */
type Explain = (comparison: BaselineComparison) => void;

async function explainWorkload(
  kind: ProfileKind,
  current: WorkloadProfiles,
  baselineFiles: string[] | undefined,
  options: ExplainOptions,
): Promise<Explain> {
  const key = workloadKey(current.suite, current.name);
  const what = kind === 'cpu' ? 'profiles' : 'heap profiles';
  const note =
    (text: string): Explain =>
    (c) => {
      c.why = { note: text };
    };
  const { name } = options.baseline;
  if (!options.baseline.profiles)
    return note(
      `baseline "${name}" ${BASELINE_WITHOUT_PROFILES}: save it again with --save-baseline ${name} to have regressions attributed`,
    );
  if (!baselineFiles || baselineFiles.length === 0)
    return note(
      `baseline "${name}" kept no ${what} of ${key} (its profiled runs failed, or it was not timed then)`,
    );
  if (current.profiles.length === 0)
    return note(
      `no ${kind}-profiled run of this version ended ok: ${current.failures.join('; ') || 'interrupted'}`,
    );
  let base: SourcedProfile[];
  try {
    base = await readRuns(baselineFiles);
  } catch (error) {
    return note(
      `a profile of baseline "${name}" could not be read: ${(error as Error).message}; save the baseline again`,
    );
  }
  const dir = join(options.whyDir, kind === 'cpu' ? 'cpu' : 'heap');
  let next = await Promise.all(
    current.profiles.map(async (profile, i) => ({
      profile,
      source: await writeProfileRun(dir, current.suite, current.name, i + 1, profile, current.requests[i]),
    })),
  );
  // A server's runs serve different numbers of requests: compared per 1,000 of them when every run
  // of both sides says how many it served (the built-in load), else per run (a fixed load window).
  const baseRequests = await Promise.all(base.map((b) => readRunRequests(b.source)));
  const perRequest =
    kind === 'cpu' &&
    [...baseRequests, ...current.requests].every((n) => n !== undefined && n > 0) &&
    current.requests.length === next.length;
  if (perRequest) {
    const per1k = (side: SourcedProfile[], requests: (number | undefined)[]) =>
      side.map((s, i) => ({ ...s, profile: scaleValues(s.profile, 1000 / (requests[i] as number)) }));
    base = per1k(base, baseRequests);
    next = per1k(next, current.requests);
  }
  const flamegraph = join(dir, current.suite, `${current.name}.diff.svg`);
  let attribution: Attribution;
  try {
    // Shares are of how much bigger the profiled runs were: the same runs the functions' figures come
    // from, so the shares add up (the timed runs' change, measured at other moments, is in the report).
    const pair = { key, base: base.map((b) => b.source), next: next.map((n) => n.source) };
    ({ attribution } = await comparePair(pair, base, next, {
      normalize: 'run',
      regression: 'profiled',
      // A heap profile counts no samples: three of the memory agent's sampling intervals, in MB.
      ...(kind === 'heap' ? { minChange: (3 * HEAP_SAMPLE_BYTES) / 1e6 } : {}),
      svg: flamegraph,
      baseLabel: `baseline ${name} (${plural(base.length, 'run')})`,
      nextLabel: `now (${plural(next.length, 'run')})`,
    }));
  } catch (error) {
    return note(`the ${what} of the two sides do not compare: ${(error as Error).message}`);
  }
  const why: RegressionWhy = {
    ...(kind === 'cpu' ? { byTotal: causes(attribution.byTotal).map(toCause) } : {}),
    unit: kind === 'cpu' ? 'ms' : 'MB',
    per: kind === 'heap' ? 'run end' : perRequest ? '1,000 requests' : 'run',
    baselineRuns: base.length,
    currentRuns: next.length,
    baselineTotal: attribution.baselineTotal,
    currentTotal: attribution.currentTotal,
    flamegraph,
    profiles: join(dir, current.suite, current.name),
    ...(attribution.tested
      ? {}
      : {
          note: 'one profiled run on a side: no test, so nothing is named; profile more runs (--profile-runs)',
        }),
  };
  const named = causes(attribution.bySelf);
  return (c) => {
    if (kind === 'cpu') c.attribution = named.map(toCause);
    else c.allocationSites = named.map(toSite);
    c.why = why;
  };
}

/** Adds `attribution` (or `allocationSites`) and `why` to the comparisons of `result` it explains. */
export async function explainRegressions(result: ValidateResult, options: ExplainOptions): Promise<void> {
  const section = result.baseline;
  if (!section) return;
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const explainers = { cpu: new Map<string, Explain>(), heap: new Map<string, Explain>() };
  for (const kind of ['cpu', 'heap'] as const) {
    const dir = baselineProfilesDir(options.outDir, options.baseline.name, kind);
    const kept =
      options.baseline.profiles && existsSync(dir) ? await listProfileTree(dir) : new Map<string, string[]>();
    for (const [key, current] of options.current[kind]) {
      explainers[kind].set(key, await explainWorkload(kind, current, kept.get(key), options));
    }
  }
  for (const c of section.comparisons) {
    const m = byId.get(c.id);
    const kind = explainedBy(c, m, options.all);
    if (!m || !kind) continue;
    const explain = explainers[kind].get(workloadKey(m.suite, m.name));
    if (explain) explain(c);
    else c.why = { note: NOT_PROFILED };
  }
}
