/**
 * In a worker thread: keeps what the agent recorded when the thread is stopped from outside
 * (`worker.terminate()`, or its process ending), which runs no hook of the thread's own.
 *
 * - Between tasks on its event loop, the worker answers flush requests (threads.cts asks before
 *   terminating it, and when a thread that started it ends).
 * - Parked in `Atomics.wait` between tasks (piscina's default), it cannot answer anything: so it
 *   flushes before parking (or, if it flushed less than MIN_GAP_MS ago, after PARKED_FLUSH_MS of
 *   waiting) and says so in the state it shares with its parent, which then stops it without
 *   asking. Tasks handed over within PARKED_FLUSH_MS cost no flush at all.
 * - Busy in a long synchronous task, it can do neither: the mode's own periodic flush (cpu.cts)
 *   bounds what is lost.
 */
import { threadId } from 'node:worker_threads';
import {
  BLOCKED_FLUSHED,
  BLOCKED_UNFLUSHED,
  type FlushReason,
  listen,
  PARKED_FLUSH_MS,
  post,
  RUNNING,
} from './thread-channel.cjs';

/** A worker parking again this soon after a flush waits PARKED_FLUSH_MS before flushing again. */
const MIN_GAP_MS = 250;

/**
 * `flush(reason)` answers a request (and acknowledges it); `flushParked()` is the cheap flush for a
 * worker about to park (the samples so far, no heap profile).
 */
export function keepWhenStopped(flush: (reason: FlushReason) => void, flushParked: () => void): void {
  listen((message) => {
    if (message.perfsuite !== 'flush') return;
    if (message.target !== 'all' && message.target !== threadId) return;
    try {
      flush(message.reason);
    } finally {
      const acks = new Int32Array(message.acks);
      Atomics.add(acks, 0, 1);
      Atomics.notify(acks, 0);
    }
  });

  const state = new Int32Array(new SharedArrayBuffer(4));
  post({ perfsuite: 'hello', threadId, state: state.buffer as SharedArrayBuffer });

  const wait = Atomics.wait;
  let flushedAt = Number.NEGATIVE_INFINITY;
  let resumedAt = performance.now();
  const flushNow = (): void => {
    try {
      flushParked();
    } catch (error) {
      // Never the agent's failure becoming the program's: its Atomics.wait goes on.
      process.stderr.write(
        `perfsuite agent: could not flush thread ${threadId} of pid ${process.pid}: ${error}\n`,
      );
    }
    flushedAt = performance.now();
  };
  const parked = (result: ReturnType<typeof Atomics.wait>) => {
    Atomics.store(state, 0, RUNNING);
    resumedAt = performance.now();
    return result;
  };
  // Int32Array or BigInt64Array, as the caller gave them: passed on unchanged.
  type Wait = (view: Int32Array, index: number, value: number, timeout?: number) => ReturnType<typeof wait>;
  const original = wait as Wait;
  Atomics.wait = ((view: Int32Array, index: number, value: number, timeout = Number.POSITIVE_INFINITY) => {
    let left = Number(timeout);
    if (resumedAt > flushedAt) {
      if (performance.now() - flushedAt >= MIN_GAP_MS) flushNow();
      else {
        Atomics.store(state, 0, BLOCKED_UNFLUSHED);
        const started = performance.now();
        const first = original(view, index, value, Math.min(left, PARKED_FLUSH_MS));
        left -= performance.now() - started;
        if (first !== 'timed-out' || left <= 0) return parked(first);
        flushNow();
      }
    }
    Atomics.store(state, 0, BLOCKED_FLUSHED);
    Atomics.notify(state, 0);
    return parked(original(view, index, value, left));
  }) as typeof Atomics.wait;
}
