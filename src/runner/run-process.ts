/**
 * Runs one workload process to its end under a duration, a timeout and an abort signal, with its
 * output captured to a log file. Never through a shell: the argv goes to the OS as it is.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { stopTree } from './process-tree.js';
import { shippedArgv } from './typescript/shipped-argv.js';

/**
 * The reason the drive's signal carries when the process ended by itself (a server that crashed
 * under load): a load then says the server is gone, whichever it noticed first, its refused
 * connections or the process's exit.
 */
export const PROCESS_EXITED = 'the process exited';

/** What to start; `argv[0]` is the program (looked up on PATH when it has no slash). */
export interface LaunchSpec {
  argv: string[];
  cwd: string;
  /** Full environment of the child (not merged with ours). */
  env: Record<string, string>;
  /**
   * A TypeScript script that argv runs through tsx's loader and that is to run transpiled instead,
   * as it would ship (typescript/shipped-argv.ts swaps it in at the spawn).
   */
  shipTypeScript?: string;
}

export interface RunLimits {
  /** Stop gracefully (SIGINT) after this long: servers and watchers. */
  durationMs?: number;
  /**
   * Settles when the duration starts counting, for a program that a wrapper starts late (0x);
   * from the spawn without it. @default undefined
   */
  durationFrom?: (running: RunningProcess) => Promise<unknown>;
  /** Stop (SIGTERM, then SIGKILL) the whole tree after this long. */
  timeoutMs: number;
  /** Time a process tree gets to write its profiles between the first signal and SIGKILL. */
  graceMs?: number;
  /** Aborted on Ctrl-C: stop the tree and report `interrupted`. */
  signal?: AbortSignal;
  /** Workload stdout and stderr go here. */
  logFile: string;
  /** Called with the pid once the process is started (the memory sampler watches its tree). */
  onSpawn?: (pid: number) => void;
  /**
   * A server's part while it runs: wait until it is ready, send its load. When it resolves, the
   * tree is stopped gracefully, as after `durationMs`; when it throws, the tree is stopped and the
   * run fails with its message. A process that exits before the drive ends fails the run: a server
   * is not meant to end on its own under load.
   */
  drive?: (running: RunningProcess) => Promise<void>;
}

/** What a drive is given: the running process, and a signal for when the run stops without it. */
export interface RunningProcess {
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<SpawnResult>;
  /** Aborted when the run stops for another reason (timeout, Ctrl-C) or the process exits. */
  signal: AbortSignal;
}

/** How a process ended. Failures are outcomes too, so the other workloads still run. */
export interface ProcessOutcome {
  state: 'ok' | 'failed' | 'timeout' | 'interrupted';
  exitCode?: number;
  signal?: string;
  /** Stopped on purpose at the end of `durationMs` (then a signal exit still counts as ok). */
  stoppedAfterDuration: boolean;
  /** Epoch ms when we first signalled the tree to stop (duration, drive done, timeout, Ctrl-C). */
  stoppedAt?: number;
  wallMs: number;
  /** Why it failed, in a sentence, e.g. `exited with code 1` or `spawn ENOENT: no program "nod"`. */
  reason?: string;
}

/** How a spawned process ended: its exit code or signal, or why it could not start. */
export interface SpawnResult {
  exitCode?: number;
  signal?: NodeJS.Signals;
  /** Set when the program could not be started, e.g. `spawn nod ENOENT`. */
  startError?: string;
}

/**
 * Starts `spec` in a process group of its own, so that one signal reaches everything it starts and
 * a Ctrl-C in the terminal reaches only us (we decide the order in which things stop). Output is
 * piped for the caller, never buffered. `ended` resolves once the process has exited and its output
 * is drained; a failure to start is a result too, not a throw.
 *
 * node:child_process rather than execa, which did this before: importing execa cost 108 ms of
 * start-up in every `profile` run (measured on the 2-core reference machine), a fifth of the CLI's
 * fixed overhead, for options that spawn has itself.
 */
export function spawnInOwnGroup(spec: LaunchSpec): { child: ChildProcess; ended: Promise<SpawnResult> } {
  const [file, ...args] = spec.argv;
  if (!file) throw new Error('empty argv');
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: spec.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<SpawnResult>((resolve) => {
    child.once('error', (error) => resolve({ startError: error.message }));
    child.once('close', (code, signal) =>
      resolve({ ...(code === null ? {} : { exitCode: code }), ...(signal ? { signal } : {}) }),
    );
  });
  return { child, ended };
}

/** `spec` with its TypeScript transpiled ahead, or as it is; a fallback to tsx is said in the log. */
export async function shippedSpec(spec: LaunchSpec, note: (line: string) => void): Promise<LaunchSpec> {
  if (!spec.shipTypeScript) return spec;
  const { argv, fallback } = await shippedArgv(spec.argv, spec.shipTypeScript);
  if (fallback) note(fallback);
  return { ...spec, argv };
}

export async function runProcess(launch: LaunchSpec, limits: RunLimits): Promise<ProcessOutcome> {
  const log = createWriteStream(limits.logFile);
  const spec = await shippedSpec(launch, (line) => log.write(`${line}\n`));
  const started = performance.now();
  const { child, ended } = spawnInOwnGroup(spec);
  if (child.pid !== undefined) limits.onSpawn?.(child.pid);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  let why: 'duration' | 'driven' | 'drive-failed' | 'timeout' | 'interrupted' | undefined;
  let stopping: Promise<void> | undefined;
  let stoppedAt: number | undefined;
  const driving = new AbortController();
  const stop = (reason: typeof why, first: NodeJS.Signals): void => {
    if (why || child.pid === undefined) return;
    why = reason;
    stoppedAt = Date.now();
    if (reason !== 'driven') driving.abort();
    stopping = stopTree(child.pid, first, limits.graceMs ?? 4000);
  };
  // Registered before the drive's own handlers, so it is known first when the process has gone.
  let gone = false;
  void ended.then(() => {
    gone = true;
  });
  const timers = [setTimeout(() => stop('timeout', 'SIGTERM'), limits.timeoutMs)];
  const { durationMs, durationFrom } = limits;
  if (durationMs !== undefined) {
    // Never armed once the process has gone: its pid may be another process's by then.
    const arm = (): void => {
      if (!gone) timers.push(setTimeout(() => stop('duration', 'SIGINT'), durationMs));
    };
    if (durationFrom && child.pid !== undefined)
      void durationFrom({ pid: child.pid, exited: ended, signal: driving.signal }).then(arm, arm);
    else arm();
  }
  const onAbort = (): void => stop('interrupted', 'SIGINT');
  limits.signal?.addEventListener('abort', onAbort, { once: true });
  if (limits.signal?.aborted) onAbort();

  // The drive's own failure (not ready, load command failed) ends the run; its end, a graceful stop.
  let driveError: Error | undefined;
  let driveDone = false;
  const drive =
    limits.drive && child.pid !== undefined
      ? limits.drive({ pid: child.pid, exited: ended, signal: driving.signal }).then(
          () => {
            driveDone = !gone;
            stop('driven', 'SIGINT');
          },
          (error: unknown) => {
            driveError = error instanceof Error ? error : new Error(String(error));
            stop('drive-failed', 'SIGTERM');
          },
        )
      : undefined;

  const result = await ended;
  const wallMs = performance.now() - started;
  // A drive still running when the process ended on its own learns why: the server is gone.
  driving.abort(why === undefined ? PROCESS_EXITED : undefined);
  await drive;
  for (const t of timers) clearTimeout(t);
  limits.signal?.removeEventListener('abort', onAbort);
  // The main process is gone; whatever it left behind in its group is stopped too (no orphans),
  // with time to write profiles first.
  if (child.pid !== undefined) await (stopping ?? stopTree(child.pid, 'SIGTERM', limits.graceMs ?? 4000));
  await new Promise((r) => log.end(r));

  const exitCode = result.exitCode;
  const signal = result.signal;
  const base = {
    stoppedAfterDuration: why === 'duration',
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
    wallMs,
    ...(exitCode === undefined ? {} : { exitCode }),
    ...(signal ? { signal } : {}),
  };
  if (why === 'interrupted') return { ...base, state: 'interrupted', reason: 'interrupted (Ctrl-C)' };
  if (why === 'timeout')
    return {
      ...base,
      state: 'timeout',
      reason: `timed out after ${limits.timeoutMs / 1000} s; its process tree was killed`,
    };
  if (result.startError) return { ...base, state: 'failed', reason: result.startError };
  if (driveError) return { ...base, state: 'failed', reason: driveError.message };
  if (limits.drive && !driveDone) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    return { ...base, state: 'failed', reason: `the server ${how} before its load ended` };
  }
  if (why === 'duration' || why === 'driven' || exitCode === 0) return { ...base, state: 'ok' };
  return {
    ...base,
    state: 'failed',
    reason: signal ? `killed by ${signal}` : `exited with code ${exitCode}`,
  };
}
