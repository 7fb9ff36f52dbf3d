/**
 * Memory scenario `worker_pool` (healthy, expected stable): a pool of 4 child Node processes
 * (child_process.fork of ./pool-worker.ts) that parse and render test definitions on request from
 * this parent. perfsuite samples the RSS of the whole process tree, so the budget covers all five
 * processes. Each batch of completed requests is one iteration. On stop, in-flight requests are
 * drained, the children disconnected and awaited: none is left behind.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { probe } from 'perfsuite/probe';
import { writeProject } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import type { RenderReply, RenderRequest } from './pool-worker.js';
import { everyInterval, runScenario } from './scenario.js';

const WORKERS = 4;
/**
 * Requests arrive in batches of 20 every 100 ms (200 a second, about a fifth of what the pool can
 * serve here), as a service under steady load would see them. Run flat out, the pool allocates so
 * fast that V8 lets garbage pile up in the old generation for the whole 25 s run without a major
 * GC, and the rising floor read as linear growth (+2.5 MB/s of heap). Paced, the same drift is far
 * smaller, but still borderline at 25 s: of two runs, one was stable and one linear (+614 KB/s).
 */
const REQUESTS_PER_BATCH = 20;
const BATCH_EVERY_MS = 100;
const workerScript = fileURLToPath(new URL('./pool-worker.ts', import.meta.url));
const kinds = ['simple', 'medium'] as const;

/** One child, its requests awaiting a reply, and once it has exited, the error that fails new ones. */
interface Worker {
  child: ChildProcess;
  pending: Map<number, { resolve: (reply: RenderReply) => void; reject: (error: Error) => void }>;
  ended?: Error;
}

/** The signals perfsuite stops a scenario with, sent to its whole process group. */
const STOP_SIGNALS: readonly string[] = ['SIGINT', 'SIGTERM'];
/** How long a child's death by a stop signal waits for the same signal's handler here to abort `stop`. */
const STOP_ARRIVAL_MS = 1000;

/** `onStopSignal`: the child was ended by a stop signal (before its handler ignoring them existed). */
function startWorker(templatesDir: string, onStopSignal: (signal: NodeJS.Signals) => void): Worker {
  // fork reuses this process's execArgv (tsx's loader) and environment (perfsuite's agent).
  const child = fork(workerScript, [templatesDir]);
  const worker: Worker = { child, pending: new Map() };
  child.on('message', (reply: RenderReply) => {
    worker.pending.get(reply.id)?.resolve(reply);
    worker.pending.delete(reply.id);
  });
  // A child that dies fails its requests, and with them the scenario, instead of hanging it; a stop
  // signal is reported first, so that the failed requests are seen as part of the stop.
  child.on('exit', (code, signal) => {
    if (signal && STOP_SIGNALS.includes(signal)) onStopSignal(signal);
    worker.ended = new Error(
      `pool worker ${child.pid} ended (${signal ?? `code ${code}`}) with requests in flight`,
    );
    for (const { reject } of worker.pending.values()) reject(worker.ended);
    worker.pending.clear();
  });
  return worker;
}

/** Sends one request; it settles with the reply, or fails when the child has ended or ends. */
function request(worker: Worker, message: RenderRequest): Promise<RenderReply> {
  return new Promise((resolve, reject) => {
    if (worker.ended) return reject(worker.ended);
    worker.pending.set(message.id, { resolve, reject });
    // With a callback, a send to a dying child fails here instead of in an 'error' event. Its channel
    // breaks (EPIPE) before its 'exit' is handled: the request stays pending, and 'exit' fails it,
    // once it is known whether a stop signal ended the child.
    worker.child.send(message, (error) => {
      if (!error || !worker.ended) return;
      worker.pending.delete(message.id);
      reject(worker.ended);
    });
  });
}

await runScenario('worker_pool', (stop) =>
  withTempDir('mem-pool', async (dir) => {
    const project = writeProject(dir, 0, 'medium', { services: 1, scenarios: 1, stepsPerScenario: 1 });
    // A stop signal reaches the whole process group at once: a child still loading tsx (no handler
    // yet) dies of it, and its 'exit' can be handled before our own handler has aborted `stop`. Such
    // a death means a stop is under way, so it ends the run as `stop` would.
    const childStopped = new AbortController();
    const running = AbortSignal.any([stop, childStopped.signal]);
    const workers = Array.from({ length: WORKERS }, () =>
      startWorker(project.templatesDir, (signal) => childStopped.abort(signal)),
    );
    const pids = workers.map((w) => w.child.pid);
    let nextId = 0;
    let chars = 0;
    const next = (): RenderRequest => {
      const id = nextId++;
      return { id, kind: kinds[id % kinds.length] ?? 'simple', revision: id };
    };
    let batches = 0;
    try {
      // A stop is seen between batches, so no request is cut off.
      batches = await everyInterval(running, BATCH_EVERY_MS, async () => {
        const batch = Array.from({ length: REQUESTS_PER_BATCH }, (_, i) =>
          request(workers[i % WORKERS] as Worker, next()),
        );
        // Once stopping, the requests failed by a child the stop signal ended end the run instead of failing it.
        const replies = await Promise.all(batch).catch((error: unknown) => {
          if (running.aborted) return [];
          throw error;
        });
        for (const reply of replies) chars += reply.chars;
        probe.iteration();
      });
      if (!stop.aborted) {
        // Ended by a child's death: our own copy of the signal is on its way (the summary names it).
        await sleep(STOP_ARRIVAL_MS, undefined, { signal: stop }).catch(() => undefined);
        if (!stop.aborted) {
          throw new Error(
            `a pool worker ended by ${childStopped.signal.reason}, but no stop reached the pool`,
          );
        }
      }
    } finally {
      await Promise.all(
        workers.map(async ({ child }) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          // A child killed by a signal of its own may have closed the channel already.
          if (child.connected) child.disconnect();
          await exited;
        }),
      );
    }
    return `${batches} batches of ${REQUESTS_PER_BATCH} requests over ${WORKERS} workers (pids ${pids.join(',')}), ${chars} chars rendered`;
  }),
);
