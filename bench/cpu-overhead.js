// Overhead of `profile cpu` end to end: a CPU-bound workload of about 4 s run plain, under
// `profile cpu -- node W` with each engine, and under `0x W` (bench/overhead.js interleaves them).
// Usage: node bench/cpu-overhead.js [rounds=5] [workload rounds=110]
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overheadTable } from './overhead.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const workload = join(root, 'bench', 'workloads', 'cpu-bound.js');
const zeroX = join(root, 'node_modules', '0x', 'cmd.js');
const rounds = Number(process.argv[2] ?? 5);
const size = process.argv[3] ?? '110';

console.log(
  overheadTable({
    title: 'profile cpu overhead',
    program: [workload, size],
    engines: ['pprof', 'cpu-prof', '0x'],
    extra: [
      {
        name: '0x (alone)',
        argv: (out) => [zeroX, '--output-dir', join(out, 'zx'), '--quiet', '--', 'node', workload, size],
      },
    ],
    rounds,
  }),
);
