// Overhead of `profile cpu` end to end: a CPU-bound workload of about 4 s run plain, under
// `profile cpu -- node W` with each engine, and under `0x W`, interleaved round by round so that
// machine noise hits every variant alike. Prints a Markdown table of medians and ratios to plain,
// and the median time from the workload's exit to the SVG on disk (postProcessMs).
// Usage: node bench/cpu-overhead.js [rounds=5] [workload rounds=110]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const workload = join(root, 'bench', 'workloads', 'cpu-bound.js');
const profileBin = join(root, 'bin', 'profile.js');
const zeroX = join(root, 'node_modules', '0x', 'cmd.js');
const rounds = Number(process.argv[2] ?? 5);
const size = process.argv[3] ?? '110';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const variants = [
  { name: 'plain node', argv: () => [workload, size] },
  ...['pprof', 'cpu-prof', '0x'].map((engine) => ({
    name: `profile cpu --engine ${engine}`,
    engine,
    argv: (out) => [
      profileBin,
      'cpu',
      '--engine',
      engine,
      '--out-dir',
      out,
      '--json',
      '--',
      process.execPath,
      workload,
      size,
    ],
  })),
  {
    name: '0x (alone)',
    argv: (out) => [zeroX, '--output-dir', join(out, 'zx'), '--quiet', '--', 'node', workload, size],
  },
];

const times = new Map(variants.map((v) => [v.name, []]));
const post = new Map();
for (let round = 0; round < rounds; round++) {
  for (const variant of variants) {
    const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-'));
    const started = performance.now();
    const stdout = execFileSync(process.execPath, variant.argv(out), {
      cwd: out,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    times.get(variant.name).push(performance.now() - started);
    if (variant.engine) {
      const result = JSON.parse(stdout).results[0];
      if (result.state !== 'ok') throw new Error(`${variant.name}: ${result.state} ${result.reason}`);
      post.set(variant.name, [...(post.get(variant.name) ?? []), result.postProcessMs]);
    }
    rmSync(out, { recursive: true, force: true });
  }
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}

const plain = median(times.get('plain node'));
const lines = [
  `### profile cpu overhead (${rounds} interleaved rounds, medians)`,
  '',
  '| variant | median wall | ratio to plain | exit → SVG on disk |',
  '| --- | ---: | ---: | ---: |',
];
for (const variant of variants) {
  const m = median(times.get(variant.name));
  const p = post.get(variant.name);
  lines.push(
    `| ${variant.name} | ${(m / 1000).toFixed(2)} s | ${(m / plain).toFixed(2)}x | ${p ? `${median(p).toFixed(0)} ms` : ''} |`,
  );
}
console.log(lines.join('\n'));
