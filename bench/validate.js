// `profile validate`'s own overhead: how much the tool adds to what it measures.
// (1) Per run: `node -e 0` and a short CPU-bound workload (bench/workloads/cpu-bound.js with a small
// round count), each run plain (child_process.spawn, output ignored), through timeRuns with the
// agent (the default) and through timeRuns with `agent: false`, one run of each per round,
// interleaved so that machine noise hits every variant alike. For timeRuns, both the wall time it
// reports for the run and the bench's wall time around the whole call (the run plus timeRuns'
// bookkeeping: temp dirs, RSS sampler, /proc reads, run log, and its once-per-call setup) are
// given; also the process tree's CPU (user + sys, kernel count of reaped children, 10 ms ticks)
// and the CPU the bench process itself spent per run (process.cpuUsage: timeRuns' own cost).
// (2) End to end: `profile validate --runs 10 --warmup 0 --json -- node -e 0` against 10 plain
// spawns; what the CLI spends outside its 10 runs (start-up, planning, report writing) is its
// total minus the run walls it reports.
// (3) Report writing: writeValidateReports on a result of 200 measurements of 1000 samples each.
// Usage: node bench/validate.js [rounds=20] [cli rounds=5] [cpu-bound rounds=2]
// Needs `npm run build` (reads dist/). Linux for the CPU columns (/proc/self/stat).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'profile.js');
const workload = join(root, 'bench', 'workloads', 'cpu-bound.js');
const { prng: seededRandom } = await import('./synthetic-stacks.js');
const { timeRuns } = await import(join(root, 'dist', 'validate', 'measure', 'time-runs.js'));
const { readChildrenCpu } = await import(join(root, 'dist', 'validate', 'measure', 'children-cpu.js'));
const { toMeasurement } = await import(join(root, 'dist', 'validate', 'measure', 'to-measurement.js'));
const { writeValidateReports } = await import(join(root, 'dist', 'validate', 'reports', 'write-reports.js'));

// Seeded noise for the report-writing result: the same mulberry32 (bench/synthetic-stacks.js) and
// Box–Muller as the tests' test/support/synthetic-series.ts, so the samples are the same; not loaded
// from that TypeScript file, since tsx's hooks would add work to the process this bench measures.
const gaussian = (random) => () => {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
};

const rounds = Number(process.argv[2] ?? 20);
const cliRounds = Number(process.argv[3] ?? 5);
const cpuRounds = process.argv[4] ?? '2';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const signedMs = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(1)} ms`;
const ratio = (x, ref) => `${(x / ref).toFixed(2)}x`;

const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined));
const work = mkdtempSync(join(tmpdir(), 'perfsuite-bench-validate-'));
const logFile = join(work, 'runs.log');

/** CPU of our reaped children so far (user + sys), in ms; null off Linux. */
const childrenCpu = () => {
  const c = readChildrenCpu();
  return c ? c.userMs + c.sysMs : null;
};
/** CPU this process has spent so far (user + sys), in ms. */
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One plain run: spawn, wait for exit. */
async function plainRun(argv) {
  const cpu0 = childrenCpu();
  const own0 = ownCpu();
  const started = performance.now();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wall = performance.now() - started;
  if (code !== 0) throw new Error(`${argv.join(' ')} exited with code ${code}`);
  const cpu1 = childrenCpu();
  return {
    reported: wall,
    around: wall,
    treeCpu: cpu0 === null ? null : cpu1 - cpu0,
    ownCpu: ownCpu() - own0,
  };
}

/** One run through timeRuns (a whole call with runs: 1, as the bench cannot reach inside it). */
async function timedRun(argv, agent) {
  const own0 = ownCpu();
  const started = performance.now();
  const result = await timeRuns(
    { argv, cwd: work, env },
    { runs: 1, warmup: 0, timeoutMs: 60_000, logFile, agent },
  );
  const around = performance.now() - started;
  const run = result.runs[0];
  if (run?.state !== 'ok') throw new Error(`timeRuns ${argv.join(' ')}: ${run?.state} ${run?.reason}`);
  return {
    reported: run.wallMs,
    around,
    treeCpu: run.userMs === null ? null : run.userMs + run.sysMs,
    ownCpu: ownCpu() - own0,
  };
}

// (1) Per-run overhead.
const commands = [
  { name: '`node -e 0`', argv: [process.execPath, '-e', '0'] },
  { name: `cpu-bound.js ${cpuRounds}`, argv: [process.execPath, workload, cpuRounds] },
];
const variants = [
  { name: 'plain spawn', run: (argv) => plainRun(argv) },
  { name: 'timeRuns (agent on)', run: (argv) => timedRun(argv, true) },
  { name: 'timeRuns, agent: false', run: (argv) => timedRun(argv, false) },
];
const perRun = new Map();
// Round 0 is a warm-up, thrown away: the first timeRuns call primes pidusage and loads modules.
for (let round = 0; round <= rounds; round++) {
  for (const command of commands) {
    for (const variant of variants) {
      const sample = await variant.run(command.argv);
      if (round === 0) continue;
      const key = `${command.name}\0${variant.name}`;
      perRun.set(key, [...(perRun.get(key) ?? []), sample]);
    }
  }
  if (round > 0) process.stderr.write(`validate bench: round ${round}/${rounds} done\n`);
}

const lines = [
  `### profile validate: overhead per run (${rounds} interleaved rounds, medians)`,
  '',
  '"reported" is the wall time timeRuns records for the run; "around" is the bench\'s wall time',
  "around the timeRuns call (the run plus timeRuns' bookkeeping). Overheads are against plain.",
  '',
  '| command | variant | reported wall | ratio | +ms | wall around the call | ratio | +ms | tree CPU | bench process CPU |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const command of commands) {
  const plainWall = median(perRun.get(`${command.name}\0plain spawn`).map((s) => s.reported));
  for (const variant of variants) {
    const samples = perRun.get(`${command.name}\0${variant.name}`);
    const reported = median(samples.map((s) => s.reported));
    const around = median(samples.map((s) => s.around));
    const cpus = samples.map((s) => s.treeCpu).filter((c) => c !== null);
    const isPlain = variant.name === 'plain spawn';
    lines.push(
      `| ${command.name} | ${variant.name} | ${ms(reported)} | ${ratio(reported, plainWall)} | ${isPlain ? '' : signedMs(reported - plainWall)} | ${ms(around)} | ${ratio(around, plainWall)} | ${isPlain ? '' : signedMs(around - plainWall)} | ${cpus.length ? ms(median(cpus)) : 'n/a'} | ${ms(median(samples.map((s) => s.ownCpu)))} |`,
    );
  }
}

// (2) The CLI end to end.
const cliRuns = 10;
const cli = { total: [], runWalls: [], plain10: [], version: [] };
for (let round = 0; round < cliRounds; round++) {
  const out = mkdtempSync(join(work, 'cli-'));
  let started = performance.now();
  const stdout = execFileSync(
    process.execPath,
    [
      bin,
      'validate',
      '--runs',
      String(cliRuns),
      '--warmup',
      '0',
      '--out-dir',
      out,
      '--json',
      '--',
      process.execPath,
      '-e',
      '0',
    ],
    { cwd: out, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cli.total.push(performance.now() - started);
  const wall = JSON.parse(stdout).measurements.find((m) => m.metric === 'wall');
  if (!wall || wall.samples.length !== cliRuns || wall.failures.length > 0) {
    throw new Error(`profile validate: expected ${cliRuns} clean wall samples, got ${JSON.stringify(wall)}`);
  }
  cli.runWalls.push(wall.samples.reduce((a, b) => a + b, 0));
  rmSync(out, { recursive: true, force: true });

  started = performance.now();
  for (let i = 0; i < cliRuns; i++) await plainRun([process.execPath, '-e', '0']);
  cli.plain10.push(performance.now() - started);

  started = performance.now();
  execFileSync(process.execPath, [bin, '--version'], { stdio: 'ignore' });
  cli.version.push(performance.now() - started);
  process.stderr.write(`validate bench: CLI round ${round + 1}/${cliRounds} done\n`);
}
const cliTotal = median(cli.total);
const plain10 = median(cli.plain10);
const outside = median(cli.total.map((t, i) => t - cli.runWalls[i]));
lines.push(
  '',
  `### profile validate -- node -e 0 --runs ${cliRuns} --warmup 0, end to end (${cliRounds} interleaved rounds, medians)`,
  '',
  '| what | median |',
  '| --- | ---: |',
  `| \`profile validate\` total wall | ${ms(cliTotal)} |`,
  `| ${cliRuns} plain spawns of \`node -e 0\`, back to back | ${ms(plain10)} |`,
  `| difference (what the CLI adds to ${cliRuns} runs) | ${signedMs(cliTotal - plain10)} (${ratio(cliTotal, plain10)}) |`,
  `| outside the runs (total - the ${cliRuns} run walls it reports): start-up, planning, bookkeeping, reports | ${ms(outside)} |`,
  `| for reference, start-up alone (\`profile --version\`) | ${ms(median(cli.version))} |`,
);

// (3) Report writing on a large result.
const MEASUREMENTS = 200;
const SAMPLES = 1000;
let started = performance.now();
const noise = gaussian(seededRandom(42));
const measurements = Array.from({ length: MEASUREMENTS }, (_, i) =>
  toMeasurement({
    suite: `suite_${i % 5}`,
    name: `workload_${i}`,
    metric: 'wall',
    kind: 'command',
    unit: 'ms',
    samples: Array.from({ length: SAMPLES }, () =>
      Math.max(0.1, Math.round((100 + i) * (1 + 0.05 * noise()) * 10) / 10),
    ),
    limits: [{ stat: 'mean', max: 150, tolerance: 0.1 }],
  }),
);
const buildMs = performance.now() - started;
const result = {
  schemaVersion: 1,
  startedAt: '2026-11-27T14:05:09.000Z',
  finishedAt: '2026-11-27T14:08:41.500Z',
  machine: { cpus: 2, cpuModel: 'bench', memoryGb: 8, os: 'linux x64', node: process.version },
  config: '(bench)',
  suites: [...new Set(measurements.map((m) => m.suite))],
  measurements,
  sweeps: [],
  links: [],
  exitCode: 1,
  interrupted: false,
};
const reportDir = mkdtempSync(join(work, 'reports-'));
const writes = [];
let written;
for (let i = 0; i < 7; i++) {
  started = performance.now();
  written = await writeValidateReports(reportDir, result, { env: {} });
  writes.push(performance.now() - started);
}
const files = [written.markdown, written.json, written.githubBenchmark, written.bencher];
const megabytes = files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6;
lines.push(
  '',
  `### profile validate: report writing (${MEASUREMENTS} measurements x ${SAMPLES} samples, ${writes.length} writes, median)`,
  '',
  '| step | median |',
  '| --- | ---: |',
  `| writeValidateReports (Markdown, JSON, two exports; atomic; ${megabytes.toFixed(1)} MB in all) | ${ms(median(writes))} |`,
  `| building the result with toMeasurement (summaries, outliers; once) | ${ms(buildMs)} |`,
);

rmSync(work, { recursive: true, force: true });
console.log(lines.join('\n'));
