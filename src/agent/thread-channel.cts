/**
 * How the threads of one process talk about flushing (threads.cts on the side of a thread that
 * starts workers, worker-flush.cts on a worker's): a BroadcastChannel for requests and greetings,
 * and SharedArrayBuffers for what must be read while the other thread is blocked.
 */
import { BroadcastChannel } from 'node:worker_threads';

/**
 * A worker's state, in the Int32 it shares with its parent: whether it is parked in Atomics.wait
 * between tasks (piscina's default), where it cannot answer a message, and if so whether it has
 * flushed what it recorded before parking.
 */
export const RUNNING = 0;
export const BLOCKED_UNFLUSHED = 1;
export const BLOCKED_FLUSHED = 2;

/** A worker that parks without having flushed flushes after this long parked (worker-flush.cts). */
export const PARKED_FLUSH_MS = 20;

export type FlushReason = 'terminate' | 'process-exit';

export type ChannelMessage =
  | {
      perfsuite: 'flush';
      target: number | 'all';
      reason: FlushReason;
      /** One Int32 the flushed threads increment, so the requester can wait on it (Atomics). */
      acks: SharedArrayBuffer;
    }
  | { perfsuite: 'hello'; threadId: number; state: SharedArrayBuffer };

const handlers: ((message: ChannelMessage) => void)[] = [];
let channel: BroadcastChannel | undefined;

function open(): BroadcastChannel {
  if (!channel) {
    channel = new BroadcastChannel('perfsuite-agent');
    // Never what keeps a finished program alive.
    channel.unref();
    channel.onmessage = (event: unknown) => {
      const data = (event as { data?: ChannelMessage }).data;
      if (data && typeof data === 'object' && 'perfsuite' in data)
        for (const handle of handlers) handle(data);
    };
  }
  return channel;
}

export function post(message: ChannelMessage): void {
  open().postMessage(message);
}

export function listen(handle: (message: ChannelMessage) => void): void {
  open();
  handlers.push(handle);
}
