/**
 * The regression gate on a server: save a baseline of the fixture server under load, then make it
 * slower (SERVER_SPIN_MS, a busy loop in every request) and check that `--fail-on-regression 10%`
 * calls its rps (a drop: higher is better) and its latency (each run's p50 and p99) regressed past
 * the gate, and exits 1. Runs alone (a *.sequential test): it compares timings.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateResult } from '../../src/validate/measurement.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'validate-server', 'profile.config.ts');

/**
 * Two warm-ups and four runs rather than the config's one and three: the built-in load runs in the
 * CLI's own process, and autocannon's code is only fully optimized after about 2 s of load, so with
 * 1 s loads the first measured run after a single warm-up serves about half the requests of the
 * others, a spread in which Welch's test on three runs finds no significant change even for a
 * 20-fold slowdown.
 */
const RUNS = ['--warmup', '2', '--runs', '4'];

async function validate(outDir: string, extra: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(
    [
      'validate',
      'servers',
      '-w',
      'api',
      '--config',
      config,
      '--out-dir',
      outDir,
      '--json',
      ...RUNS,
      ...extra,
    ],
    { env },
  );
  return { exitCode: run.code, result: JSON.parse(run.stdout) as ValidateResult, stderr: run.stderr };
}

describe('profile validate --baseline --fail-on-regression 10% on a server', () => {
  it('says rps and latency regressed past the gate when every request got slower, and exits 1', async () => {
    const out = tempDir();
    const saved = await validate(out, ['--save-baseline', 'fast']);
    expect(saved.exitCode).toBe(0);

    // 3 ms of work in every request: the 4 connections get at most ~330 responses a second each
    // from a server that answered in well under 1 ms before.
    const slow = await validate(out, ['--baseline', 'fast', '--fail-on-regression', '10%'], {
      SERVER_SPIN_MS: '3',
    });
    const comparisons = slow.result.baseline?.comparisons ?? [];
    const find = (id: string, stat?: string) => comparisons.find((c) => c.id === id && c.stat === stat);

    const rps = find('servers/api:rps');
    expect(rps?.comparison).toMatchObject({ verdict: 'regressed', better: 'higher' });
    expect(rps?.comparison.changePct).toBeLessThan(-10);
    expect(rps?.gateFailed).toBe(true);
    for (const stat of ['p50', 'p99']) {
      const latency = find('servers/api:latency', stat);
      expect(latency?.comparison).toMatchObject({ verdict: 'regressed', better: 'lower' });
      expect(latency?.comparison.changePct).toBeGreaterThan(10);
      expect(latency?.gateFailed).toBe(true);
    }
    expect(slow.exitCode).toBe(1);
    // The slow server still met its lenient targets: the gate alone failed the run.
    expect(slow.result.measurements.flatMap((m) => m.targets).every((t) => t.verdict === 'pass')).toBe(true);
  });
});
