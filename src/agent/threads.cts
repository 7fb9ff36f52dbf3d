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
 * it is stopped anyway, and its last samples are those of its periodic flush. Either may change
 * into the other while we wait, so both are looked at every POLL_MS.
 */
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactNames, type ThreadRecord, type ThreadStart } from './protocol.cjs';
import { BLOCKED_FLUSHED, type FlushReason, listen, post } from './thread-channel.cjs';
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

/** How often a waiting thread looks again whether its workers have flushed. */
const POLL_MS = 5;

/** A worker parked in Atomics.wait after flushing what it recorded: it can be stopped as it is. */
function parkedAndFlushed(tracked: Tracked): boolean {
  return tracked.state !== undefined && Atomics.load(tracked.state, 0) === BLOCKED_FLUSHED;
}

/**
 * Has every live worker of this thread flush, and waits for them (and a little longer, for workers
 * of workers), FLUSH_WAIT_MS at most. A worker on its event loop answers the request; a parked one
 * has flushed by itself, or will after PARKED_FLUSH_MS (a worker may also park meanwhile).
 * Synchronous, for exit hooks; immediate without workers.
 */
export function flushWorkersSync(): void {
  if (live.size === 0) return;
  const acks = request('all', 'process-exit');
  const pending = new Set(live.values());
  const deadline = performance.now() + FLUSH_WAIT_MS;
  while (performance.now() < deadline) {
    for (const tracked of pending) {
      if (!parkedAndFlushed(tracked)) continue;
      recordParkedEnd(tracked, 'process-exit');
      pending.delete(tracked);
    }
    // Answers count every thread, workers of workers too: enough of them means these have answered.
    const answered = Atomics.load(acks, 0);
    if (answered >= pending.size) {
      if (answered > 0) Atomics.wait(acks, 0, answered, NESTED_GRACE_MS);
      return;
    }
    Atomics.wait(acks, 0, answered, POLL_MS);
  }
}

/** Before terminate(): the worker's samples so far on disk, as far as it can be done. */
async function flushBeforeTerminate(tracked: Tracked): Promise<void> {
  const acks = request(tracked.start.threadId, 'terminate');
  const deadline = performance.now() + FLUSH_WAIT_MS;
  while (performance.now() < deadline) {
    // It answered (on its event loop), or it parks, having flushed (or flushing soon).
    if (Atomics.load(acks, 0) > 0) return;
    if (parkedAndFlushed(tracked)) {
      recordParkedEnd(tracked, 'terminate');
      return;
    }
    const waited = waitAsync(acks, 0, 0, POLL_MS);
    if (waited.async) await waited.value;
  }
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
