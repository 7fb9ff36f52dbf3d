// The built-in load (src/load/http-load.ts) against a trivial node:http server in a child process:
// requests per second and latency percentiles, then autocannon called directly with the same
// options as the reference (its own latency histogram has whole milliseconds only).
// Runs the TypeScript sources through tsx, so no build is needed.
// Usage: node bench/load-smoke.js [seconds=3] [connections=10] [runs=1]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { register } from 'tsx/esm/api';

register();
const { runHttpLoad } = await import('../src/load/http-load.ts');
const { LatencyHistogram } = await import('../src/load/latency-histogram.ts');
const autocannon = createRequire(import.meta.url)('autocannon');

const seconds = Number(process.argv[2] ?? 3);
const connections = Number(process.argv[3] ?? 10);
const runs = Number(process.argv[4] ?? 1);

const server = spawn(
  process.execPath,
  [
    '-e',
    `require('node:http').createServer((req, res) => res.end('hello world'))
       .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [data] = await once(server.stdout, 'data');
const target = { host: '127.0.0.1', port: Number(String(data).trim()) };

const ms = (v) => `${v.toFixed(3)} ms`;
const lines = [
  `### built-in load: ${seconds} s, ${connections} connections, trivial node:http server (child process)`,
  '',
  '| run | requests | rps | p50 | p90 | p99 | max | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const histograms = [];
try {
  for (let i = 1; i <= runs; i++) {
    const f = await runHttpLoad(target, { durationSeconds: seconds, connections });
    histograms.push(f.latencyHistogram);
    const { p50, p90, p99, max } = f.latencyMs;
    lines.push(
      `| ${i} | ${f.requests} | ${f.rps.toFixed(0)} | ${ms(p50)} | ${ms(p90)} | ${ms(p99)} | ${ms(max)} | ${f.errors} |`,
    );
  }
  if (runs > 1) {
    const { p50, p90, p99, max } = LatencyHistogram.merge(histograms).summary();
    lines.push(`| all runs merged | | | ${ms(p50)} | ${ms(p90)} | ${ms(p99)} | ${ms(max)} | |`);
  }
  const ref = await autocannon({
    url: `http://${target.host}:${target.port}`,
    duration: seconds,
    connections,
  });
  const l = ref.latency;
  lines.push(
    `| autocannon alone (reference) | ${ref.requests.total} | ${(ref.requests.total / ref.duration).toFixed(0)} | ` +
      `${l.p50} ms | ${l.p90} ms | ${l.p99} ms | ${l.max} ms | ${ref.errors} |`,
  );
} finally {
  server.kill();
}
console.log(lines.join('\n'));
