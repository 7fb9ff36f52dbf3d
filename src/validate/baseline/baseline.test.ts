/**
 * Baselines on disk: a save and load round trip in a temporary directory, what is stored (samples,
 * unit, summary, machine, Node, dates), atomic rewrite, and the errors a user can cause (a missing
 * baseline names the path and the saved ones; an unsafe name; a file that is not a baseline).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleResult } from '../../../test/support/validate-example.js';
import { baselinePath, baselinesDir, listBaselines } from '../../store/perfsuite-dir.js';
import { UserError } from '../../util/user-error.js';
import { readBaseline, saveBaseline } from './baseline.js';

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'perfsuite-baseline-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

describe('saveBaseline / readBaseline', () => {
  const result = exampleResult();

  it('round-trips every measurement with samples, unit and summary, plus machine, Node and dates', async () => {
    const savedAt = new Date('2026-11-28T12:00:00.000Z');
    const path = await saveBaseline(outDir, 'main', result, savedAt);
    expect(path).toBe(join(outDir, '.perfsuite', 'baselines', 'main.json'));
    const loaded = await readBaseline(outDir, 'main');
    expect(loaded.schemaVersion).toBe(1);
    expect(loaded.name).toBe('main');
    expect(loaded.savedAt).toBe('2026-11-28T12:00:00.000Z');
    expect(loaded.startedAt).toBe(result.startedAt);
    expect(loaded.machine).toEqual(result.machine);
    expect(loaded.node).toBe('v20.20.0');
    expect(loaded.config).toBe(result.config);
    expect(Object.keys(loaded.measurements)).toEqual(result.measurements.map((m) => m.id));
    for (const m of result.measurements) {
      expect(loaded.measurements[m.id]).toEqual({
        unit: m.unit,
        samples: m.samples,
        summary: m.summary,
        // A server's pooled latency keeps each run's p99 beside its samples (each run's p50).
        ...(m.pooled ? { p99Samples: m.pooled.p99Samples } : {}),
      });
    }
  });

  it('leaves out measurements without samples', async () => {
    const first = result.measurements[0];
    if (!first) throw new Error('example has no measurements');
    const withEmpty = {
      ...result,
      measurements: [...result.measurements, { ...first, id: 'x/empty:wall', samples: [], summary: null }],
    };
    await saveBaseline(outDir, 'main', withEmpty);
    const loaded = await readBaseline(outDir, 'main');
    expect(loaded.measurements['x/empty:wall']).toBeUndefined();
  });

  it('replaces a baseline of the same name atomically, leaving no temporary file', async () => {
    await saveBaseline(outDir, 'main', result, new Date('2026-01-01T00:00:00Z'));
    await saveBaseline(outDir, 'main', result, new Date('2026-02-01T00:00:00Z'));
    expect(readdirSync(baselinesDir(outDir))).toEqual(['main.json']);
    expect((await readBaseline(outDir, 'main')).savedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('lists saved baselines, and a missing one is a UserError naming the path and the saved ones', async () => {
    expect(await listBaselines(outDir)).toEqual([]);
    await expect(readBaseline(outDir, 'main')).rejects.toThrow(/no baseline is saved there yet/);
    await saveBaseline(outDir, 'v2', result);
    await saveBaseline(outDir, 'main', result);
    expect(await listBaselines(outDir)).toEqual(['main', 'v2']);
    const error = await readBaseline(outDir, 'nightly').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `baseline "nightly" not found: ${join(outDir, '.perfsuite', 'baselines', 'nightly.json')} does not exist ` +
        '(saved baselines: main, v2). Save one first with --save-baseline nightly.',
    );
  });

  it('refuses names that are not safe file names', async () => {
    for (const name of ['../etc', 'a/b', '', '.hidden', 'a..b']) {
      expect(() => baselinePath(outDir, name), name).toThrow(UserError);
      await expect(saveBaseline(outDir, name, result)).rejects.toThrow(/baseline name/);
    }
  });

  it('says which key is wrong in a file that is not a baseline', async () => {
    mkdirSync(baselinesDir(outDir), { recursive: true });
    const path = baselinePath(outDir, 'broken');
    writeFileSync(path, '{ not json');
    await expect(readBaseline(outDir, 'broken')).rejects.toThrow(`could not read baseline ${path}`);
    await saveBaseline(outDir, 'good', result);
    const data = JSON.parse(readFileSync(baselinePath(outDir, 'good'), 'utf8'));
    data.measurements['commands/fmt:wall'].samples[2] = 'fast';
    writeFileSync(path, JSON.stringify(data));
    const error = await readBaseline(outDir, 'broken').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('measurements.commands/fmt:wall.samples.2');
    expect((error as Error).message).toContain('--save-baseline broken');
  });
});
