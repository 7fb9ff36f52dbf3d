/**
 * profile doctor --with-clinic: clinic doctor on the same workloads, its report kept and its own
 * verdict beside perfsuite's. clinic is not a dependency: these run where it is installed (CI installs
 * it, .ci/run); without it, only the message saying how to add it is tested.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorResult } from '../../src/doctor/result.js';
import { clinicInstalled, fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'doctor', 'profile.config.ts');

describe('profile doctor --with-clinic', () => {
  it('says how to add clinic when it is not where --clinic points, before running anything (exit 2)', async () => {
    const out = tempDir();
    const run = await runCli([
      'doctor',
      'doctor',
      '--config',
      config,
      '--clinic',
      '/nonexistent/clinic',
      '--out-dir',
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--clinic \/nonexistent\/clinic: no clinic there .*npm install --save-dev clinic/,
    );
    expect(existsSync(join(out, 'doctor'))).toBe(false);
  });

  it.runIf(clinicInstalled())(
    "keeps clinic's report and its own verdict beside perfsuite's, for a program and a server under load",
    async () => {
      const out = tempDir();
      const run = await runCli([
        'doctor',
        'doctor',
        '--config',
        config,
        '-w',
        'blocked',
        '-w',
        'server',
        '--with-clinic',
        '--out-dir',
        out,
        '--json',
      ]);
      const { results } = JSON.parse(run.stdout) as { results: DoctorResult[] };
      for (const result of results) {
        expect(result.clinic?.error).toBeUndefined();
        expect(['event-loop', 'io', 'gc', 'none', 'unknown']).toContain(result.clinic?.category);
        expect(result.clinic?.recommendation).toMatch(/\S/);
        expect(readFileSync(result.clinic?.html as string, 'utf8')).toMatch(/^\s*<!DOCTYPE html>/i);
        // perfsuite's own verdict stands as it is.
        expect(result.diagnosis.findings.map((f) => f.kind)).toContain('event-loop-blocked');
      }
      const summary = readFileSync(join(out, 'doctor', 'doctor_summary.md'), 'utf8');
      expect(summary).toMatch(
        /clinic doctor's own analysis: \*\*[a-z-]+\*\* \(\[its report\]\(doctor\/blocked\.clinic-doctor\.html\)\)/,
      );
      expect(readFileSync(join(out, 'reports', 'index.html'), 'utf8')).toContain(
        'href="../doctor/doctor/server.clinic-doctor.html"',
      );
    },
  );
});
