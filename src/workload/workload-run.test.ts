// What every result says of its run (workload-run.ts): the runner's outcome, and for a run that is not
// ok the end of its output, read from its log in this one place for cpu, memory and doctor alike.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workloadRun } from './workload-run.js';

const target = { suite: 's', workload: 'w' };
const log = join(mkdtempSync(join(tmpdir(), 'perfsuite-run-')), 'w.log');
writeFileSync(log, 'starting\n\nError: boom\n    at main (/app/index.js:3:9)\n');

describe('workloadRun', () => {
  it('carries the last lines of the log when the run failed', async () => {
    const run = await workloadRun(
      target,
      { state: 'failed', reason: 'exited with code 1', exitCode: 1, wallMs: 120 },
      log,
    );
    expect(run).toEqual({
      suite: 's',
      workload: 'w',
      state: 'failed',
      reason: 'exited with code 1',
      outputTail: ['starting', 'Error: boom', '    at main (/app/index.js:3:9)'],
      exitCode: 1,
      durationMs: 120,
    });
  });

  it('carries them for a timeout too, and none for a run that is ok', async () => {
    const timeout = await workloadRun(target, { state: 'timeout', signal: 'SIGKILL', wallMs: 2000 }, log);
    expect(timeout.outputTail?.at(-1)).toBe('    at main (/app/index.js:3:9)');
    const ok = await workloadRun(target, { state: 'ok', exitCode: 0, wallMs: 50 }, log);
    expect(ok).toEqual({ suite: 's', workload: 'w', state: 'ok', exitCode: 0, durationMs: 50 });
  });

  it('has no outputTail when the workload printed nothing or left no log', async () => {
    const missing = await workloadRun(target, { state: 'failed', wallMs: 1 }, `${log}.missing`);
    expect(missing).not.toHaveProperty('outputTail');
  });
});
