/**
 * The result of `profile memory` for one workload: one type for success and failure alike, read by
 * the terminal summary, `--json` (docs/memory-json.md), memory_summary.md and the files writer.
 */

import type { LoadSummary } from '../load/summary.js';
import type { BudgetCheck } from '../render/budgets-md.js';
import type { WorkloadRun } from '../workload/workload-run.js';
import type { GrowthKind, GrowthVerdict } from './classify.js';
import type { MemoryMetric, MemorySample } from './series.js';

export const MEMORY_JSON_VERSION = 1;

/** An allocation site whose in-use bytes grew between the early and the last heap profile. */
export interface HeapSiteGrowth {
  name: string;
  file?: string;
  line?: number;
  /** In-use bytes attributed to the site (self) in the early and in the last profile. */
  earlyBytes: number;
  lateBytes: number;
  growthBytes: number;
}

/** The verdict on one metric of the series. */
export interface MetricVerdict {
  metric: MemoryMetric;
  /** `RSS (process tree)`, `V8 heap used`, `external + array buffers`. */
  label: string;
  verdict: GrowthVerdict;
}

export interface MemoryFiles {
  seriesJson?: string;
  seriesCsv?: string;
  chart?: string;
  heapProfile?: string;
  heapFlamegraph?: string;
  log?: string;
}

/**
 * A server's load in a memory result: what every result says of it (load/summary.ts), and when it ran
 * on the series' clock, for the chart's band.
 */
export interface MemoryLoad extends LoadSummary {
  /** When the load started and ended, seconds from the start of the run (the samples' `t`). */
  startSec: number;
  endSec: number;
}

export interface MemoryResult extends WorkloadRun {
  /** Shown in the budgets table; the config's `memory.component`, else `suite/workload`. */
  component: string;
  /** Sampling interval of the series, ms. */
  intervalMs: number;
  /** Node processes that reported V8 figures. */
  processes: number;
  /** Their threads (main threads and worker threads): each is a V8 heap of its own. */
  threads: number;
  /**
   * The series: t in seconds from the start, RSS of the whole tree, V8 figures summed over every
   * thread of its Node processes (each thread's own readings are in the series JSON file).
   */
  samples: MemorySample[];
  /**
   * The run's verdict (overall.ts): the most severe growth of the V8 figures when one of them grows,
   * else the most severe verdict over every metric (RSS included).
   */
  verdict: GrowthKind;
  /** True when any metric grew (linear or exponential). */
  leak: boolean;
  metrics: MetricVerdict[];
  peakRss: number;
  averageRss: number;
  finalRss: number;
  /**
   * A server's load, when the workload ran as one: its figures and when it ran. Samples then carry
   * the responses given so far (`requests`), and each verdict the growth per 1,000 of them.
   */
  load?: MemoryLoad;
  /** Allocation sites that grew most between the early and the last heap profile. */
  topGrowingSites: HeapSiteGrowth[];
  budgets: BudgetCheck[];
  files: MemoryFiles;
}
