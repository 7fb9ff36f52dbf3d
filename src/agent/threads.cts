/**
 * Worker threads, seen from the agent. Each thread's profile is its own (a V8 isolate each), and a
 * worker can end without running any hook of its own: `worker.terminate()`, or its process exiting
 * around it, stop it dead. So that its profile is not lost then:
 *
 * - every thread that starts workers tracks them (`trackWorkers`): `Worker` is replaced by a subclass
 *   that records what each one runs (`<pid>.threads.jsonl`, for naming its frame) and whose
 *   `terminate()` first asks that thread to flush (waiting at most FLUSH_WAIT_MS for it);
 * - when a thread ends, it asks all workers of the process to flush and waits, synchronously, for
 *   its own live workers to answer (`flushWorkersSync`, from its exit hook);
 * - workers answer those requests (`onFlushRequest`) between tasks, over a BroadcastChannel.
 *
 * A worker busy in a long synchronous task cannot answer (its event loop is blocked), so workers also
 * flush every second on their own (cpu.cts): at most the last second of such a worker is lost.
 */
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactNames, type ThreadStart } from './protocol.cjs';

// The module object itself (not a namespace copy): `Worker` is replaced on it.
import workerThreads = require('node:worker_threads');

/** How long a terminate() or an ending thread waits for workers to flush: they answer in 1-10 ms when idle. */
const FLUSH_WAIT_MS = 250;
const CHANNEL = 'perfsuite-agent';

type FlushReason = 'terminate' | 'process-exit';
interface FlushRequest {
  perfsuite: 'flush';
  target: number | 'all';
  reason: FlushReason;
  /** One Int32 the flushed threads increment, so the requester can wait on it (Atomics). */
  acks: SharedArrayBuffer;
}

let channel: workerThreads.BroadcastChannel | undefined;
function broadcast(): workerThreads.BroadcastChannel {
  if (!channel) {
    channel = new workerThreads.BroadcastChannel(CHANNEL);
    // Never what keeps a finished program alive.
    channel.unref();
  }
  return channel;
}

function request(target: number | 'all', reason: FlushReason): Int32Array {
  const acks = new SharedArrayBuffer(4);
  const message: FlushRequest = { perfsuite: 'flush', target, reason, acks };
  broadcast().postMessage(message);
  return new Int32Array(acks);
}

/** In a worker: runs `flush` when another thread asks (before terminating it, or as the process ends). */
export function onFlushRequest(flush: (reason: FlushReason) => void): void {
  broadcast().onmessage = (event: unknown) => {
    const data = (event as { data?: Partial<FlushRequest> }).data;
    if (data?.perfsuite !== 'flush' || !(data.acks instanceof SharedArrayBuffer)) return;
    if (data.target !== 'all' && data.target !== workerThreads.threadId) return;
    try {
      flush(data.reason ?? 'process-exit');
    } finally {
      const acks = new Int32Array(data.acks);
      Atomics.add(acks, 0, 1);
      Atomics.notify(acks, 0);
    }
  };
}

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

/** Workers this thread started that have not exited. */
const live = new Set<workerThreads.Worker>();

/** After the last expected answer, how long to wait for workers started by workers (nested). */
const NESTED_GRACE_MS = 20;

/**
 * Asks every worker of the process to flush and waits until this thread's live workers have
 * answered, then a little longer while workers of workers answer too; FLUSH_WAIT_MS at most.
 * Synchronous, for exit hooks; immediate when this thread started no worker.
 */
export function flushWorkersSync(): void {
  const expected = live.size;
  if (expected === 0) return;
  const acks = request('all', 'process-exit');
  const deadline = performance.now() + FLUSH_WAIT_MS;
  let seen = 0;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return;
    const enough = seen >= expected;
    if (
      Atomics.wait(acks, 0, seen, enough ? Math.min(left, NESTED_GRACE_MS) : left) === 'timed-out' &&
      enough
    )
      return;
    seen = Atomics.load(acks, 0);
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
  const Original = workerThreads.Worker;
  const startsFile = join(artifactDir, artifactNames.threadStarts(process.pid));
  class Worker extends Original {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      super(filename, withAgentEnv(options) as workerThreads.WorkerOptions);
      live.add(this);
      this.once('exit', () => live.delete(this));
      const start: ThreadStart = {
        threadId: this.threadId,
        parentThreadId: workerThreads.threadId,
        entry: describeEntry(filename, options),
        startedAt: Date.now(),
      };
      try {
        appendFileSync(startsFile, `${JSON.stringify(start)}\n`);
      } catch {
        // The thread's frame is then named by its id only.
      }
    }

    override terminate(...args: []): Promise<number> {
      if (!live.has(this)) return super.terminate(...args);
      const acks = request(this.threadId, 'terminate');
      const answered = waitAsync(acks, 0, 0, FLUSH_WAIT_MS);
      const flushed = answered.async ? (answered.value as Promise<unknown>) : Promise.resolve();
      return flushed.then(() => super.terminate(...args));
    }
  }
  Object.defineProperty(Worker, 'name', { value: 'Worker' });
  (workerThreads as { Worker: typeof Original }).Worker = Worker;
  syncBuiltinESMExports();
}
