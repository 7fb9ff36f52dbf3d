/** Runs the built `profile` CLI as a user would, in a child process, and parses --json output. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const bin = join(repoRoot, 'bin', 'profile.js');
export const fixtures = join(repoRoot, 'test', 'fixtures');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix = 'perfsuite-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * True while a process with this pid runs. A zombie does not count: it has ended and only waits for
 * init to reap it (an orphan's zombie can linger for a second or more on this machine).
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Whether clinic (an optional peer, which CI installs) resolves from the repository. */
export function clinicInstalled(): boolean {
  try {
    createRequire(join(repoRoot, 'package.json')).resolve('clinic/package.json');
    return true;
  } catch {
    return false;
  }
}
