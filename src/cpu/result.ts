/**
 * The result of profiling one workload: one type for success and failure alike (a crashed or
 * timed-out workload has the same fields and a `state`), read by the terminal summary and `--json`.
 * The JSON form is documented in docs/cpu-json.md; bump `CPU_JSON_VERSION` on breaking changes.
 */
import type { EngineName } from '../engines/engine.js';
import type { LoadSummary } from '../load/summary.js';
import type { FunctionStat } from '../model/top.js';
import type { ProcessSummary, WorkloadRun } from '../workload/workload-run.js';

export const CPU_JSON_VERSION = 1;

export interface CpuOutputFiles {
  pprof?: string;
  folded?: string;
  svg?: string;
  /** The workload's own stdout and stderr. */
  log?: string;
  /** Files the engine writes itself and we keep, e.g. 0x's flamegraph.html. */
  engine?: string[];
}

export interface CpuResult extends WorkloadRun {
  /**
   * What to check although it is `ok`, in sentences joined by `; `: a profile with no samples, a
   * worker that lost its last samples, worker threads the engine cannot see (0x).
   */
  warning?: string;
  engine: EngineName;
  /** What the samples measure: `wall time (@datadog/pprof)`... */
  measures: string;
  /** Node processes profiled (a workload that forks has several). */
  processes: number;
  /** Threads profiled in them: main threads and worker threads. */
  threads: number;
  /** Each process with its threads and their sample counts, oldest process first. */
  byProcess: ProcessSummary[];
  sampleCount: number;
  /** A server's load: requests, errors, throughput and latency (docs/cpu-json.md). */
  load?: LoadSummary;
  /**
   * From the signal that stopped the workload on purpose (after its duration, or when a server's
   * load ended) to the end of its process tree, ms: with postProcessMs, the time from the load's
   * end to the flamegraph on disk.
   */
  stopMs?: number;
  /** From the workload's exit to the last output file on disk, ms. */
  postProcessMs: number;
  topSelf: FunctionStat[];
  topTotal: FunctionStat[];
  files: CpuOutputFiles;
}
