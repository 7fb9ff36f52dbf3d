import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiffResult } from '../diff/result.js';
import { toPprof } from '../model/pprof.js';
import { ProfileBuilder } from '../model/profile.js';
import { UserError } from '../util/user-error.js';
import { diffCommand, diffSvgPath } from './diff.js';

const fixtures = new URL('../../test/fixtures/profiles/', import.meta.url).pathname;

// Two runs that differ in `work`; each run under a process frame with its own pid.
const run = (pid: number, work: number) =>
  `node a.js (pid ${pid});main (/app/a.js:1);work (/app/a.js:5) ${work}\nnode a.js (pid ${pid});main (/app/a.js:1) 10\n`;

function timeProfile(type: 'wall' | 'cpu'): Uint8Array {
  const b = new ProfileBuilder([{ type, unit: 'nanoseconds' }]);
  b.addSample([b.frameId({ name: 'main', file: '/app/a.js', line: 1 })], [5e6]);
  return toPprof(b.build());
}

describe('diffCommand', () => {
  let dir: string;
  let printed = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-diff-cli-'));
    writeFileSync(join(dir, 'a.folded'), run(11, 10));
    writeFileSync(join(dir, 'b.folded'), run(12, 30));
    for (const [side, work] of [
      ['before', 10],
      ['after', 30],
    ] as const) {
      for (const w of ['x', 'y']) {
        mkdirSync(join(dir, side, 'profiles', 'demo'), { recursive: true });
        writeFileSync(join(dir, side, 'profiles', 'demo', `${w}.folded`), run(13, work));
      }
    }
    writeFileSync(join(dir, 'wall.pb'), timeProfile('wall'));
    writeFileSync(join(dir, 'cpu.pb'), timeProfile('cpu'));
    // The command prints to stdout: kept here to read.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    printed = '';
  });
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares two files, leaves the process frames out, and draws the diff beside NEW', async () => {
    const code = await diffCommand(join(dir, 'a.folded'), join(dir, 'b.folded'), { json: true });
    expect(code).toBe(0);
    const result = JSON.parse(printed) as DiffResult;
    expect(result.base).toEqual({ argument: join(dir, 'a.folded'), kind: 'files' });
    const [pair] = result.pairs;
    expect(pair?.key).toBeNull();
    expect(pair?.svg).toBe(join(dir, 'b.diff.svg'));
    expect(pair?.attribution.bySelf.map((c) => [c.function, c.delta, c.p, c.verdict])).toEqual([
      ['work', 20, null, 'unchanged'],
    ]);
    expect(pair?.attribution.byTotal.map((c) => c.function)).toEqual(['main', 'work']);
    const svg = readFileSync(join(dir, 'b.diff.svg'), 'utf8');
    expect(svg).toContain('Differential Flame Graph');
    expect(svg).not.toContain('(pid 1');
  });

  it('compares directories workload by workload, per sample, each graph under flamegraphs/diff/', async () => {
    const outDir = join(dir, 'out');
    await diffCommand(join(dir, 'before'), join(dir, 'after'), { normalize: 'sample', outDir, top: 1 });
    expect(printed).toContain(
      `demo/x: BASE ${join(dir, 'before')} (1 run) vs NEW ${join(dir, 'after')} (1 run)`,
    );
    expect(printed).toContain("figures are shares of each run's total (--normalize sample)");
    expect(printed).toContain(
      'one profile a side: no test; a difference of single profiles is mostly sampling noise',
    );
    for (const w of ['x', 'y'])
      expect(existsSync(join(outDir, 'flamegraphs', 'diff', 'demo', `${w}.diff.svg`))).toBe(true);
  });

  it('puts the graph of workloads under the output directory, and of files beside NEW', () => {
    expect(diffSvgPath('demo/x', ['a'], ['b'], '/out')).toBe('/out/flamegraphs/diff/demo/x.diff.svg');
    expect(diffSvgPath(null, ['/p/a.cpu.pb.gz'], ['/q/b.cpu.pb.gz', '/q/c.cpu.pb.gz'], '/out')).toBe(
      '/q/b.cpu.diff.svg',
    );
  });

  it('explains mistakes: kinds that do not mix, a missing file, -o for several workloads, bad flags', async () => {
    await expect(diffCommand(join(fixtures, 'time.pb.gz'), join(fixtures, 'heap.pb.gz'), {})).rejects.toThrow(
      new UserError(
        `diff: ${join(fixtures, 'time.pb.gz')} measures wall time (wall/nanoseconds) but ${join(fixtures, 'heap.pb.gz')} measures heap (inuse_space/bytes): compare profiles of one kind (CPU profiles of both versions, or heap profiles of both)`,
      ),
    );
    await expect(diffCommand(join(dir, 'wall.pb'), join(dir, 'cpu.pb'), {})).rejects.toThrow(
      /wall\.pb measures wall time \(wall\/nanoseconds\) but .*cpu\.pb measures CPU time \(cpu\/nanoseconds\)/,
    );
    await expect(diffCommand(join(dir, 'nope.pb.gz'), join(dir, 'b.folded'), {})).rejects.toThrow(
      `${join(dir, 'nope.pb.gz')}: no such file or directory`,
    );
    await expect(
      diffCommand(join(dir, 'before'), join(dir, 'after'), { output: join(dir, 'one.svg') }),
    ).rejects.toThrow('-o names one SVG, but 2 workloads are compared (demo/x, demo/y): leave -o out');
    await expect(diffCommand(join(dir, 'a.folded'), join(dir, 'b.folded'), { top: 0 })).rejects.toThrow(
      '--top must be a whole number >= 1',
    );
  });
});
