/**
 * The regression gate end to end, as issue 5 asks: save a baseline of a fixture, then compare an
 * unchanged run (no change or within noise, exit 0) and a run 30% slower (regressed, exit 1), three
 * times over to show the verdicts do not flap. Runs alone (a *.sequential test) so that no other test
 * loads the machine while timings are compared.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateResult } from '../../src/validate/measurement.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'validate-gate', 'profile.config.ts');
const WALL = 'gate/spin:wall';

async function validate(outDir: string, extra: string[], slowdown = '1') {
  const run = await runCli(
    ['validate', 'gate', '--config', config, '--out-dir', outDir, '--json', ...extra],
    {
      env: { SPIN_SLOWDOWN: slowdown },
    },
  );
  return { exitCode: run.code, result: JSON.parse(run.stdout) as ValidateResult, stderr: run.stderr };
}

describe('profile validate --baseline --fail-on-regression 10%', () => {
  it('says regressed and exits 1 for a 30% slowdown, and no change or within noise for none, every time', async () => {
    const out = tempDir();
    const saved = await validate(out, ['--save-baseline', 'main']);
    expect(saved.exitCode).toBe(0);
    // A 10% noise band (criterion's default is 2%): this shared 2-core machine drifts between runs of
    // the same code, and CI once found the unchanged runs more than 5% slower than their baseline (most likely Node's
    // start-up, the part of each run that is not the fixed wait). The test is about the gate, not
    // about the quietest machine; the 30% slowdown still clears the band threefold.
    const gate = ['--baseline', 'main', '--fail-on-regression', '10%', '--noise', '10'];
    for (let round = 0; round < 3; round++) {
      const same = await validate(out, gate);
      const unchanged = same.result.baseline?.comparisons.find((c) => c.id === WALL);
      expect(['no change', 'within noise']).toContain(unchanged?.comparison.verdict);
      expect(same.exitCode).toBe(0);

      const slow = await validate(out, gate, '1.3');
      const slower = slow.result.baseline?.comparisons.find((c) => c.id === WALL);
      expect(slower?.comparison.verdict).toBe('regressed');
      expect(slower?.comparison.changePct).toBeGreaterThan(10);
      expect(slower?.gateFailed).toBe(true);
      expect(slow.exitCode).toBe(1);
    }
  });
});
