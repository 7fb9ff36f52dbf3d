/**
 * Which code a run measured: the commit, branch and whether the working tree was dirty, so that a
 * trend can say "slower since a1b2c3d" and a run of uncommitted code is marked as one. It runs after
 * every command, so it asks git once: `git status --porcelain=v2 --branch` gives the commit
 * (`# branch.oid`), the branch (`# branch.head`) and a line per changed tracked file. One process
 * costs 12-18 ms on this machine (spawn included; `git rev-parse HEAD` alone is no cheaper).
 *
 * - `--untracked-files=no`: dirty means "tracked files differ from HEAD", as `git describe --dirty`
 *   has it; a stray untracked file (a log, an output folder) does not make a run dirty, and git
 *   skips the walk of untracked directories, the slow part of `git status` in big trees.
 * - `--no-optional-locks`: status would otherwise refresh the index under `.git/index.lock`, and
 *   could make a git command the user runs meanwhile fail.
 * - No shell (execFile) and a timeout: no git, no repository, a hung filesystem or a huge tree all
 *   give `undefined`, never an error: the history is an extra, not a reason to fail a run.
 */
import { execFile } from 'node:child_process';
import type { GitInfo } from './record.js';

/** Options of gitInfo. */
export interface GitInfoOptions {
  /** Give up after this long (the record then has no git info). @default 1000 */
  timeoutMs?: number;
}

/** Reads `git status --porcelain=v2 --branch` output; undefined when it is not that. */
export function parseGitStatus(output: string): GitInfo | undefined {
  let commit: string | undefined;
  let branch: string | undefined;
  let dirty = false;
  let headers = 0;
  for (const line of output.split('\n')) {
    if (line.startsWith('# branch.oid ')) {
      headers++;
      const oid = line.slice('# branch.oid '.length).trim();
      if (/^[0-9a-f]{7,64}$/.test(oid)) commit = oid;
    } else if (line.startsWith('# branch.head ')) {
      headers++;
      const head = line.slice('# branch.head '.length).trim();
      if (head && head !== '(detached)') branch = head;
    } else if (line.startsWith('# ')) {
      // branch.upstream, branch.ab, stash: not needed.
    } else if (line.length > 0) {
      dirty = true;
    }
  }
  if (headers === 0) return undefined;
  return { ...(commit ? { commit } : {}), ...(branch ? { branch } : {}), dirty };
}

/** Commit, branch and dirtiness of the repository holding `cwd`; undefined outside one or without git. */
export function gitInfo(cwd: string, options: GitInfoOptions = {}): Promise<GitInfo | undefined> {
  const timeout = options.timeoutMs ?? 1000;
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        ['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '--untracked-files=no'],
        {
          cwd,
          timeout,
          killSignal: 'SIGKILL',
          windowsHide: true,
          maxBuffer: 16 * 1024 * 1024,
          // A variable from a git hook or the user's shell must not point git at another repository.
          env: { ...process.env, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_OPTIONAL_LOCKS: '0' },
        },
        (error, stdout) => resolve(error ? undefined : parseGitStatus(stdout)),
      );
    } catch {
      // execFile throws synchronously on a bad cwd on some platforms.
      resolve(undefined);
    }
  });
}
