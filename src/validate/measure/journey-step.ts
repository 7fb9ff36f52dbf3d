/**
 * Runs one journey step: spawns it (never through a shell, in its own process group) and times it
 * from spawn to exit 0, or, for an `until` step, to the first output line that matches; such a
 * step's process then keeps running in the background until the journey hands it back to stop.
 */
import { stopTree } from '../../runner/process-tree.js';
import { type LaunchSpec, spawnInOwnGroup } from '../../runner/run-process.js';
import { captureOutput, tailOfLog } from './journey-output.js';

/** What to start and how long it may take. */
export interface StepSpec extends LaunchSpec {
  /** Done at the first output line matching this; without it, done at exit 0. */
  until?: RegExp;
  timeoutMs: number;
  /** Time between the first signal and SIGKILL when the step's tree is stopped. */
  graceMs: number;
  logFile: string;
  signal?: AbortSignal;
}

/** A step that was done while its process kept running (`until`). */
export interface BackgroundProcess {
  pid: number;
  /**
   * Stops its whole tree (SIGINT, then SIGTERM and SIGKILL) and closes its log. Resolves with why
   * it had already ended on its own while the journey still ran, if it had (a crashed dev server).
   */
  stop(): Promise<string | undefined>;
}

export type StepOutcome =
  | { state: 'ok'; ms: number; background?: BackgroundProcess }
  | { state: 'failed' | 'timeout' | 'interrupted'; reason: string; tail: string };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (no such program, no such cwd). */
  error?: string;
}

export async function runStep(spec: StepSpec): Promise<StepOutcome> {
  let matchedAt: number | undefined;
  let onMatch: () => void = () => {};
  const matched = new Promise<'matched'>((resolve) => {
    onMatch = () => resolve('matched');
  });
  const started = performance.now();
  const { child, ended: drained } = spawnInOwnGroup(spec);
  const until = spec.until;
  const output = captureOutput(
    [child.stdout, child.stderr],
    spec.logFile,
    until &&
      ((line) => {
        if (!until.test(line)) return false;
        matchedAt = performance.now();
        onMatch();
        return true;
      }),
  );
  let exitedAt: number | undefined;
  const exit = new Promise<Exit>((resolve) => {
    // 'exit' rather than `drained`: that one also waits for stdio to close, which a grandchild
    // holding the pipe can delay long after the step's own process has finished.
    child.once('exit', (code, signal) => {
      exitedAt = performance.now();
      resolve({ code, signal });
    });
    void drained.then((r) => {
      exitedAt ??= performance.now();
      resolve({
        code: r.exitCode ?? null,
        signal: r.signal ?? null,
        ...(r.startError ? { error: r.startError } : {}),
      });
    });
  });

  let why: 'timeout' | 'interrupted' | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (reason: 'timeout' | 'interrupted', first: NodeJS.Signals): void => {
    if (why || child.pid === undefined) return;
    why = reason;
    stopping = stopTree(child.pid, first, spec.graceMs);
  };
  const timer = setTimeout(() => stop('timeout', 'SIGTERM'), spec.timeoutMs);
  const onAbort = (): void => stop('interrupted', 'SIGINT');
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (spec.signal?.aborted) onAbort();

  const first = until
    ? await Promise.race([exit.then(() => 'exited' as const), matched])
    : await exit.then(() => 'exited' as const);
  clearTimeout(timer);
  spec.signal?.removeEventListener('abort', onAbort);

  if (first === 'matched' && !why && child.pid !== undefined && matchedAt !== undefined) {
    const pid = child.pid;
    return {
      state: 'ok',
      ms: matchedAt - started,
      background: {
        pid,
        stop: async () => {
          // Exit 0 on its own is a program that was simply done; anything else is a crash.
          const early = exitedAt !== undefined ? await exit : undefined;
          const endedEarly = early && early.code !== 0 ? describeExit(early) : undefined;
          await stopTree(pid, 'SIGINT', spec.graceMs);
          await exit;
          await output.close();
          return endedEarly && `${endedEarly} while the journey was still running`;
        },
      },
    };
  }

  // The step's process is gone (or being stopped): whatever it left in its group goes too.
  if (child.pid !== undefined) await (stopping ?? stopTree(child.pid, 'SIGTERM', spec.graceMs));
  const ended = await exit;
  await output.close();
  if (why === 'interrupted') return failure('interrupted', 'interrupted (Ctrl-C)', spec.logFile);
  if (why === 'timeout') {
    const what = until ? `no output line matched /${until.source}/ within` : 'did not finish within';
    return failure(
      'timeout',
      `${what} ${spec.timeoutMs / 1000} s; its process tree was killed`,
      spec.logFile,
    );
  }
  if (ended.error) return failure('failed', `could not start: ${ended.error}`, spec.logFile);
  if (until && matchedAt !== undefined) {
    // The exit won the race against the last line's delivery: a one-shot program that printed the
    // line and finished. Done at the line if it exited cleanly.
    if (ended.code === 0) return { state: 'ok', ms: matchedAt - started };
    return failure('failed', `${describeExit(ended)} right after its output matched`, spec.logFile);
  }
  if (until) {
    const how = describeExit(ended);
    return failure('failed', `${how} before any output line matched /${until.source}/`, spec.logFile);
  }
  if (ended.code === 0 && exitedAt !== undefined) return { state: 'ok', ms: exitedAt - started };
  return failure('failed', describeExit(ended), spec.logFile);
}

function describeExit(exit: Exit): string {
  if (exit.error) return `could not start: ${exit.error}`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

async function failure(
  state: 'failed' | 'timeout' | 'interrupted',
  reason: string,
  logFile: string,
): Promise<StepOutcome> {
  return { state, reason, tail: await tailOfLog(logFile) };
}
