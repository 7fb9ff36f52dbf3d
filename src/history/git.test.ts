import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContext } from './context.js';
import { gitInfo, parseGitStatus } from './git.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'perfsuite-git-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('parseGitStatus', () => {
  it('reads commit, branch and changed entries', () => {
    const oid = 'a'.repeat(40);
    expect(parseGitStatus(`# branch.oid ${oid}\n# branch.head main\n`)).toEqual({
      commit: oid,
      branch: 'main',
      dirty: false,
    });
    expect(
      parseGitStatus(
        `# branch.oid ${oid}\n# branch.head (detached)\n# branch.ab +0 -0\n1 .M N... 100644 100644 100644 x x a.ts\n`,
      ),
    ).toEqual({ commit: oid, dirty: true });
    expect(parseGitStatus('# branch.oid (initial)\n# branch.head main\n')).toEqual({
      branch: 'main',
      dirty: false,
    });
    expect(parseGitStatus('')).toBeUndefined();
    expect(parseGitStatus('fatal: not a git repository\n')).toBeUndefined();
  });
});

describe('gitInfo in a real repository', () => {
  it('says clean, then dirty for a changed tracked file, not for an untracked one; no branch when detached', async () => {
    const repo = join(root, 'repo');
    await mkdir(repo);
    git(repo, 'init', '-q', '-b', 'trunk');
    expect(await gitInfo(repo)).toEqual({ branch: 'trunk', dirty: false });

    await writeFile(join(repo, 'a.txt'), 'one\n');
    git(repo, 'add', 'a.txt');
    git(repo, 'commit', '-q', '-m', 'first');
    const commit = git(repo, 'rev-parse', 'HEAD');
    expect(await gitInfo(repo)).toEqual({ commit, branch: 'trunk', dirty: false });

    await writeFile(join(repo, 'untracked.log'), 'noise\n');
    expect(await gitInfo(repo)).toEqual({ commit, branch: 'trunk', dirty: false });

    await writeFile(join(repo, 'a.txt'), 'two\n');
    expect(await gitInfo(repo)).toEqual({ commit, branch: 'trunk', dirty: true });

    git(repo, 'checkout', '-q', '--detach');
    expect(await gitInfo(repo)).toEqual({ commit, dirty: true });
  });

  it('gives undefined outside a repository and for a missing directory', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'perfsuite-nogit-'));
    try {
      // tmpdir() is not inside a repository on this machine; guard so the test says why if it is.
      let inRepo = true;
      try {
        git(outside, 'rev-parse', '--git-dir');
      } catch {
        inRepo = false;
      }
      if (!inRepo) expect(await gitInfo(outside)).toBeUndefined();
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
    expect(await gitInfo(join(root, 'does-not-exist'))).toBeUndefined();
  });

  it('costs a few tens of milliseconds (it runs after every command)', async () => {
    const repo = join(root, 'repo');
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const start = performance.now();
      await gitInfo(repo);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // 12-18 ms on this machine; a loose bound, since tests run in parallel on two cores.
    expect(times[4]).toBeLessThan(250);
  });
});

describe('runContext', () => {
  it('gathers id, time, git, machine (named) and the project directory', async () => {
    const repo = join(root, 'repo');
    const context = await runContext({
      projectDir: repo,
      machineName: ' ci-1 ',
      startedAt: new Date('2026-11-30T12:00:00.000Z'),
    });
    expect(context.time).toBe('2026-11-30T12:00:00.000Z');
    expect(context.id).toMatch(/^20261130T120000Z-[0-9a-f]{8}$/);
    expect(context.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(context.machine).toMatchObject({ name: 'ci-1', node: process.version });
    expect(context.projectDir).toBe(repo);
  });
});
