// Overhead of `profile cpu` on a CPU-bound program whose work runs in 4 worker threads (each
// profiled, flushing its samples every second), plain versus profiled, interleaved
// (bench/overhead.js). Target: the default engine (pprof) at most 1.15x, as for one thread.
// Usage: node bench/cpu-threads.js [rounds=5] [threads=4] [workload rounds=110]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overheadTable } from './overhead.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const workload = join(root, 'bench', 'workloads', 'cpu-bound-threads.js');
const rounds = Number(process.argv[2] ?? 5);
const threads = process.argv[3] ?? '4';
const size = process.argv[4] ?? '110';

console.log(
  overheadTable({
    title: `profile cpu overhead, ${threads} worker threads`,
    program: [workload, threads, size],
    engines: ['pprof', 'cpu-prof'],
    // Every worker must be in the profile: the main thread and each worker.
    check(result, engine) {
      const seen = result.byProcess[0]?.threads.filter((t) => t.threadId !== 0 && t.samples > 100).length;
      if (seen !== Number(threads))
        throw new Error(`${engine}: ${seen} of ${threads} workers in the profile`);
    },
    rounds,
  }),
);
