/**
 * `profile cpu --engine clinic`: clinic flame as an engine, for those who use clinic (an optional
 * peer: these run where it is installed, as CI installs it), and the message where it is not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { clinicInstalled, fixtures, runCli, tempDir } from './run-cli.js';

describe('engine clinic', () => {
  it('says how to add clinic where the workload has none, and profiles nothing', async () => {
    const out = tempDir();
    // An ad hoc command runs in the current directory: a temporary one, with no clinic above it.
    const run = await runCli(
      ['cpu', '--engine', 'clinic', '--out-dir', out, '--json', '--', 'node', '-e', '0'],
      {
        cwd: out,
      },
    );
    const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
    expect(run.code).toBe(1);
    expect(result?.state).toBe('error');
    expect(result?.reason).toMatch(/clinic is not installed for .*npm install --save-dev clinic/);
  });

  it.runIf(clinicInstalled())(
    "finds the hot function of a TypeScript workload, source-mapped, and keeps clinic's flamegraph",
    async () => {
      const out = tempDir();
      const run = await runCli([
        'cpu',
        'fixtures',
        '-w',
        'hot',
        '--engine',
        'clinic',
        '--config',
        join(fixtures, 'profile.config.ts'),
        '--out-dir',
        out,
        '--json',
      ]);
      const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
      expect(result?.state).toBe('ok');
      expect(result?.engine).toBe('clinic');
      // As with 0x, V8 ticks include the main thread's waits in libc: hotLoop leads the script frames.
      const top = result?.topSelf.find((f) => f.file !== undefined && /\.(ts|js)$/.test(f.file));
      expect(top).toMatchObject({ name: 'hotLoop', file: join(fixtures, 'hot.ts'), line: 7 });
      expect(readFileSync(result?.files.folded as string, 'utf8')).not.toMatch(/dist\/agent\//);
      expect(result?.files.engine?.some((f) => f.endsWith('.clinic-flame.html') && existsSync(f))).toBe(true);
    },
  );
});
