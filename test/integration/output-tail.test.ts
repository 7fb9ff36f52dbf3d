// A workload that fails shows why: its last output (the error and its stack) is in its result's
// `outputTail` for cpu, memory and doctor alike, and printed under its FAILED line, without opening
// the log. The crash fixture throws after 400 ms of work.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkloadRun } from '../../src/workload/workload-run.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'profile.config.ts');
const crash = ['fixtures', '-w', 'crash', '--config', config];

/** The crash's error and the stack frame in the fixture, as Node prints an uncaught exception. */
function expectCrashTail(result: WorkloadRun | undefined): void {
  expect(result?.state).toBe('failed');
  const tail = result?.outputTail ?? [];
  expect(tail.length).toBeGreaterThan(1);
  expect(tail.length).toBeLessThanOrEqual(20);
  expect(tail).toContain('Error: deliberate crash of the crash fixture');
  expect(tail.some((line) => /^\s+at .*crash\.js:\d+:\d+/.test(line))).toBe(true);
}

describe('the last output of a failed workload', () => {
  it('is in profile cpu --json, and printed under the FAILED line', async () => {
    const out = tempDir();
    const json = await runCli(['cpu', ...crash, '--out-dir', out, '--json']);
    expect(json.code).toBe(1);
    const [result] = (JSON.parse(json.stdout) as { results: WorkloadRun[] }).results;
    expectCrashTail(result);

    const terminal = await runCli(['cpu', ...crash, '--out-dir', out, '--top', '1']);
    expect(terminal.code).toBe(1);
    expect(terminal.stdout).toMatch(
      /^FAILED fixtures\/crash .*\n {4}exited with code 1\n {4}last output:\n( {6}.*\n)*? {6}Error: deliberate crash of the crash fixture\n/m,
    );
    // --top 1: one row a table in the terminal too.
    const lines = terminal.stdout.split('\n');
    const self = lines.indexOf('    by self time');
    expect(self).toBeGreaterThan(0);
    expect(lines[self + 3]).toBe('    by total time');
  });

  it('is in profile memory --json and profile doctor --json', async () => {
    const [memory, doctor] = await Promise.all([
      runCli(['memory', ...crash, '--out-dir', tempDir(), '--json']),
      runCli(['doctor', ...crash, '--out-dir', tempDir(), '--json']),
    ]);
    expect(memory.code).toBe(1);
    expect(doctor.code).toBe(1);
    expectCrashTail((JSON.parse(memory.stdout) as { results: WorkloadRun[] }).results[0]);
    expectCrashTail((JSON.parse(doctor.stdout) as { results: WorkloadRun[] }).results[0]);
  });
});
