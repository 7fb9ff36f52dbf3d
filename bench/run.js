// `npm run bench`: every benchmark of this tool, one after another, as Markdown on stdout.
// Results are copied by hand into BENCHMARKS.md with the machine and date.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = [
  'startup.js',
  'typescript.js',
  'cpu-overhead.js',
  'cpu-threads.js',
  'server-load.js',
  'flamegraph.js',
  'report.js',
  'memory.js',
  'doctor.js',
  'validate.js',
  'attribution.js',
];
for (const bench of benches) {
  const path = fileURLToPath(new URL(bench, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(
    execFileSync(process.execPath, [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
  );
}
