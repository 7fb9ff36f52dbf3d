/**
 * The records `profile validate` produces: every kind of measurement (command timings, probe
 * measures, in-process benchmarks, journey steps, sweep points) ends up as a Measurement with raw
 * samples, their summary and the target checks. Baselines, comparisons and every report read only
 * these records, so a new measurement kind needs no change downstream.
 */
import type { Statistic } from '../config/schema.js';
import type { LoadSummary } from '../load/summary.js';
import type { Better, Comparison, ScalingFit, Summary, TargetBound, TargetVerdict } from '../stats/index.js';

export type MeasurementKind =
  | 'command'
  | 'load'
  | 'probe'
  | 'benchmark'
  | 'journey-step'
  | 'journey'
  | 'sweep-point';
/** Milliseconds, megabytes (10^6 bytes), requests per second. */
export type Unit = 'ms' | 'MB' | 'req/s';

/** Which way a measurement in `unit` improves: only requests per second get better bigger. */
export function betterOf(unit: Unit): Better {
  return unit === 'req/s' ? 'higher' : 'lower';
}

/** One target checked against one measurement. */
export interface TargetCheck {
  /** The report's component column, e.g. "hot reload p95" or "dry-run". */
  component: string;
  stat: Statistic;
  /** `max`: the statistic must be at or under the limit; `min`: at or above it (rps). */
  bound: TargetBound;
  limit: number;
  tolerance: number;
  /** The statistic's measured value, in the measurement's unit. */
  measured: number;
  verdict: TargetVerdict;
}

export interface Measurement {
  /**
   * Stable key across runs, used by baselines: `<suite>/<name>:<metric>`, e.g.
   * `commands/dry_run:wall`, `hot_reload/cycles:probe:render`, `journeys/new_user:init`,
   * `scalability/files:n=100`, `bench/parse/small:call`.
   */
  id: string;
  suite: string;
  /** Workload, journey, sweep or "group/function" name. */
  name: string;
  /** `wall`, `user`, `sys`, `peakRss`, `probe:<name>`, a journey step name, `total`, `n=<size>`, `call`. */
  metric: string;
  kind: MeasurementKind;
  unit: Unit;
  /**
   * Raw values, one per run (or per probe report, or tinybench's per-call latencies). A server's
   * `latency` has each run's p50 here (see `pooled`).
   */
  samples: number[];
  /**
   * Null when there are no samples (everything failed). Computed from `samples`, except for a
   * pooled measurement (`latency`): there it is of every request of every run (see `pooled`).
   */
  summary: Summary | null;
  /**
   * Present on a server's `latency` measurement: its summary is of all `requests` of the measured
   * runs, from their merged latency histograms (so a target's p99 is the p99 of every request), while
   * `samples` holds each run's p50 and `p99Samples` each run's p99: the per-run values the baseline
   * comparison tests (one comparison each).
   */
  pooled?: PooledLatency;
  /** Indexes into `samples` flagged as outliers (modified z-score, src/stats/outliers.ts). */
  outliers: number[];
  targets: TargetCheck[];
  /** Runs thrown away before measuring, where the kind has warm-up runs. */
  warmup?: number;
  /** Runs that failed (non-zero exit, timeout, unmatched `until`), each as a sentence. */
  failures: string[];
}

/** How a `latency` measurement pools its runs. */
export interface PooledLatency {
  /** Requests behind the summary: every response of the measured runs that ended ok. */
  requests: number;
  /** Each of those runs' p99 in ms, in run order (`samples` holds their p50). */
  p99Samples: number[];
}

/** A server workload's load, run by run: the figures the reports show beside its measurements. */
export interface ServerLoad {
  suite: string;
  name: string;
  /**
   * Every measured run together: requests, errors, timeouts and non-2xx summed, `durationMs` the
   * load time summed and `rps` requests per second of it, `latencyMs` of every response (the runs'
   * histograms merged), `readyMs` the mean time to ready and `port` the last run's. Failed runs count
   * here, so their errors show; the rps and latency measurements only take the runs that ended ok.
   */
  total: LoadSummary;
  /** Each measured run that got as far as its load, in run order. */
  runs: ServerRunLoad[];
}

/** One measured run's load. */
export interface ServerRunLoad {
  /** The run's number (1-based, as in `failures`). */
  run: number;
  /** How the run ended; a run whose load got errors or non-2xx responses is `ok` with a failure. */
  state: 'ok' | 'failed' | 'timeout' | 'interrupted';
  load: LoadSummary;
  /** `LatencyHistogram.encode()` of every response of the run (built-in load only). */
  latencyHistogram?: string;
}

/** A scalability sweep: its points are sweep-point measurements; this is the fitted exponent. */
export interface SweepResult {
  suite: string;
  name: string;
  /** Ids of the sweep-point measurements, in size order. */
  points: { size: number; measurementId: string }[];
  /** Null when fewer than two sizes produced samples. */
  fit: ScalingFit | null;
}

/** A measurement present on both sides that could not be compared, and why (in a sentence). */
export interface SkippedComparison {
  id: string;
  reason: string;
}

/** One measurement compared with the saved baseline of the same id. */
export interface BaselineComparison {
  id: string;
  /**
   * For a pooled measurement (`latency`), which per-run percentile was compared: it has two
   * comparisons, `p50` (its samples) and `p99` (its p99Samples). Absent for any other measurement.
   */
  stat?: 'p50' | 'p99';
  comparison: Comparison;
  /** Whether the change exceeds `--fail-on-regression` (false when no threshold was given). */
  gateFailed: boolean;
  /**
   * The functions named as causes of a regression, by their self time per run, largest first
   * (explain-regressions.ts); present where the measurement's workload was profiled on both sides.
   */
  attribution?: FunctionCause[];
  /**
   * For a peak RSS regression: the allocation sites whose in-use bytes at the end of a run grew,
   * named the same way from heap-profiled runs, largest first.
   */
  allocationSites?: AllocationSite[];
  /** The rest of the attribution, or why there is none (`note`). */
  why?: RegressionWhy;
}

/** One allocation site named as a cause: its in-use MB at the end of a run, before and after. */
export interface AllocationSite {
  function: string;
  file?: string;
  line?: number;
  baselineFile?: string;
  baselineMB: number;
  currentMB: number;
  deltaMB: number;
  /** deltaMB / how much more the heap-profiled runs held in use; null when they held no more. */
  shareOfRegression: number | null;
  p: number | null;
}

/** One function named as a cause: its time per run (per 1,000 requests for a server: `why.per`) before and after, in ms. */
export interface FunctionCause {
  function: string;
  file?: string;
  line?: number;
  /** Its file in the baseline, when it moved or the file was renamed. */
  baselineFile?: string;
  baselineMs: number;
  currentMs: number;
  deltaMs: number;
  /**
   * deltaMs / how much slower the profiled runs were (their mean wall time per run, this run's less
   * the baseline's); null when they were not slower.
   */
  shareOfRegression: number | null;
  /** Benjamini–Hochberg adjusted p-value of Welch's test across the profiled runs. */
  p: number | null;
}

/** How a regression was attributed: the causes by total time, the files, the profiled runs. */
export interface RegressionWhy {
  /** Functions named by their total time (themselves and what they call), largest first. */
  byTotal?: FunctionCause[];
  /** Profiled runs behind each side. */
  baselineRuns?: number;
  currentRuns?: number;
  /** `ms` (CPU profiles: wall time) or `MB` (heap profiles: in use at the end of a run). */
  unit?: 'ms' | 'MB';
  /**
   * What the figures are per: a `run`, `1,000 requests` (a server's runs, which serve different
   * numbers of requests), or the `run end` (heap in use as a run ends).
   */
  per?: 'run' | '1,000 requests' | 'run end';
  /** Mean total on each side, in `unit` `per` (what the shares are of). */
  baselineTotal?: number;
  currentTotal?: number;
  /** The differential flamegraph of the baseline's runs against this run's. */
  flamegraph?: string;
  /** This run's profiled runs (`profile diff` reads them). */
  profiles?: string;
  /** Why there is no attribution, or what to know about it, in a sentence. */
  note?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
}

/** The whole run: what reports/performance_report_<stamp>.json holds (docs/validate-json.md). */
export interface ValidateResult {
  schemaVersion: 1;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  config: string;
  suites: string[];
  measurements: Measurement[];
  sweeps: SweepResult[];
  /** The load of each server workload (one with a `load`), in run order. */
  servers: ServerLoad[];
  baseline?: {
    name: string;
    savedAt: string;
    comparisons: BaselineComparison[];
    /** Ids on one side only, or not comparable (see skipped). */
    missing: string[];
    /** Ids on both sides that could not be compared, and why (too few runs, a unit change). */
    skipped: SkippedComparison[];
  };
  /** Files linked from the report: flamegraphs and memory_summary.md from --with-profiles. */
  links: { label: string; path: string }[];
  /** 0 all pass, 1 a target failed or a regression past the gate. */
  exitCode: 0 | 1;
  interrupted: boolean;
}
