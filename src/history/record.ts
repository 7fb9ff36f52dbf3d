/**
 * The record every run appends to the history (`.perfsuite/history.jsonl`, see store.ts), and its
 * builders from what each command produces. A record is one JSON line, read back for the report's
 * trend charts and its "since the last run" table, possibly years later and merged with records of
 * other machines: so it is versioned (`v`), it carries its own context (time, git, machine) and it
 * holds only what the trends need, not the results themselves (those stay in their own files).
 *
 * Compact field names are used where a field repeats per measurement or per workload (a record of
 * `profile cpu all` on the demo, 17 workloads, is about 5.8 KB, 200 of them 1.2 MB); each is documented here.
 * Numbers are rounded to what a trend can show: medians to 4 significant digits (0.05%, far under
 * any noise band), shares to 0.001, megabytes to 0.01. Source locations are made machine
 * independent (relative to the project, or from `node_modules/` on), so that records of two
 * machines name the same function alike.
 *
 * These builders are pure: the context (time, git, machine) is gathered by context.ts.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuResult } from '../cpu/result.js';
import type { EngineName } from '../engines/engine.js';
import type { LoadSummary } from '../load/summary.js';
import type { GrowthKind } from '../memory/classify.js';
import type { MemoryResult } from '../memory/result.js';
import type { FunctionStat } from '../model/top.js';
import type { ChangeVerdict } from '../stats/index.js';
import type { MachineInfo } from '../util/machine.js';
import type { BaselineComparison, Unit, ValidateResult } from '../validate/measurement.js';
import type { RunState } from '../workload/workload-run.js';

/** Bumped on a change that an older reader would misread; readers skip records of other versions. */
export const HISTORY_VERSION = 1;

/** Top functions kept per CPU profile: enough to see what moved, small enough for 200 runs. */
export const TOP_FUNCTIONS_KEPT = 5;

/** The commands that append a record. */
export type HistoryCommand = 'cpu' | 'memory' | 'validate';

/** The working tree a run measured, when it ran in a git repository (git.ts). */
export interface GitInfo {
  /** Full hash of HEAD; absent in a repository without commits yet. */
  commit?: string;
  /** Absent on a detached HEAD (a CI checkout of a commit). */
  branch?: string;
  /** Tracked files differ from HEAD (staged or not): the run measured uncommitted code. */
  dirty: boolean;
}

/** The machine, as util/machine.ts describes it, with the user's name for it when given. */
export interface HistoryMachine extends MachineInfo {
  /** `PERFSUITE_MACHINE` or the caller's name for it, e.g. `ci-linux-shard-2`: it then tells machines apart. */
  name?: string;
}

/** One top function of a CPU profile: its name, `file:line` ('' for native code) and self share (0..1). */
export type TopFunctionRow = [name: string, location: string, selfShare: number];

/** A server's load in a run: throughput and tail latency, where the built-in load measured them. */
export interface LoadFigures {
  /** Requests per second. */
  rps?: number;
  /** Latency p99 of every response, ms. */
  p99?: number;
}

/** One CPU profile (`profile cpu`, one workload). */
export interface CpuEntry extends LoadFigures {
  /** `suite/workload`. */
  w: string;
  /** The result's state, absent when `ok`. */
  st?: RunState;
  /** The engine, absent when `pprof` (the default). */
  eng?: EngineName;
  /** Wall time of the profiled run, ms. */
  ms: number;
  /** Sample count. */
  n: number;
  /** Threads profiled in all its processes, absent when 1: a thread missing from a later run is said so. */
  th?: number;
  /** Top functions by self value, at most TOP_FUNCTIONS_KEPT. */
  top: TopFunctionRow[];
}

/** One memory workload (`profile memory`). */
export interface MemoryEntry extends LoadFigures {
  /** `suite/workload`. */
  w: string;
  /** The result's state, absent when `ok`. */
  st?: RunState;
  /** The run's growth verdict (memory/overall.ts). */
  verdict: GrowthKind;
  /** Some metric grew (linear or exponential). */
  leak: boolean;
  /** Peak RSS of the process tree, MB (10^6 bytes). */
  peak: number;
}

/** One measurement of `profile validate`, under its id (`commands/dry_run:wall`). */
export interface MeasurementEntry {
  /** Unit of `med` and `p95`. */
  u: Unit;
  /** Median and 95th percentile of the run's samples (of every request, for a server's latency). */
  med: number;
  p95: number;
  /** Samples behind them: runs, probe reports or benchmark calls (a server's latency: its runs). */
  n: number;
  /** Change of the mean against the run's baseline, %, when the run was compared with one. */
  chg?: number;
  /** That comparison's verdict (a latency's two comparisons: the worse). */
  vd?: ChangeVerdict;
}

/** A server workload of `profile validate`: its load over every measured run. */
export interface ServerEntry extends LoadFigures {
  /** `suite/workload`. */
  w: string;
}

/** One run of one command: what `.perfsuite/history.jsonl` holds, one per line. */
export interface HistoryRecord {
  /** Format version: HISTORY_VERSION. */
  v: typeof HISTORY_VERSION;
  /** Unique id of the run (time and random bits): merged files are de-duplicated by it. */
  id: string;
  /** When the run started, ISO 8601 UTC. */
  t: string;
  cmd: HistoryCommand;
  git?: GitInfo;
  machine: HistoryMachine;
  /** Ctrl-C stopped the run: what it holds was measured, the rest is missing. */
  interrupted?: true;
  /** validate: the suites selected (a measurement of one of them missing from the run is gone). */
  suites?: string[];
  /** validate: the run's exit code (1: a target failed or a regression passed the gate). */
  exit?: number;
  /** validate: the baseline the run was compared with. */
  base?: string;
  /** validate: measurements by id. */
  m?: Record<string, MeasurementEntry>;
  /** validate: server workloads. */
  servers?: ServerEntry[];
  /** cpu: one entry per workload, failed ones included. */
  cpu?: CpuEntry[];
  /** memory: one entry per workload, failed ones included. */
  mem?: MemoryEntry[];
}

/** What every record of a run shares; gathered once per command by context.ts. */
export interface RunContext {
  /** The run's id (newRunId). */
  id: string;
  /** When the command started, ISO 8601. */
  time: string;
  git?: GitInfo;
  machine: HistoryMachine;
  /** Source locations under it are stored relative to it (not stored itself). */
  projectDir: string;
  /** Ctrl-C stopped the run. */
  interrupted?: boolean;
}

/** `x` to `digits` significant digits: the precision a trend needs, in the fewest characters. */
export function roundSignificant(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

const roundTo = (x: number, decimals: number): number => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** A run id: its start time to the second, and 32 random bits (unique across machines and shards). */
export function newRunId(time: string, random: () => number = Math.random): string {
  const stamp = time.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const bits = Math.floor(random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
  return `${stamp}-${bits}`;
}

/**
 * A function's file, the same on every machine: relative to the project when inside it, from the
 * last `node_modules/` on for dependencies (installed anywhere), else as given (`node:fs`).
 */
export function portableFile(file: string | undefined, projectDir: string): string {
  if (!file) return '';
  let path = file;
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path);
    } catch {
      return path;
    }
  }
  const modules = path.lastIndexOf(`node_modules${sep}`);
  if (modules >= 0) return path.slice(modules).split(sep).join('/');
  if (isAbsolute(path)) {
    const inside = relative(projectDir, path);
    if (inside && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/');
  }
  return path;
}

/** Long generated names (minified code, template functions) are cut: the location tells them apart. */
const MAX_NAME = 120;

function topRow(stat: FunctionStat, projectDir: string): TopFunctionRow {
  const file = portableFile(stat.file, projectDir);
  const location = file && stat.line !== undefined ? `${file}:${stat.line}` : file;
  const name = stat.name.length > MAX_NAME ? `${stat.name.slice(0, MAX_NAME - 1)}…` : stat.name;
  return [name, location, roundTo(stat.selfShare, 3)];
}

/** The built-in load's throughput and p99 latency; nothing for a load command (it measures nothing). */
function loadFigures(load: LoadSummary | undefined): LoadFigures {
  const figures: LoadFigures = {};
  if (load?.rps !== undefined) figures.rps = roundSignificant(load.rps);
  if (load?.latencyMs) figures.p99 = roundSignificant(load.latencyMs.p99);
  return figures;
}

function base(cmd: HistoryCommand, context: RunContext, time = context.time): HistoryRecord {
  return {
    v: HISTORY_VERSION,
    id: context.id,
    t: time,
    cmd,
    ...(context.git ? { git: context.git } : {}),
    machine: context.machine,
    ...(context.interrupted ? { interrupted: true as const } : {}),
  };
}

/** The record of a `profile cpu` run: per workload its wall time, sample count and top functions. */
export function fromCpuResults(results: readonly CpuResult[], context: RunContext): HistoryRecord {
  const record = base('cpu', context);
  record.cpu = results.map((r) => ({
    w: `${r.suite}/${r.workload}`,
    ...(r.state === 'ok' ? {} : { st: r.state }),
    ...(r.engine === 'pprof' ? {} : { eng: r.engine }),
    ms: roundSignificant(r.durationMs),
    n: r.sampleCount,
    ...(r.threads === 1 ? {} : { th: r.threads }),
    top: r.topSelf.slice(0, TOP_FUNCTIONS_KEPT).map((stat) => topRow(stat, context.projectDir)),
    ...loadFigures(r.load),
  }));
  if (results.some((r) => r.state === 'interrupted')) record.interrupted = true;
  return record;
}

/** The record of a `profile memory` run: per workload its verdict, leak flag and peak RSS. */
export function fromMemoryResults(results: readonly MemoryResult[], context: RunContext): HistoryRecord {
  const record = base('memory', context);
  record.mem = results.map((r) => ({
    w: `${r.suite}/${r.workload}`,
    ...(r.state === 'ok' ? {} : { st: r.state }),
    verdict: r.verdict,
    leak: r.leak,
    peak: roundTo(r.peakRss / 1e6, 2),
    ...loadFigures(r.load),
  }));
  if (results.some((r) => r.state === 'interrupted')) record.interrupted = true;
  return record;
}

const VERDICT_WEIGHT: Record<ChangeVerdict, number> = {
  regressed: 3,
  improved: 2,
  'within noise': 1,
  'no change': 0,
};

/** A measurement's baseline comparison in one: a latency's p50 and p99 comparisons give the worse. */
function worstComparison(comparisons: readonly BaselineComparison[]): BaselineComparison | undefined {
  let worst: BaselineComparison | undefined;
  for (const c of comparisons) {
    if (!worst || VERDICT_WEIGHT[c.comparison.verdict] > VERDICT_WEIGHT[worst.comparison.verdict]) worst = c;
  }
  return worst;
}

/**
 * The record of a `profile validate` run: per measurement its median and p95 (a measurement without
 * samples, all its runs failed, is left out: the trends then show it as gone), the baseline
 * verdicts when the run had a baseline, and each server's load. Its time is the run's own start.
 */
export function fromValidateResult(result: ValidateResult, context: RunContext): HistoryRecord {
  const record = base(
    'validate',
    { ...context, machine: { ...context.machine, ...result.machine } },
    result.startedAt,
  );
  const byId = new Map<string, BaselineComparison[]>();
  for (const c of result.baseline?.comparisons ?? []) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const measurements: Record<string, MeasurementEntry> = {};
  for (const m of result.measurements) {
    if (!m.summary) continue;
    const entry: MeasurementEntry = {
      u: m.unit,
      med: roundSignificant(m.summary.median),
      p95: roundSignificant(m.summary.p95),
      n: m.samples.length,
    };
    const compared = worstComparison(byId.get(m.id) ?? []);
    if (compared) {
      entry.chg = roundTo(compared.comparison.changePct, 1);
      entry.vd = compared.comparison.verdict;
    }
    measurements[m.id] = entry;
  }
  record.suites = [...result.suites];
  record.exit = result.exitCode;
  if (result.baseline) record.base = result.baseline.name;
  record.m = measurements;
  const servers = result.servers.map((s) => ({ w: `${s.suite}/${s.name}`, ...loadFigures(s.total) }));
  if (servers.length > 0) record.servers = servers;
  if (result.interrupted) record.interrupted = true;
  return record;
}
