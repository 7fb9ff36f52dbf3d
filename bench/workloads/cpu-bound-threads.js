// The reference CPU-bound work (cpu-bound.js's loop) split over worker threads: `threads` workers
// each run rounds/threads of it while the main thread waits, for the overhead of profiling every
// thread. Usage: node cpu-bound-threads.js [threads=4] [rounds=110]
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { outer } from './cpu-bound.js';

if (isMainThread) {
  const threads = Number(process.argv[2] ?? 4);
  const rounds = Number(process.argv[3] ?? 110);
  const per = Math.ceil(rounds / threads);
  const workers = Array.from(
    { length: threads },
    (_, t) => new Worker(new URL(import.meta.url), { workerData: { first: t * per, rounds: per } }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
} else {
  const result = outer(workerData.rounds, workerData.first);
  if (Number.isNaN(result)) console.log(result);
}
