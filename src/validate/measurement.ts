/**
 * The records `profile validate` produces: every kind of measurement (command timings, probe
 * measures, in-process benchmarks, journey steps, sweep points) ends up as a Measurement with raw
 * samples, their summary and the target checks. Baselines, comparisons and every report read only
 * these records, so a new measurement kind needs no change downstream.
 */
import type { Statistic } from '../config/schema.js';
import type { Comparison, ScalingFit, Summary, TargetVerdict } from '../stats/index.js';

export type MeasurementKind = 'command' | 'probe' | 'benchmark' | 'journey-step' | 'journey' | 'sweep-point';
export type Unit = 'ms' | 'MB';

/** One target checked against one measurement. */
export interface TargetCheck {
  /** The report's component column, e.g. "hot reload p95" or "dry-run". */
  component: string;
  stat: Statistic;
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
  /** Raw values, one per run (or per probe report, or tinybench's per-call latencies). */
  samples: number[];
  /** Null when there are no samples (everything failed). */
  summary: Summary | null;
  /** Indexes into `samples` flagged as outliers (modified z-score, src/stats/outliers.ts). */
  outliers: number[];
  targets: TargetCheck[];
  /** Runs thrown away before measuring, where the kind has warm-up runs. */
  warmup?: number;
  /** Runs that failed (non-zero exit, timeout, unmatched `until`), each as a sentence. */
  failures: string[];
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
  comparison: Comparison;
  /** Whether the change exceeds `--fail-on-regression` (false when no threshold was given). */
  gateFailed: boolean;
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
