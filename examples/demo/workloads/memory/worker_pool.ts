/**
 * Memory scenario `worker_pool` (healthy, expected stable): a pool of 4 child Node processes
 * (child_process.fork of ./pool-worker.ts) that parse and render test definitions on request from
 * this parent. perfsuite samples the RSS of the whole process tree, so the budget covers all five
 * processes. Each batch of completed requests is one iteration. On stop, in-flight requests are
 * drained, the children disconnected and awaited: none is left behind.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
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

/** One child and its requests awaiting a reply. */
interface Worker {
  child: ChildProcess;
  pending: Map<number, { resolve: (reply: RenderReply) => void; reject: (error: Error) => void }>;
}

function startWorker(templatesDir: string): Worker {
  // fork reuses this process's execArgv (tsx's loader) and environment (perfsuite's agent).
  const child = fork(workerScript, [templatesDir]);
  const worker: Worker = { child, pending: new Map() };
  child.on('message', (reply: RenderReply) => {
    worker.pending.get(reply.id)?.resolve(reply);
    worker.pending.delete(reply.id);
  });
  // A child that dies fails its requests, and with them the scenario, instead of hanging it.
  child.on('exit', (code, signal) => {
    const error = new Error(
      `pool worker ${child.pid} ended (${signal ?? `code ${code}`}) with requests in flight`,
    );
    for (const { reject } of worker.pending.values()) reject(error);
    worker.pending.clear();
  });
  return worker;
}

await runScenario('worker_pool', (stop) =>
  withTempDir('mem-pool', async (dir) => {
    const project = writeProject(dir, 0, 'medium', { services: 1, scenarios: 1, stepsPerScenario: 1 });
    const workers = Array.from({ length: WORKERS }, () => startWorker(project.templatesDir));
    const pids = workers.map((w) => w.child.pid);
    let nextId = 0;
    let chars = 0;
    const request = (worker: Worker): Promise<RenderReply> => {
      const id = nextId++;
      const message: RenderRequest = { id, kind: kinds[id % kinds.length] ?? 'simple', revision: id };
      return new Promise((resolve, reject) => {
        worker.pending.set(id, { resolve, reject });
        // A child that already ended fails the request through the callback instead of an 'error' event.
        worker.child.send(message, (error) => {
          if (!error) return;
          worker.pending.delete(id);
          reject(error);
        });
      });
    };
    let batches = 0;
    try {
      // A stop is seen between batches, so no request is cut off.
      batches = await everyInterval(stop, BATCH_EVERY_MS, async () => {
        const batch = Array.from({ length: REQUESTS_PER_BATCH }, (_, i) =>
          request(workers[i % WORKERS] as Worker),
        );
        // A stop signal can reach a child still loading (before its handler exists) and end it:
        // once stopping, its failed requests end the run instead of failing it.
        const replies = await Promise.all(batch).catch((error: unknown) => {
          if (stop.aborted) return [];
          throw error;
        });
        for (const reply of replies) chars += reply.chars;
        probe.iteration();
      });
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
