// Shared by the overhead benchmarks: a workload run plain, under `profile cpu -- node W` with each
// engine named, and any extra variants, interleaved round by round so that machine noise hits every
// variant alike. Returns a Markdown table of medians and ratios to plain, with the median time from
// the workload's exit to the SVG on disk (postProcessMs) of each engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const profileBin = join(root, 'bin', 'profile.js');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * `program`: the workload's argv after `node`; `extra`: more variants `{ name, argv(outDir), env?(outDir) }`
 * run with node (`env` added to ours); `check(result)`: throws when a profiled run's result is not what it should be.
 */
export function overheadTable({ title, program, engines, extra = [], rounds, check = () => {} }) {
  const variants = [
    { name: 'plain node', argv: () => program },
    ...engines.map((engine) => ({
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
        ...program,
      ],
    })),
    ...extra,
  ];
  const times = new Map(variants.map((v) => [v.name, []]));
  const post = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-'));
      const started = performance.now();
      const stdout = execFileSync(process.execPath, variant.argv(out), {
        cwd: out,
        ...(variant.env ? { env: { ...process.env, ...variant.env(out) } } : {}),
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      times.get(variant.name).push(performance.now() - started);
      if (variant.engine) {
        const result = JSON.parse(stdout).results[0];
        if (result.state !== 'ok') throw new Error(`${variant.name}: ${result.state} ${result.reason}`);
        check(result, variant.engine);
        post.set(variant.name, [...(post.get(variant.name) ?? []), result.postProcessMs]);
      }
      rmSync(out, { recursive: true, force: true });
    }
    process.stderr.write(`${title}: round ${round + 1}/${rounds} done\n`);
  }
  const plain = median(times.get('plain node'));
  const lines = [
    `### ${title} (${rounds} interleaved rounds, medians)`,
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
  return lines.join('\n');
}
