/**
 * `profile diff` on real profiles, as issue 11 asks: a fixture of three functions (about 40/40/20% of
 * a run) profiled by `profile cpu` four times as it is and four times with the third function three
 * times slower, then compared as directories, as files pooled by commas and as a saved baseline:
 * the slowed function comes first and is named slower, the other two are not; an unchanged program
 * names nothing. Runs alone (a *.sequential test) so that no other test's load skews the timings;
 * the two sides are profiled in turn so that a drift of the machine falls on both.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionChange } from '../../src/attribution/index.js';
import type { DiffResult } from '../../src/diff/result.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const work = join(fixtures, 'attribution', 'work.js');
const RUNS = 4;
// About 0.8 s a run: the attribution's floor (0.5% of a run) is then two samples' worth (2 ms
// each), so a function sampled once in each run of one side and never on the other is not named.
// At 0.4 s a run, Node's start-up `read` (one sample in each run of one side, none on the other:
// no variance, so Welch's p is tiny) was named in 1 of 6 unchanged comparisons here.
const SCALE = '2';
const KEY = 'adhoc/work.js';
const named = (changes: FunctionChange[]) =>
  changes.filter((c) => c.verdict !== 'unchanged').map((c) => c.function);
const runFile = (side: string, run: number) =>
  join(side, `r${run}`, 'profiles', 'adhoc', 'work.js.cpu.pb.gz');

describe('profile diff', () => {
  const root = tempDir('perfsuite-diff-');
  const base = join(root, 'base');
  const next = join(root, 'new');

  async function diff(args: string[]) {
    return runCli(['diff', ...args], { cwd: root });
  }

  beforeAll(async () => {
    for (let run = 1; run <= RUNS; run++) {
      for (const [side, slow] of [
        [base, '1'],
        [next, '3'],
      ] as const) {
        const profiled = await runCli(['cpu', '-o', join(side, `r${run}`), '--', 'node', work], {
          env: { WORK_SLOW: slow, WORK_SCALE: SCALE },
        });
        expect(profiled.code, profiled.stderr).toBe(0);
      }
    }
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names the slowed function first, and only it, comparing two directories of runs', async () => {
    const run = await diff([base, next, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as DiffResult;
    expect(result.pairs.map((p) => p.key)).toEqual([KEY]);
    const [pair] = result.pairs;
    const attribution = pair?.attribution;
    expect(attribution?.tested).toBe(true);
    expect([attribution?.baselineRuns, attribution?.currentRuns]).toEqual([RUNS, RUNS]);
    expect(attribution?.bySelf[0]).toMatchObject({ function: 'checksum', verdict: 'slower' });
    expect(named(attribution?.bySelf ?? [])).toEqual(['checksum']);
    for (const other of ['parseInput', 'renderOutput']) {
      expect(attribution?.byTotal.find((c) => c.function === other)?.verdict ?? 'unchanged').toBe(
        'unchanged',
      );
    }
    expect(pair?.svg).toBe(join(root, 'flamegraphs', 'diff', 'adhoc', 'work.js.diff.svg'));
    expect(existsSync(pair?.svg as string)).toBe(true);
  });

  it('pools files joined by commas and prints the tables with the cause marked', async () => {
    const files = (side: string) => Array.from({ length: RUNS }, (_, i) => runFile(side, i + 1)).join(',');
    const svg = join(root, 'pooled.svg');
    const run = await diff([files(base), files(next), '-o', svg, '--top', '3']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^profiles: BASE .* \(4 runs\) vs NEW .* \(4 runs\)$/);
    // The title line, the column heads, then the largest change by self time.
    const selfTable = lines.slice(lines.findIndex((l) => l.startsWith('  by self time (top 3 of')) + 2);
    expect(selfTable[0]).toMatch(/^ {4}checksum .*work\.js:\d+ .* slower$/);
    expect(run.stdout).toContain('slower: checksum (+');
    expect(run.stdout).not.toMatch(/(parseInput|renderOutput) .*(slower|faster)$/m);
    expect(existsSync(svg)).toBe(true);
  });

  it('names no function of an unchanged program, two runs a side', async () => {
    const run = await diff([
      `${join(base, 'r1')},${join(base, 'r3')}`,
      `${join(base, 'r2')},${join(base, 'r4')}`,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const attribution = (JSON.parse(run.stdout) as DiffResult).pairs[0]?.attribution;
    expect(attribution?.tested).toBe(true);
    expect(named(attribution?.bySelf ?? [])).toEqual([]);
    expect(named(attribution?.byTotal ?? [])).toEqual([]);
    const text = await diff([
      `${join(base, 'r1')},${join(base, 'r3')}`,
      `${join(base, 'r2')},${join(base, 'r4')}`,
    ]);
    expect(text.stdout).toContain('  no function changed significantly\n');
  });

  it("reads a saved baseline's profiles, named baseline:<name> or by its bare name", async () => {
    // The layout profile validate --save-baseline writes (validate/baseline/baseline-profiles.ts).
    const baselines = join(root, '.perfsuite', 'baselines');
    mkdirSync(join(baselines, 'v1.profiles', 'adhoc', 'work.js'), { recursive: true });
    writeFileSync(join(baselines, 'v1.json'), '{}\n');
    for (let run = 1; run <= RUNS; run++) {
      copyFileSync(runFile(base, run), join(baselines, 'v1.profiles', 'adhoc', 'work.js', `${run}.pb.gz`));
    }
    for (const argument of ['baseline:v1', 'v1']) {
      const run = await diff([argument, next, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as DiffResult;
      expect(result.base.kind).toBe('baseline');
      expect(named(result.pairs[0]?.attribution.bySelf ?? [])).toEqual(['checksum']);
    }
  });

  it('exits 2 with a message that names the file and says what to do', async () => {
    const cpu = runFile(base, 1);
    const missing = await diff([join(root, 'nope.pb.gz'), cpu]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(root, 'nope.pb.gz')}: no such file or directory`);

    const heap = join(fixtures, 'profiles', 'heap.pb.gz');
    const kinds = await diff([cpu, heap]);
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toContain(`${cpu} measures wall time (wall/nanoseconds) but ${heap} measures heap`);
    expect(kinds.stderr).toContain('compare profiles of one kind');

    mkdirSync(join(root, 'empty'));
    const empty = await diff([join(root, 'empty'), next]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`${join(root, 'empty')} holds no profile files`);

    writeFileSync(join(root, '.perfsuite', 'baselines', 'old.json'), '{}\n');
    const old = await diff(['baseline:old', next]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('baseline "old" has no profiles');
    expect(old.stderr).toContain('Save it again with profile validate --save-baseline old');
  });
});
