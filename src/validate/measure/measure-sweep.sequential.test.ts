// A sweep runs its program at every size, one measurement per size against its budget, and fits
// the exponent over every run; real processes. Sequential: it fits timings, so it runs alone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sweepSchema } from '../../config/schema.js';
import { UserError } from '../../util/user-error.js';
import { measureSweep } from './measure-sweep.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/validate/', import.meta.url));
const logFile = join(mkdtempSync(join(tmpdir(), 'perfsuite-sweep-test-')), 'sweep.log');

describe('measureSweep', () => {
  it('measures each size against its budget, in size order, and fits the exponent', async () => {
    // A shell script that sleeps n seconds: no Node start-up in its time, so the fit sees the work.
    const sweep = sweepSchema.parse({
      command: ['sh', 'scale.sh'],
      args: ['{n}'],
      values: [0.8, 0.1, 0.2, 0.4],
      budgets: { '0.1': 5, '0.8': 0.1 },
      warmup: 0,
      runs: 3,
    });
    const { measurements, sweep: result } = await measureSweep('scale', 'sleep', sweep, fixtures, {
      logFile,
    });
    const sizes = [0.1, 0.2, 0.4, 0.8];
    expect(measurements.map((m) => m.id)).toEqual(sizes.map((n) => `scale/sleep:n=${n}`));
    expect(result.points).toEqual(measurements.map((m, i) => ({ size: sizes[i], measurementId: m.id })));
    for (const m of measurements) {
      expect(m).toMatchObject({ kind: 'sweep-point', unit: 'ms', failures: [] });
      expect(m.samples).toHaveLength(3);
    }
    const medians = measurements.map((m) => m.summary?.median as number);
    expect([...medians].sort((a, b) => a - b)).toEqual(medians);
    // Budgets in seconds become ms limits on the sweep's statistic (median by default).
    expect(measurements[0]?.targets).toMatchObject([{ stat: 'median', limit: 5000, verdict: 'pass' }]);
    expect(measurements[3]?.targets).toMatchObject([{ limit: 100, verdict: 'fail' }]);
    expect(measurements[1]?.targets).toEqual([]);
    expect(result.fit?.n).toBe(12);
    // The fixed cost of starting a process (a few ms, more on a loaded machine) pulls a linear
    // program's exponent a little under 1; sleep is so steady that the interval can then exclude 1
    // ("sublinear"), so only the band is asserted: far from constant (0) and from quadratic (2).
    expect(result.fit?.exponent).toBeGreaterThan(0.75);
    expect(result.fit?.exponent).toBeLessThan(1.15);
    expect(['linear', 'sublinear']).toContain(result.fit?.label);
  });

  it('names a quadratic program superlinear', async () => {
    const sweep = sweepSchema.parse({
      command: ['sh', 'scale.sh'],
      args: ['{n}', '2'],
      // Smallest run 22 ms, not 10: a loaded machine's fixed cost of a run (30 ms or more) would
      // otherwise flatten the smallest sizes and pull the exponent under 1.3.
      values: [0.15, 0.3, 0.6, 1.2],
      warmup: 0,
      runs: 2,
    });
    const { sweep: result } = await measureSweep('scale', 'square', sweep, fixtures, { logFile });
    expect(result.fit?.exponent).toBeGreaterThan(1.3);
    expect(result.fit?.label).toBe('superlinear');
  });

  it('runs a script through node at each size', async () => {
    const sweep = sweepSchema.parse({
      script: 'scale.mjs',
      args: ['{n}'],
      values: [1, 40],
      warmup: 0,
      runs: 1,
    });
    const { measurements, sweep: result } = await measureSweep('scale', 'script', sweep, fixtures, {
      logFile,
    });
    const [small, large] = measurements.map((m) => m.samples[0] as number);
    expect(large).toBeGreaterThan(small as number);
    expect(result.fit).not.toBeNull();
  });

  it('rejects a sweep whose args lack {n}, or a budget for a size it does not run', async () => {
    const noPlaceholder = sweepSchema.parse({ script: 'scale.mjs', args: ['10'] });
    await expect(measureSweep('s', 'w', noPlaceholder, fixtures, { logFile })).rejects.toThrow(UserError);
    await expect(measureSweep('s', 'w', noPlaceholder, fixtures, { logFile })).rejects.toThrow(
      /sweep "s\/w": none of its "args" contains "\{n\}"/,
    );
    const strayBudget = sweepSchema.parse({ script: 'scale.mjs', args: ['{n}'], budgets: { '50': 1 } });
    await expect(measureSweep('s', 'w', strayBudget, fixtures, { logFile })).rejects.toThrow(
      /"budgets" has "50", which is not among its "values" \[1, 10, 100\]/,
    );
  });
});
