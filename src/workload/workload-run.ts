/**
 * What every command's result (cpu, memory, doctor) says of the workload's run itself: how it ended,
 * the end of its output when it failed, and the processes and threads it recorded. One type for
 * success and failure alike.
 */
import { readLogTail } from '../runner/log-tail.js';
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
  /**
   * When it is not `ok`: the last lines the workload printed (its log), so that its error and stack
   * are seen without opening the log. At most 20 non-empty lines of at most 200 characters each,
   * terminal colours taken off; absent when it printed nothing.
   */
  outputTail?: string[];
  exitCode?: number;
  signal?: string;
  /** Wall time of the workload run, ms. */
  durationMs: number;
}

/** What a result's run is made of: the runner's outcome, or one a command adjusted (cpu: no profile). */
export type RunOutcome = Pick<ProcessOutcome, 'state' | 'reason' | 'exitCode' | 'signal' | 'wallMs'>;

/**
 * A result's run as the runner saw it, with the last lines of `logFile` (the workload's output)
 * when it is not ok: the one place every command's result gets its `outputTail`.
 */
export async function workloadRun(
  target: { suite: string; workload: string },
  outcome: RunOutcome,
  logFile: string,
): Promise<WorkloadRun> {
  const outputTail = outcome.state === 'ok' ? [] : await readLogTail(logFile);
  return {
    suite: target.suite,
    workload: target.workload,
    state: outcome.state,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outputTail.length > 0 ? { outputTail } : {}),
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.signal ? { signal: outcome.signal } : {}),
    durationMs: outcome.wallMs,
  };
}
