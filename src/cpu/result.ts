/**
 * The result of profiling one workload: one type for success and failure alike (a crashed or
 * timed-out workload has the same fields and a `state`), read by the terminal summary and `--json`.
 * The JSON form is documented in docs/cpu-json.md; bump `CPU_JSON_VERSION` on breaking changes.
 */
import type { EngineName } from '../engines/engine.js';
import type { LoadSummary } from '../load/summary.js';
import type { FunctionStat } from '../model/top.js';
import type { ProcessOutcome } from '../runner/run-process.js';

export const CPU_JSON_VERSION = 1;

export type CpuState = 'ok' | 'failed' | 'timeout' | 'interrupted' | 'error';

export interface CpuOutputFiles {
  pprof?: string;
  folded?: string;
  svg?: string;
  /** The workload's own stdout and stderr. */
  log?: string;
  /** Files the engine writes itself and we keep, e.g. 0x's flamegraph.html. */
  engine?: string[];
}

/** One profiled thread, as `--json` lists it. */
export interface ThreadSummary {
  /** 0 for the main thread. */
  threadId: number;
  /** Its frame in the flamegraph: `main thread`, `worker 2 (pool-worker.ts)`. */
  name: string;
  samples: number;
}

/** One profiled process and its threads, as `--json` lists them. */
export interface ProcessSummary {
  pid: number;
  /** Its root frame in the flamegraph: `node app.js (pid 4242)`. */
  name: string;
  samples: number;
  threads: ThreadSummary[];
}

/** What every command's result (cpu, memory, doctor) says of the workload's run itself. */
export interface WorkloadRun {
  suite: string;
  workload: string;
  state: CpuState;
  /** Why it is not `ok`, in a sentence. */
  reason?: string;
  exitCode?: number;
  signal?: string;
  /** Wall time of the workload run, ms. */
  durationMs: number;
}

/** A result's run as the runner saw it (cpu adjusts state and reason where no profile came). */
export function workloadRun(
  target: { suite: string; workload: string },
  outcome: ProcessOutcome,
): WorkloadRun {
  return {
    suite: target.suite,
    workload: target.workload,
    state: outcome.state,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.signal ? { signal: outcome.signal } : {}),
    durationMs: outcome.wallMs,
  };
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
