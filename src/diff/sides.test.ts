import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../util/user-error.js';
import { listProfileTree, workloadKey } from './profile-tree.js';
import { resolveSide } from './sides.js';

const FOLDED = 'main (/app/a.js:1);work (/app/a.js:5) 7\n';

function files(root: string, paths: string[]): void {
  for (const path of paths) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), FOLDED);
  }
}

describe('workloadKey', () => {
  it('keys profile cpu files by suite/workload, baseline runs by their folder, others by name', () => {
    expect(workloadKey('profiles/demo/render.cpu.pb.gz')).toBe('demo/render');
    expect(workloadKey('run1/profiles/demo/render.folded')).toBe('demo/render');
    expect(workloadKey('demo/render/3.pb.gz')).toBe('demo/render');
    expect(workloadKey('demo/render.heap.pb.gz')).toBe('demo/render.heap');
    expect(workloadKey('a.cpuprofile')).toBe('a');
    expect(workloadKey('2.pb')).toBe('.');
    expect(workloadKey('demo/render.log')).toBeUndefined();
    expect(workloadKey('demo/cpu_results.json')).toBeUndefined();
  });
});

describe('listProfileTree', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'perfsuite-diff-tree-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads an output directory through profiles/, one format per name, runs in folders pooled', async () => {
    const dir = join(root, 'before');
    files(dir, [
      'r1/profiles/demo/a.cpu.pb.gz',
      'r1/profiles/demo/a.folded',
      'r1/profiles/demo/b.folded',
      'r1/doctor/demo/a.cpuprofile',
      'r2/profiles/demo/a.cpu.pb.gz',
      'r10/profiles/demo/a.cpu.pb.gz',
      '.perfsuite/baselines/x.profiles/demo/a/1.pb.gz',
    ]);
    const tree = await listProfileTree(dir);
    expect([...tree.keys()]).toEqual(['demo/a', 'demo/b']);
    // r2 before r10; the folded twin of a.cpu.pb.gz and doctor's profile are not read.
    expect(tree.get('demo/a')).toEqual(
      ['r1', 'r2', 'r10'].map((r) => join(dir, r, 'profiles/demo/a.cpu.pb.gz')),
    );
    expect(tree.get('demo/b')).toEqual([join(dir, 'r1/profiles/demo/b.folded')]);
  });

  it("reads a baseline's layout", async () => {
    const dir = join(root, 'kept');
    files(dir, ['demo/a/1.pb.gz', 'demo/a/2.pb.gz', 'demo/b/1.pb.gz']);
    const tree = await listProfileTree(dir);
    expect(tree.get('demo/a')).toEqual([join(dir, 'demo/a/1.pb.gz'), join(dir, 'demo/a/2.pb.gz')]);
    expect([...tree.keys()]).toEqual(['demo/a', 'demo/b']);
  });

  it("reads a comparison's reports/why/<stamp> through its cpu/, not its heap profiles", async () => {
    const dir = join(root, 'why');
    files(dir, [
      'cpu/demo/a/1.pb.gz',
      'cpu/demo/a/1.load.json',
      'cpu/demo/a.diff.svg',
      'heap/demo/a/1.pb.gz',
    ]);
    const tree = await listProfileTree(dir);
    expect([...tree.entries()]).toEqual([['demo/a', [join(dir, 'cpu/demo/a/1.pb.gz')]]]);
  });
});

describe('resolveSide', () => {
  let root: string;
  let outDir: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'perfsuite-diff-sides-'));
    outDir = join(root, 'out');
    files(root, [
      'one.folded',
      'two.folded',
      'dir/demo/a.folded',
      'dir2/demo/a.folded',
      'dir2/demo/b.folded',
    ]);
    mkdirSync(join(root, 'empty'));
    const baselines = join(outDir, '.perfsuite', 'baselines');
    mkdirSync(baselines, { recursive: true });
    writeFileSync(join(baselines, 'old.json'), '{}');
    writeFileSync(join(baselines, 'v1.json'), '{}');
    files(baselines, ['v1.profiles/demo/a/1.pb.gz', 'v1.profiles/demo/a/2.pb.gz']);
    writeFileSync(join(baselines, 'hollow.json'), '{}');
    mkdirSync(join(baselines, 'hollow.profiles'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const at = (path: string) => join(root, path);

  it('takes a file, comma-joined files, a directory and comma-joined directories', async () => {
    expect(await resolveSide(at('one.folded'), { outDir })).toEqual({
      argument: at('one.folded'),
      kind: 'files',
      files: [at('one.folded')],
    });
    const pooled = await resolveSide(`${at('one.folded')},${at('two.folded')}`, { outDir });
    expect(pooled).toMatchObject({ kind: 'files', files: [at('one.folded'), at('two.folded')] });
    const dir = await resolveSide(at('dir'), { outDir });
    expect(dir.kind === 'directory' && [...dir.runs]).toEqual([['demo/a', [at('dir/demo/a.folded')]]]);
    const dirs = await resolveSide(`${at('dir')},${at('dir2')}`, { outDir });
    expect(dirs.kind === 'directory' && [...dirs.runs]).toEqual([
      ['demo/a', [at('dir/demo/a.folded'), at('dir2/demo/a.folded')]],
      ['demo/b', [at('dir2/demo/b.folded')]],
    ]);
  });

  it('takes baseline:<name>, and a bare name that is no path but a saved baseline', async () => {
    const runs = [
      ['demo/a', [1, 2].map((r) => join(outDir, `.perfsuite/baselines/v1.profiles/demo/a/${r}.pb.gz`))],
    ];
    const prefixed = await resolveSide('baseline:v1', { outDir });
    expect(prefixed.kind === 'baseline' && [...prefixed.runs]).toEqual(runs);
    const bare = await resolveSide('v1', { outDir });
    expect(bare).toMatchObject({ argument: 'v1', kind: 'baseline' });
  });

  it('says what is wrong and what to give instead', async () => {
    const fails = (argument: string) => resolveSide(argument, { outDir });
    await expect(fails(at('missing.pb.gz'))).rejects.toThrow(
      new RegExp(
        `${at('missing.pb.gz')}: no such file or directory, nor a saved baseline \\(saved: hollow, old, v1\\); give a profile file`,
      ),
    );
    await expect(fails(`${at('one.folded')},${at('gone.folded')}`)).rejects.toThrow(
      `${at('gone.folded')} (in ${at('one.folded')},${at('gone.folded')}): no such file or directory`,
    );
    await expect(fails(at('empty'))).rejects.toThrow(
      `${at('empty')} holds no profile files (.pb.gz, .pb, .cpuprofile, .folded); give a profile file`,
    );
    await expect(fails(`${at('one.folded')},${at('dir')}`)).rejects.toThrow(
      'mixes profile files and directories',
    );
    await expect(fails('baseline:nope')).rejects.toThrow(
      /baseline "nope" not found: .*nope\.json does not exist \(saved baselines: hollow, old, v1;/,
    );
    await expect(fails('baseline:old')).rejects.toThrow(
      /baseline "old" has no profiles: .*old\.profiles does not exist \(it was saved before baselines kept the CPU profiles of their runs, or with --profile-runs 0\)\. Save it again with profile validate --save-baseline old/,
    );
    await expect(fails('baseline:hollow')).rejects.toThrow(/baseline "hollow" has no profiles: .*holds no/);
    await expect(fails('baseline:../x')).rejects.toThrow(UserError);
  });
});
