/**
 * Worker threads, seen from a thread that starts them. Each thread's profile is its own (a V8
 * isolate each), and a worker can end without running any hook of its own: `worker.terminate()`, or
 * its process exiting around it, stop it dead. So that its profile is not lost then, every thread
 * that starts workers tracks them (`trackWorkers`): `Worker` is replaced by a subclass that records
 * what each one runs (`<pid>.threads.jsonl`, for naming its frame) and whose `terminate()` first
 * has that worker flush; and when the thread ends, it has its live workers flush
 * (`flushWorkersSync`, from its exit hook). worker-flush.cts is the workers' side.
 *
 * A worker parked in Atomics.wait has flushed by itself (its shared state says so): it is stopped at
 * once, and its end record written here. A worker on its event loop is asked over the channel and
 * answers in 1-10 ms. A worker busy in a long synchronous task cannot answer: after FLUSH_WAIT_MS
 * it is stopped anyway, and its last samples are those of its periodic flush.
 */
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactNames, type ThreadRecord, type ThreadStart } from './protocol.cjs';
import {
  BLOCKED_FLUSHED,
  BLOCKED_UNFLUSHED,
  type FlushReason,
  listen,
  PARKED_FLUSH_MS,
  post,
} from './thread-channel.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

// The module object itself (not a namespace copy): `Worker` is replaced on it.
import workerThreads = require('node:worker_threads');

/** How long a terminate() or an ending thread waits for a worker to flush. */
const FLUSH_WAIT_MS = 250;
/** After the last expected answer, how long to wait for workers started by workers (nested). */
const NESTED_GRACE_MS = 20;

/** Atomics.waitAsync (V8 has it since Node 16; TypeScript's lib declares it from ES2024). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      view: Int32Array,
      index: number,
      value: number,
      timeout: number,
    ): { async: boolean; value: unknown };
  }
).waitAsync;

interface Tracked {
  start: ThreadStart;
  /** The state the worker shares once it has said hello (thread-channel.cts). */
  state?: Int32Array;
}

/** Workers this thread started that have not exited. */
const live = new Map<workerThreads.Worker, Tracked>();
let artifacts = '';

function request(target: number | 'all', reason: FlushReason): Int32Array {
  const acks = new SharedArrayBuffer(4);
  post({ perfsuite: 'flush', target, reason, acks });
  return new Int32Array(acks);
}

/** The end record of a worker that flushed by itself before parking: it is stopped without a word. */
function recordParkedEnd(tracked: Tracked, endedBy: FlushReason): void {
  const record: ThreadRecord = {
    pid: process.pid,
    threadId: tracked.start.threadId,
    startedAt: tracked.start.startedAt,
    endedAt: Date.now(),
    endedBy,
    files: [],
  };
  try {
    writeAtomicSync(
      join(artifacts, artifactNames.record(process.pid, record.threadId)),
      JSON.stringify(record),
    );
  } catch {
    // Then the thread is reported as ended without flushing: a warning, not a failure.
  }
}

/** Parked and flushed now, or after waiting for its parked flush (which comes after PARKED_FLUSH_MS). */
function parkedAndFlushed(tracked: Tracked, wait: (state: Int32Array) => void): boolean {
  const state = tracked.state;
  if (!state) return false;
  if (Atomics.load(state, 0) === BLOCKED_UNFLUSHED) wait(state);
  return Atomics.load(state, 0) === BLOCKED_FLUSHED;
}

/**
 * Has every live worker of this thread flush, and waits for them (and a little longer, for workers
 * of workers), FLUSH_WAIT_MS at most. Synchronous, for exit hooks; immediate without workers.
 */
export function flushWorkersSync(): void {
  if (live.size === 0) return;
  let expected = 0;
  for (const tracked of live.values()) {
    const parked = parkedAndFlushed(tracked, (state) =>
      Atomics.wait(state, 0, BLOCKED_UNFLUSHED, 2 * PARKED_FLUSH_MS),
    );
    if (parked) recordParkedEnd(tracked, 'process-exit');
    else expected++;
  }
  const acks = request('all', 'process-exit');
  const deadline = performance.now() + FLUSH_WAIT_MS;
  let seen = 0;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    const enough = seen >= expected;
    const waited = Atomics.wait(acks, 0, seen, enough ? Math.min(left, NESTED_GRACE_MS) : left);
    if (waited === 'timed-out' && enough) return;
    seen = Atomics.load(acks, 0);
  }
}

/** Before terminate(): the worker's samples so far on disk, as far as it can be done. */
async function flushBeforeTerminate(tracked: Tracked): Promise<void> {
  let parkedWait: Promise<unknown> | undefined;
  const parked = parkedAndFlushed(tracked, (state) => {
    const waited = waitAsync(state, 0, BLOCKED_UNFLUSHED, 2 * PARKED_FLUSH_MS);
    if (waited.async) parkedWait = waited.value as Promise<unknown>;
  });
  if (parkedWait) await parkedWait;
  if (parked || (tracked.state && Atomics.load(tracked.state, 0) === BLOCKED_FLUSHED)) {
    recordParkedEnd(tracked, 'terminate');
    return;
  }
  const acks = request(tracked.start.threadId, 'terminate');
  const answered = waitAsync(acks, 0, 0, FLUSH_WAIT_MS);
  if (answered.async) await answered.value;
}

function describeEntry(filename: unknown, options: { eval?: boolean } | undefined): string {
  if (options?.eval) return 'eval';
  const text = filename instanceof URL ? filename.href : String(filename);
  if (text.startsWith('file:')) return fileURLToPath(text);
  return text.startsWith('data:') ? 'data: URL' : text;
}

/** Our settings, for a worker given an `env` of its own (it would not see ours otherwise). */
function withAgentEnv(options: { env?: unknown } | undefined) {
  const env = options?.env;
  if (!env || typeof env !== 'object') return options; // absent (inherits ours) or SHARE_ENV
  const ours = Object.entries(process.env).filter(([key]) => key.startsWith('PERFSUITE_'));
  return { ...options, env: { ...(env as Record<string, string>), ...Object.fromEntries(ours) } };
}

/**
 * Replaces `Worker` (for CommonJS, and for ESM imports of node:worker_threads made from now on) by
 * a subclass that records each worker's start and flushes it before terminate(). Instances are
 * still `instanceof` the original class.
 */
export function trackWorkers(artifactDir: string): void {
  artifacts = artifactDir;
  const Original = workerThreads.Worker;
  const startsFile = join(artifactDir, artifactNames.threadStarts(process.pid));
  listen((message) => {
    if (message.perfsuite !== 'hello') return;
    for (const tracked of live.values()) {
      if (tracked.start.threadId === message.threadId) tracked.state = new Int32Array(message.state);
    }
  });
  class Worker extends Original {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      super(filename, withAgentEnv(options) as workerThreads.WorkerOptions);
      const start: ThreadStart = {
        threadId: this.threadId,
        parentThreadId: workerThreads.threadId,
        entry: describeEntry(filename, options),
        startedAt: Date.now(),
      };
      live.set(this, { start });
      this.once('exit', () => live.delete(this));
      try {
        appendFileSync(startsFile, `${JSON.stringify(start)}\n`);
      } catch {
        // The thread's frame is then named by its id only.
      }
    }

    override terminate(...args: []): Promise<number> {
      const tracked = live.get(this);
      if (!tracked) return super.terminate(...args);
      return flushBeforeTerminate(tracked).then(() => super.terminate(...args));
    }
  }
  Object.defineProperty(Worker, 'name', { value: 'Worker' });
  (workerThreads as { Worker: typeof Original }).Worker = Worker;
  syncBuiltinESMExports();
}
