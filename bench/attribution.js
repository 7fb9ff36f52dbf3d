// What "why it got slower" costs (issue 11), on the demo's `commands` suite (render and fmt only, to
// keep it short), each variant a whole `profile validate` CLI run, interleaved round by round so that
// this machine's drift hits every variant alike:
// (a) `--save-baseline` with `--profile-runs 0` against the default 5: the time keeping profiles
//     adds, and the size on disk of what is kept beside the baseline (`<name>.*profiles/`);
// (b) `--baseline` on an unchanged tree, with and without `--attribute` (every workload profiled and
//     attributed), and with DEMO_SLOW_FILTER=1 (the demo's deliberate regression: what regressed is
//     profiled and attributed);
// (c) `profile diff` of two profiles of 100,000 distinct stacks each (bench/synthetic-stacks.js, as
//     the flamegraph bench), folded and pprof, end to end, and in process split into parse,
//     attribution and the differential flamegraph.
// The baseline (b) compares with is saved once before the rounds, with profiles.
// Usage: node bench/attribution.js [rounds=3] [runs=10] [diff runs=5]
// Needs `npm run build` (reads dist/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareProfiles } from '../dist/attribution/index.js';
import { fromFolded } from '../dist/model/folded.js';
import { fromPprof, toPprof } from '../dist/model/pprof.js';
import { renderDiffFlamegraph } from '../dist/render/flamegraph/index.js';
import { generateStacks, prng } from './synthetic-stacks.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin', 'profile.js');
const rounds = Number(process.argv[2] ?? 3);
const runs = String(process.argv[3] ?? 10);
const diffRuns = Number(process.argv[4] ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const seconds = (x) => `${(x / 1000).toFixed(1)} s`;
const ms = (x) => `${x.toFixed(0)} ms`;
const signed = (x) => `${x >= 0 ? '+' : ''}${(x / 1000).toFixed(1)} s`;
const ratio = (x, ref) => `${(x / ref).toFixed(2)}x`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

const work = mkdtempSync(join(tmpdir(), 'perfsuite-bench-attribution-'));
const workloads = ['-w', 'commands/render', '-w', 'commands/fmt'];
const common = ['validate', 'commands', ...workloads, '--runs', runs, '--warmup', '1', '--json'];

/** One CLI run in `work` (the demo is the built-in config there); its wall time and its JSON result. */
function validate(args, env = {}) {
  const started = performance.now();
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [bin, ...common, '--out-dir', work, ...args], {
      cwd: work,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Exit 1 is a failed target (the demo's commands miss the original tool's budgets): a result.
    if (error.status !== 1 || !error.stdout) throw error;
    stdout = error.stdout;
  }
  return { wall: performance.now() - started, result: JSON.parse(stdout) };
}

/** Bytes of every file under `dir`. */
function sizeOf(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** What a saved baseline keeps beside its JSON: every `<name>.*profiles/` folder, by folder. */
function keptBeside(name) {
  const dir = join(work, '.perfsuite', 'baselines');
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith(`${name}.`) && e.name.endsWith('profiles'))
    .map((e) => ({ folder: e.name.slice(name.length + 1), ...sizeOf(join(dir, e.name)) }));
}

/** A comparison run's wall regressions, and each explained comparison with what it named first. */
function explained(result) {
  const comparisons = result.baseline?.comparisons ?? [];
  const short = (id) => id.replace(/^commands\//, '');
  const regressed = comparisons
    .filter((c) => c.comparison.verdict === 'regressed' && c.id.endsWith(':wall'))
    .map((c) => short(c.id));
  const why = comparisons
    .filter((c) => c.why !== undefined)
    .map((c) => {
      const first = (c.attribution ?? c.allocationSites ?? [])[0];
      return `${short(c.id)}: ${first ? first.function : c.why.note ? 'note' : 'nothing named'}`;
    });
  return { regressed, why };
}

process.stderr.write('attribution bench: saving the baseline the comparisons use...\n');
validate(['--save-baseline', 'base']);

const variants = [
  { name: 'save, --profile-runs 0', args: ['--save-baseline', 'p0', '--profile-runs', '0'] },
  { name: 'save, --profile-runs 5 (default)', args: ['--save-baseline', 'p5'] },
  { name: 'compare, unchanged', args: ['--baseline', 'base'] },
  { name: 'compare, unchanged, --attribute', args: ['--baseline', 'base', '--attribute'] },
  { name: 'compare, DEMO_SLOW_FILTER=1', args: ['--baseline', 'base'], env: { DEMO_SLOW_FILTER: '1' } },
];
const samples = new Map(variants.map((v) => [v.name, []]));
for (let round = 1; round <= rounds; round++) {
  // Each round starts one variant later, so that no variant always follows the same one.
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[(i + round - 1) % variants.length];
    const { wall, result } = validate(variant.args, variant.env);
    const timed = result.measurements
      .filter((m) => m.metric === 'wall')
      .reduce((sum, m) => sum + m.samples.reduce((a, b) => a + b, 0), 0);
    samples.get(variant.name).push({ wall, timed, ...explained(result) });
  }
  process.stderr.write(`attribution bench: round ${round}/${rounds} done\n`);
}
const kept = { p0: keptBeside('p0'), p5: keptBeside('p5') };
const keptRows = (label, folders) =>
  folders.length === 0
    ? [`| ${label}: nothing | 0 | 0 KB |`]
    : folders.map((k) => `| ${label}: \`${k.folder}/\` | ${k.files} | ${kb(k.bytes)} |`);

const lines = [
  `### Why it got slower: cost on the demo (commands/render and commands/fmt, --runs ${runs} --warmup 1; ${rounds} interleaved rounds, medians)`,
  '',
  '"outside the timed runs" is the CLI\'s wall time less the sum of the measured runs\' walls it',
  'reports: start-up, warm-ups, profiled runs, attribution, reports.',
  '',
  '| variant | CLI wall | ratio | outside the timed runs | +ms against its reference |',
  '| --- | ---: | ---: | ---: | ---: |',
];
const reference = {
  'save, --profile-runs 0': 'save, --profile-runs 0',
  'save, --profile-runs 5 (default)': 'save, --profile-runs 0',
  'compare, unchanged': 'compare, unchanged',
  'compare, unchanged, --attribute': 'compare, unchanged',
  'compare, DEMO_SLOW_FILTER=1': 'compare, unchanged',
};
for (const variant of variants) {
  const s = samples.get(variant.name);
  const ref = samples.get(reference[variant.name]);
  const wall = median(s.map((x) => x.wall));
  const outside = median(s.map((x) => x.wall - x.timed));
  const refOutside = median(ref.map((x) => x.wall - x.timed));
  lines.push(
    `| ${variant.name} | ${seconds(wall)} | ${ratio(wall, median(ref.map((x) => x.wall)))} | ${seconds(outside)} | ${variant.name === reference[variant.name] ? '' : signed(outside - refOutside)} |`,
  );
}
lines.push(
  '',
  'What each comparison run found, round by round (wall regressions; each comparison explained, and the',
  'first function or allocation site it named):',
  '',
  '| round | variant | wall regressed | explained: first named |',
  '| ---: | --- | --- | --- |',
);
for (let round = 0; round < rounds; round++) {
  for (const variant of variants.filter((v) => v.name.startsWith('compare'))) {
    const x = samples.get(variant.name)[round];
    lines.push(
      `| ${round + 1} | ${variant.name} | ${x.regressed.join(', ') || 'none'} | ${x.why.join('; ') || 'none'} |`,
    );
  }
}
lines.push(
  '',
  '| kept beside the baseline | files | size on disk |',
  '| --- | ---: | ---: |',
  ...keptRows('--profile-runs 0', kept.p0),
  ...keptRows('--profile-runs 5', kept.p5),
  `| the baseline JSON itself (p5) | 1 | ${kb(statSync(join(work, '.perfsuite', 'baselines', 'p5.json')).size)} |`,
);

// (c) profile diff of two 100,000-stack profiles, as folded text and as pprof.
const side = (seed) => {
  const stacks = generateStacks(100_000, prng(seed));
  const folded = join(work, `stacks-${seed}.folded`);
  writeFileSync(folded, `${stacks.map(([line, value]) => `${line} ${value}`).join('\n')}\n`);
  const pprof = join(work, `stacks-${seed}.pb.gz`);
  writeFileSync(pprof, toPprof(fromFolded(readFileSync(folded, 'utf8'), folded)));
  return { folded, pprof };
};
const [baseSide, nextSide] = [side(42), side(43)];
const cli = { folded: [], pprof: [] };
const parse = { folded: [], pprof: [] };
const attribute = [];
const draw = [];
const timed = (fn) => {
  const started = performance.now();
  const result = fn();
  return { ms: performance.now() - started, result };
};
for (let i = 0; i < diffRuns; i++) {
  for (const format of ['folded', 'pprof']) {
    const started = performance.now();
    execFileSync(
      process.execPath,
      [bin, 'diff', baseSide[format], nextSide[format], '-o', join(work, 'diff.svg'), '--out-dir', work],
      { cwd: work, stdio: 'ignore' },
    );
    cli[format].push(performance.now() - started);
  }
  const read = (path) => readFileSync(path, 'utf8');
  parse.pprof.push(
    timed(() => [baseSide, nextSide].map((s) => fromPprof(readFileSync(s.pprof), s.pprof))).ms,
  );
  const folded = timed(() => [baseSide, nextSide].map((s) => fromFolded(read(s.folded), s.folded)));
  parse.folded.push(folded.ms);
  const [base, next] = folded.result;
  attribute.push(
    timed(() => compareProfiles([{ profile: base, source: 'base' }], [{ profile: next, source: 'next' }])).ms,
  );
  draw.push(timed(() => renderDiffFlamegraph(base, next, { title: 'bench' })).ms);
}
const mbOf = (path) => `${(statSync(path).size / 1e6).toFixed(1)} MB`;
lines.push(
  '',
  `### profile diff of two 100,000-stack profiles (bench/synthetic-stacks.js, seeds 42 and 43; ${diffRuns} runs, medians)`,
  '',
  '| step | median |',
  '| --- | ---: |',
  `| \`profile diff base new -o diff.svg\`, end to end, folded (${mbOf(baseSide.folded)} a side) | ${ms(median(cli.folded))} |`,
  `| the same, pprof (${mbOf(baseSide.pprof)} a side, gzipped) | ${ms(median(cli.pprof))} |`,
  `| in process: read and parse both sides, folded | ${ms(median(parse.folded))} |`,
  `| in process: read and parse both sides, pprof | ${ms(median(parse.pprof))} |`,
  `| in process: compareProfiles (every function's self and total time, both sides, matched, tested) | ${ms(median(attribute))} |`,
  `| in process: renderDiffFlamegraph | ${ms(median(draw))} |`,
);

rmSync(work, { recursive: true, force: true });
console.log(lines.join('\n'));
