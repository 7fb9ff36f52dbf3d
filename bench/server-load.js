// Throughput of a simple HTTP server plain versus under `profile cpu --load` with each engine,
// interleaved round by round: the same load (perfsuite's built-in autocannon load, 10 connections,
// GET /items/1) for the same time. Target: the default engine keeps at least 85% of plain
// throughput. Also the time from the load's end to the flamegraph on disk (stopMs + postProcessMs).
// Usage: node bench/server-load.js [rounds=5] [seconds=5]
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './overhead.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const server = join(root, 'bench', 'workloads', 'http-server.js');
const profileBin = join(root, 'bin', 'profile.js');
const { runHttpLoad } = await import(join(root, 'dist', 'load', 'http-load.js'));
const rounds = Number(process.argv[2] ?? 5);
const seconds = Number(process.argv[3] ?? 5);
const load = { paths: ['/items/1'], connections: 10, durationSeconds: seconds };

async function plain() {
  const child = spawn(process.execPath, [server], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout, 'data');
  const port = Number(/listening on (\d+)/.exec(String(line))?.[1]);
  const figures = await runHttpLoad({ host: '127.0.0.1', port }, load);
  child.kill('SIGINT');
  await once(child, 'exit');
  return { rps: figures.rps };
}

function profiled(engine) {
  const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-'));
  const argv = [
    profileBin,
    'cpu',
    '--engine',
    engine,
    '--json',
    '--out-dir',
    out,
    '--load-duration',
    String(seconds),
  ];
  argv.push('--load-path', '/items/1', '--', process.execPath, server);
  const result = JSON.parse(execFileSync(process.execPath, argv, { encoding: 'utf8' })).results[0];
  rmSync(out, { recursive: true, force: true });
  if (result.state !== 'ok' || !(result.load?.requests > 0))
    throw new Error(`${engine}: ${result.state} ${result.reason}`);
  return { rps: result.load.rps, toSvg: result.stopMs + result.postProcessMs };
}

const variants = [
  ['plain node', plain],
  ...['pprof', 'cpu-prof', '0x'].map((e) => [`profile cpu --engine ${e}`, () => profiled(e)]),
];
const runs = new Map(variants.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of variants) runs.get(name).push(await run());
  process.stderr.write(`server load: round ${round + 1}/${rounds} done\n`);
}
const plainRps = median(runs.get('plain node').map((r) => r.rps));
const lines = [
  `### Server under load (${rounds} interleaved rounds of ${seconds} s, 10 connections, medians)`,
  '',
  '| variant | requests/s | share of plain | load end → SVG on disk |',
  '| --- | ---: | ---: | ---: |',
];
for (const [name] of variants) {
  const rps = median(runs.get(name).map((r) => r.rps));
  const toSvg =
    runs.get(name)[0].toSvg === undefined
      ? ''
      : `${median(runs.get(name).map((r) => r.toSvg)).toFixed(0)} ms`;
  lines.push(`| ${name} | ${Math.round(rps)} | ${((rps / plainRps) * 100).toFixed(0)}% | ${toSvg} |`);
}
console.log(lines.join('\n'));
