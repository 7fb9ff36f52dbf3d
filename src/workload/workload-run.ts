/**
 * What every command's result (cpu, memory, doctor) says of the workload's run itself: how it ended,
 * and the processes and threads it recorded. One type for success and failure alike.
 */
import type { ProcessOutcome } from '../runner/run-process.js';

/** How a run ended: the runner's outcome, `failed` also where no profile came. */
export type RunState = 'ok' | 'failed' | 'timeout' | 'interrupted' | 'error';

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
  state: RunState;
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
