// A duration counted from the program's start: a wrapper that starts the program 600 ms late (as
// 0x does) still gets the program run for its whole duration, through the real agent and runner.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENV_AGENT_DIR, ENV_AGENT_MODE, ENV_REPORT_START } from '../agent/protocol.cjs';
import { agentPath } from '../engines/paths.js';
import { programStarted } from './program-start.js';
import { runProcess } from './run-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'perfsuite-program-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

/** A wrapper that waits `lateMs`, then starts a long-running program under the agent. */
function lateWrapper(lateMs: number): string[] {
  const program = ['--require', agentPath, '-e', 'setInterval(() => {}, 50)'];
  const wrapper = `setTimeout(() => require('node:child_process').spawn(process.execPath, ${JSON.stringify(program)}, { stdio: 'inherit' }), ${lateMs})`;
  return [process.execPath, '-e', wrapper];
}

describe('programStarted', () => {
  it('starts the duration when the program starts, not when its wrapper does', async () => {
    const artifactDir = mkdtempSync(join(tmp, 'late-'));
    const started = Date.now();
    let programAt = 0;
    const outcome = await runProcess(
      {
        argv: lateWrapper(600),
        cwd: tmp,
        env: {
          ...env,
          [ENV_AGENT_DIR]: artifactDir,
          [ENV_AGENT_MODE]: 'source-maps',
          [ENV_REPORT_START]: '1',
        },
      },
      {
        timeoutMs: 30_000,
        graceMs: 2000,
        durationMs: 300,
        durationFrom: async (running) => {
          await programStarted(artifactDir, running, 30_000);
          programAt = Date.now();
        },
        logFile: join(artifactDir, 'log.txt'),
      },
    );
    expect(outcome.state).toBe('ok');
    expect(outcome.stoppedAfterDuration).toBe(true);
    expect(programAt - started).toBeGreaterThanOrEqual(600);
    expect((outcome.stoppedAt ?? 0) - programAt).toBeGreaterThanOrEqual(295);
    expect(readdirSync(artifactDir).filter((name) => name.endsWith('.started'))).toHaveLength(1);
  });

  it('gives up when the process ends before any program started, and the run ends as it ended', async () => {
    const artifactDir = mkdtempSync(join(tmp, 'never-'));
    let wait: Promise<void> | undefined;
    const outcome = await runProcess(
      { argv: [process.execPath, '-e', 'setTimeout(() => process.exit(3), 200)'], cwd: tmp, env },
      {
        timeoutMs: 30_000,
        durationMs: 100,
        durationFrom: (running) => {
          wait = programStarted(artifactDir, running, 30_000);
          return wait;
        },
        logFile: join(artifactDir, 'log.txt'),
      },
    );
    expect(outcome.state).toBe('failed');
    expect(outcome.exitCode).toBe(3);
    expect(outcome.stoppedAfterDuration).toBe(false);
    await expect(wait).rejects.toThrow(/exited with code 3 before it started its program/);
  });
});
