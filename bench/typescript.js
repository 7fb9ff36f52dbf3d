// TypeScript workloads (issue 17): the demo CLI's `run` (28 .ts files) and a one-second spin, each
// profiled as it would ship (transpiled ahead: a cold cache, then a warm one) and through tsx's
// loader (`typescript: 'tsx'`, as every TypeScript workload ran before), interleaved round by round.
// For each: the time to the first profile (the whole `profile cpu` command), the workload's run,
// the share of samples under a loader frame, and the program's own leading function's share.
// Usage: node bench/typescript.js [rounds=5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/profile.js', import.meta.url));
const demo = fileURLToPath(new URL('../examples/demo/', import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const LOADER = /tsx\/dist|esm\/hooks|waitForWorker|makeSyncRequest/;

const project = mkdtempSync(join(tmpdir(), 'perfsuite-bench-ts-'));
writeFileSync(
  join(project, 'spin.ts'),
  'function spin(until: number): number {\n  let x = 0;\n  do for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);\n  while (performance.now() < until);\n  return x;\n}\nconsole.log(spin(performance.now() + 1000) > 0);\n',
);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-ts', type: 'module' }));
const programs = {
  demo_run: {
    script: join(demo, 'src/cli.ts'),
    args: ['run', join(demo, 'fixtures/project'), '--out-dir', join(project, 'out')],
  },
  spin: { script: 'spin.ts' },
};
const workloads = {};
for (const [name, program] of Object.entries(programs)) {
  workloads[`${name}_shipped`] = program;
  workloads[`${name}_tsx`] = { ...program, typescript: 'tsx' };
}
writeFileSync(
  join(project, 'profile.config.mjs'),
  `export default ${JSON.stringify({ suites: { ts: { workloads } } })};\n`,
);

/** Share of the samples whose stack holds a loader frame, and the leading function's self share. */
function shares(result) {
  let loader = 0;
  let total = 0;
  for (const line of readFileSync(result.files.folded, 'utf8').split('\n')) {
    const at = line.lastIndexOf(' ');
    if (at < 0) continue;
    const n = Number(line.slice(at + 1));
    total += n;
    if (LOADER.test(line.slice(0, at))) loader += n;
  }
  return { loader: loader / total, top: result.topSelf[0] };
}

const warmTmp = mkdtempSync(join(tmpdir(), 'perfsuite-bench-ts-warm-'));
const modes = [
  {
    mode: 'shipped, cold cache',
    suffix: 'shipped',
    tmp: () => mkdtempSync(join(tmpdir(), 'perfsuite-bench-ts-cold-')),
  },
  { mode: 'shipped, warm cache', suffix: 'shipped', tmp: () => warmTmp },
  { mode: 'tsx loader (before)', suffix: 'tsx', tmp: () => warmTmp },
];
const samples = {};
for (const name of Object.keys(programs)) {
  // Warms the cache and tsx's own cache: the "warm" rows are a second run.
  for (const suffix of ['shipped', 'tsx'])
    execFileSync(
      process.execPath,
      [bin, 'cpu', 'ts', '-w', `${name}_${suffix}`, '--out-dir', join(project, 'profiles')],
      {
        cwd: project,
        env: { ...process.env, TMPDIR: warmTmp },
        stdio: 'ignore',
      },
    );
}
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(programs)) {
    for (const { mode, suffix, tmp } of modes) {
      const dir = tmp();
      const started = performance.now();
      const out = execFileSync(
        process.execPath,
        [bin, 'cpu', 'ts', '-w', `${name}_${suffix}`, '--json', '--out-dir', join(project, 'profiles')],
        { cwd: project, env: { ...process.env, TMPDIR: dir }, encoding: 'utf8' },
      );
      const commandMs = performance.now() - started;
      if (dir !== warmTmp) rmSync(dir, { recursive: true, force: true });
      const [result] = JSON.parse(out).results;
      const { loader, top } = shares(result);
      const key = `${name}|${mode}`;
      samples[key] ??= { commandMs: [], runMs: [], loader: [], top: [], topName: top?.name };
      samples[key].commandMs.push(commandMs);
      samples[key].runMs.push(result.durationMs);
      samples[key].loader.push(loader);
      samples[key].top.push(top?.selfShare ?? 0);
    }
  }
}
rmSync(project, { recursive: true, force: true });
rmSync(warmTmp, { recursive: true, force: true });

const lines = [
  `### TypeScript workloads: shipped (transpiled ahead) vs tsx's loader (medians of ${rounds} interleaved rounds)`,
  '',
  '| program | how | `profile cpu` end to end | workload run | samples under a loader frame | leading function (self) |',
  '| --- | --- | ---: | ---: | ---: | --- |',
];
for (const [key, s] of Object.entries(samples)) {
  const [name, mode] = key.split('|');
  lines.push(
    `| ${name} | ${mode} | ${median(s.commandMs).toFixed(0)} ms | ${median(s.runMs).toFixed(0)} ms | ${(median(s.loader) * 100).toFixed(1)}% | ${s.topName} ${(median(s.top) * 100).toFixed(1)}% |`,
  );
}
console.log(lines.join('\n'));
