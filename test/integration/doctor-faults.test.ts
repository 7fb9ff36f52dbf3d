// profile doctor when workloads fail: a crash and a hang are reported as such, with what was read up
// to then, every file written, the hung tree killed, and exit code 1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorResult } from '../../src/doctor/result.js';
import { alive, fixtures, runCli, tempDir } from './run-cli.js';

describe('profile doctor: faults', () => {
  it('reports a crash and a hang, keeps their files and kills the hung tree', async () => {
    const out = tempDir();
    const pidFile = join(out, 'child.pid');
    const config = join(fixtures, 'profile.config.ts');
    const run = await runCli(
      ['doctor', 'fixtures', '-w', 'crash', '-w', 'hang', '--config', config, '--out-dir', out, '--json'],
      { env: { HANG_PID_FILE: pidFile } },
    );
    expect(run.code).toBe(1);
    const { results } = JSON.parse(run.stdout) as { results: DoctorResult[] };
    const [crash, hang] = results;
    expect(crash).toMatchObject({ workload: 'crash', state: 'failed', exitCode: 1 });
    expect(readFileSync(crash?.files.log as string, 'utf8')).toMatch(/deliberate crash/);
    expect(hang).toMatchObject({ workload: 'hang', state: 'timeout' });
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    for (const result of results) expect(existsSync(result.files.json as string)).toBe(true);
    const summary = readFileSync(join(out, 'doctor', 'doctor_summary.md'), 'utf8');
    expect(summary).toMatch(/\| fixtures\/crash \| \*\*failed\*\* \|/);
    expect(summary).toMatch(/\| fixtures\/hang \| \*\*timeout\*\* \|/);
  });
});
