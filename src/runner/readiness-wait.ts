/**
 * The loop behind every readiness wait (readiness.ts): attempts that back off from 20 to 200 ms,
 * a watched file that cuts the pause short, a timeout, an abort signal, and a failure at once when
 * the server process exits, carrying the last lines the workload printed.
 */
import { type FSWatcher, watch as watchFile } from 'node:fs';
import { open } from 'node:fs/promises';
import { readLogTail } from './log-tail.js';

/**
 * How a server process ended, as the `exited` promise may say it: spawnInOwnGroup's SpawnResult,
 * runProcess's ProcessOutcome, or `[code, signal]` from `events.once(child, 'exit')`.
 */
export type ExitInfo =
  | { exitCode?: number; signal?: string; startError?: string }
  | [code: number | null, signal: string | null];

/** What every wait takes. */
export interface ReadinessOptions {
  /** Give up after this many milliseconds, with a ReadinessError of kind `timeout`. */
  timeoutMs: number;
  /** Stops waiting (Ctrl-C): a ReadinessError of kind `aborted`. @default undefined */
  signal?: AbortSignal;
  /**
   * Settles when the server process has ended (spawnInOwnGroup's `ended`, runProcess's promise):
   * the wait then fails at once, saying how it ended. @default undefined
   */
  exited?: PromiseLike<ExitInfo | unknown>;
  /** Asked before each attempt; `false` means the server process is gone. @default undefined */
  isAlive?: () => boolean;
  /**
   * The workload's log, whose last lines a failure carries. @default undefined (waitForOutput: the
   * file it watches)
   */
  logFile?: string;
}

/** Why a server was not ready. `lastLines` is what the workload printed last, for the user to see. */
export class ReadinessError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'exited' | 'aborted',
    /** Up to the last 10 non-empty lines of the log, without terminal colours. */
    readonly lastLines: string[],
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReadinessError';
  }
}

const FIRST_DELAY_MS = 20;
const MAX_DELAY_MS = 200;
const TAIL_LINES = 10;

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** `exited with code 1`, `was killed by SIGKILL`, `could not start (spawn nod ENOENT)`, or `exited`. */
function describeExit(info: unknown): string {
  const [exitCode, signal, startError] = Array.isArray(info)
    ? [info[0], info[1]]
    : typeof info === 'object' && info !== null
      ? [
          (info as { exitCode?: unknown }).exitCode,
          (info as { signal?: unknown }).signal,
          (info as { startError?: unknown }).startError,
        ]
      : [];
  if (typeof startError === 'string') return `could not start (${startError})`;
  if (typeof signal === 'string') return `was killed by ${signal}`;
  return typeof exitCode === 'number' ? `exited with code ${exitCode}` : 'exited';
}

/** The last non-empty lines of `file` (log-tail.ts), or none if it cannot be read. */
export async function lastLogLines(file: string | undefined, count = TAIL_LINES): Promise<string[]> {
  return file ? readLogTail(file, { lines: count }) : [];
}

/** What one kind of wait says in its failures, e.g. `listened on port 3000`. */
export interface Goal {
  /** Completes "the server ... before it": `listened on port 3000`. */
  reached: string;
  /** The whole timeout message but the duration: `the server did not listen on port 3000`. */
  notReached: string;
  /** Files to watch; each change triggers an attempt at once. */
  watch?: string;
}

/**
 * The loop every wait shares: an attempt, then a pause that grows from 20 to 200 ms and that a
 * file change, the server's exit or an abort cuts short. One more attempt follows an exit, so a
 * server that became ready just before exiting still counts as ready.
 */
export async function waitUntil<T>(
  goal: Goal,
  options: ReadinessOptions,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  /** How the process ended, once it has: `{ info }` so that an `undefined` resolution counts too. */
  let exit: { info: unknown } | undefined;
  /** Set by anything that should cut the pause short, also while an attempt runs. */
  let woken = false;
  let sleeper: (() => void) | undefined;
  const wake = (): void => {
    woken = true;
    sleeper?.();
  };
  let watcher: FSWatcher | undefined;
  const onAbort = (): void => wake();
  options.signal?.addEventListener('abort', onAbort);
  options.exited?.then(
    (info) => {
      exit = { info };
      wake();
    },
    () => {
      exit = { info: undefined };
      wake();
    },
  );
  const fail = async (kind: ReadinessError['kind'], message: string): Promise<never> => {
    // The log stream may still hold what the process wrote last: let it settle briefly.
    if (kind === 'exited') await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = await lastLogLines(options.logFile);
    const cause = kind === 'aborted' ? options.signal?.reason : undefined;
    throw new ReadinessError(message, kind, lines, performance.now() - started, { cause });
  };
  try {
    for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 1.5, MAX_DELAY_MS)) {
      // A server that exited says why below: the run aborts its waits as it ends, too.
      if (options.signal?.aborted && !exit)
        return await fail('aborted', `interrupted before the server ${goal.reached}`);
      woken = false;
      const dead = exit ?? (options.isAlive?.() === false ? { info: undefined } : undefined);
      const value = await attempt();
      if (value !== undefined) return value;
      if (dead)
        return await fail('exited', `the server ${describeExit(dead.info)} before it ${goal.reached}`);
      const left = deadline - performance.now();
      if (left <= 0) return await fail('timeout', `${goal.notReached} within ${seconds(options.timeoutMs)}`);
      if (goal.watch && !watcher) {
        try {
          watcher = watchFile(goal.watch, () => wake());
          watcher.on('error', () => {}); // e.g. the directory removed: the polls carry on
        } catch {
          // Not there yet: tried again after the next pause.
        }
      }
      if (!woken)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(delay, left));
          sleeper = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      sleeper = undefined;
    }
  } finally {
    watcher?.close();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The bytes of `file` from `offset` on; none if it does not exist (yet). */
export async function readFrom(file: string, offset: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const { size } = await handle.stat();
    if (size <= offset) return Buffer.alloc(0);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - offset), 0, size - offset, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
