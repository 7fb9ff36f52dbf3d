// `profile memory`: (a) what sampling costs the orchestrator (the `profile` process) in CPU and RSS
// while it samples an idle workload, per interval; (b) how long each fixture must be sampled before
// its verdict settles; (c) how many fixtures get the verdict they were written to produce.
//
// (a) Method: the bench spawns `profile memory -- node -e <sleep 20 s>` and reads the `profile`
// process's /proc/<pid>/stat (utime + stime, in clock ticks) and /proc/<pid>/status (VmRSS, VmHWM)
// every 250 ms. CPU is the difference between the readings at 3 s and at 18 s divided by the wall
// time between them, so start-up (config, imports) and post-processing (fits, files) are left out:
// it is the steady cost of sampling. RSS is the median VmRSS over the same span, and VmHWM (peak)
// at the last reading. The workload's own CPU over the span (its agent's V8 readings; the workload
// itself sleeps) is read the same way from the profile process's child. Linux only (/proc).
// (b), (c) Method: the fixtures of test/fixtures/memory/ run in one `profile memory --json` call;
// from each fixture's series file, the run's verdict (RSS, heap used and external combined as
// src/memory/overall.ts does for profile-memory.ts) is recomputed on every prefix of the series; the
// settling time is the end of the shortest prefix from which it equals the final verdict and stays.
// With `demo`, the demo's memory scenarios (25 s each, about 3 minutes) are classified the same way.
// Usage: node bench/memory.js [rounds of fixtures=1] [idle seconds=20] [demo]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'profile.js');
const fixtureConfig = join(root, 'test', 'fixtures', 'memory', 'profile.config.ts');
const demoConfig = join(root, 'examples', 'demo', 'profile.config.ts');
const { classifyGrowth } = await import(join(root, 'dist', 'memory', 'classify.js'));
const { seriesOf } = await import(join(root, 'dist', 'memory', 'series.js'));
const { overallVerdict } = await import(join(root, 'dist', 'memory', 'overall.js'));

const rounds = Number(process.argv[2] ?? 1);
const idleSeconds = Number(process.argv[3] ?? 20);
const withDemo = process.argv[4] === 'demo';
const ticksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) of a live process, or undefined once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSec;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM of a live process in bytes. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Direct children of a process (Linux keeps them per thread). */
function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

// (a) ------------------------------------------------------------------------------------------
async function orchestratorCost(intervalMs) {
  const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-mem-'));
  const sleeper = `setTimeout(() => {}, ${idleSeconds * 1000})`;
  const child = spawn(
    process.execPath,
    [
      bin,
      'memory',
      '--interval',
      String(intervalMs),
      '--out-dir',
      out,
      '--json',
      '--',
      process.execPath,
      '-e',
      sleeper,
    ],
    { cwd: out, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const exited = new Promise((r) => child.on('exit', r));
  const started = performance.now();
  const from = 3;
  const to = idleSeconds - 2;
  let first;
  let last;
  const rss = [];
  let hwm = 0;
  let done = false;
  exited.then(() => (done = true));
  while (!done) {
    const at = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(child.pid);
    const mem = memory(child.pid);
    const workload = children(child.pid)[0];
    const workloadCpu = workload === undefined ? undefined : cpuSeconds(workload);
    if (cpu !== undefined && mem && at >= from && at <= to) {
      const reading = { at, cpu, workloadCpu };
      first ??= reading;
      last = reading;
      rss.push(mem.rss);
      hwm = Math.max(hwm, mem.hwm);
    }
    await sleep(250);
  }
  const result = JSON.parse(stdout).results[0];
  rmSync(out, { recursive: true, force: true });
  if (!first || !last || last === first)
    throw new Error('the profile process ended before it could be measured');
  const span = last.at - first.at;
  const workloadShare =
    first.workloadCpu !== undefined && last.workloadCpu !== undefined
      ? (last.workloadCpu - first.workloadCpu) / span
      : undefined;
  return {
    intervalMs,
    cpuShare: (last.cpu - first.cpu) / span,
    workloadShare,
    medianRss: median(rss),
    hwm,
    samples: result.sampleCount,
  };
}

// (b), (c) ------------------------------------------------------------------------------------
const expected = {
  stable: 'stable',
  linear_heap: 'linear',
  linear_buffer: 'linear',
  exponential: 'exponential',
  child_leak: 'linear',
  worker_leak: 'linear',
};
/** The demo's scenarios, as their descriptions in examples/demo/profile.config.ts promise. */
const demoExpected = {
  watcher: 'stable',
  sustained_load: 'stable',
  scalability_100: 'stable',
  worker_pool: 'stable',
  unbounded_cache: 'linear',
  doubling_structure: 'exponential',
  server_load: 'stable',
};
const METRICS = ['rss', 'heapUsed', 'external'];

/** The run's verdict on a prefix of samples, with the metrics combined as profile-memory.ts does. */
function prefixVerdict(samples) {
  const metrics = METRICS.map((metric) => ({ metric, points: seriesOf(samples, metric) }))
    .filter((m) => m.points.length > 0)
    .map((m) => ({ metric: m.metric, verdict: classifyGrowth(m.points) }));
  return overallVerdict(metrics);
}

/** Samples of a series file back as objects. */
function readSeries(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return doc.samples.map((row) => {
    const sample = {};
    doc.columns.forEach((column, i) => {
      if (row[i] !== null) sample[column] = row[i];
    });
    return sample;
  });
}

/** Seconds of sampling until the overall verdict equals the final one and stays; changes before. */
function settling(samples) {
  const final = prefixVerdict(samples);
  let settledAt = samples.length - 1;
  let previous;
  let changes = 0;
  for (let end = 1; end <= samples.length; end++) {
    const v = prefixVerdict(samples.slice(0, end));
    if (previous !== undefined && v !== previous) changes++;
    if (v !== previous) settledAt = end - 1;
    previous = v;
  }
  return { final, settledAtSec: samples[settledAt].t - samples[0].t, changes };
}

/** Runs suite `memory` of a config in one call; a row per workload. */
function runSuite(config) {
  const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-mem-'));
  let stdout;
  try {
    stdout = execFileSync(
      process.execPath,
      [bin, 'memory', 'memory', '--config', config, '--json', '--out-dir', out],
      { cwd: out, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 },
    );
  } catch (error) {
    // Exit code 1 is expected: some workloads fail their budgets on purpose.
    stdout = error.stdout;
  }
  const rows = JSON.parse(stdout).results.map((r) => {
    const samples = readSeries(r.files.seriesJson);
    const settled = settling(samples);
    if (settled.final !== r.verdict)
      process.stderr.write(`${r.workload}: the series gives ${settled.final}, the run said ${r.verdict}\n`);
    return {
      workload: r.workload,
      verdict: r.verdict,
      duration: samples.at(-1).t - samples[0].t,
      ...settled,
    };
  });
  rmSync(out, { recursive: true, force: true });
  return rows;
}

const lines = [];
const costs = [];
for (const intervalMs of [50, 100, 500]) {
  costs.push(await orchestratorCost(intervalMs));
  process.stderr.write(`orchestrator cost at ${intervalMs} ms measured\n`);
}
lines.push(
  `### profile memory: cost of sampling (idle ${idleSeconds} s workload; CPU and RSS of the \`profile\` process from /proc, ${3}–${idleSeconds - 2} s)`,
  '',
  '| interval | readings | orchestrator CPU | orchestrator RSS (median) | orchestrator peak RSS | workload CPU (agent) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...costs.map(
    (c) =>
      `| ${c.intervalMs} ms | ${c.samples} | ${(c.cpuShare * 100).toFixed(1)}% of a core | ${(c.medianRss / 1e6).toFixed(1)} MB | ${(c.hwm / 1e6).toFixed(1)} MB | ${c.workloadShare === undefined ? '–' : `${(c.workloadShare * 100).toFixed(1)}% of a core`} |`,
  ),
  '',
);

function verdictTable(title, rows, want) {
  const correct = rows.filter((r) => r.verdict === want[r.workload]).length;
  lines.push(
    title,
    '',
    '| workload | expected | verdict | sampled | verdict settled after | changes before settling |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.workload} | ${want[r.workload]} | ${r.verdict}${r.verdict === want[r.workload] ? '' : ' (wrong)'} | ${r.duration.toFixed(1)} s | ${r.settledAtSec.toFixed(1)} s | ${r.changes} |`,
    ),
    '',
    `Verdict accuracy: ${correct} / ${rows.length} correct.`,
    '',
  );
}

const fixtureRows = [];
for (let round = 0; round < rounds; round++) {
  fixtureRows.push(...runSuite(fixtureConfig));
  process.stderr.write(`fixtures round ${round + 1}/${rounds} done\n`);
}
verdictTable(
  `### profile memory: verdicts on the fixtures (test/fixtures/memory, 100 ms readings, ${rounds} round${rounds === 1 ? '' : 's'})`,
  fixtureRows,
  expected,
);
if (withDemo) {
  verdictTable(
    '### profile memory: verdicts on the demo scenarios (examples/demo, suite memory, 25 s each)',
    runSuite(demoConfig),
    demoExpected,
  );
}
lines.push(
  'No verdict is given before 5 s of samples (`minDurationSec`): a settling time of 5.0 s means the verdict was right as soon as the classifier was allowed to give one.',
);
console.log(lines.join('\n'));
