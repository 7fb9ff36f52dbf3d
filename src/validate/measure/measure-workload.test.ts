// A timed workload becomes one measurement per metric (wall, user, sys, peakRss, each probe name),
// with targets checked by metric and failed runs carried; real processes throughout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Timing, timingSchema } from '../../config/schema.js';
import type { PlannedTarget } from '../../plan/planned-target.js';
import type { Measurement } from '../measurement.js';
import { measureWorkload } from './measure-workload.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/validate/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'perfsuite-measure-test-'));
const logFile = join(tmp, 'workload.log');

function target(workload: string, script: string, args: string[] = [], extra: Partial<PlannedTarget> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return {
    suite: 'fixtures',
    workload,
    spec: { argv: [process.execPath, join(fixtures, script), ...args], cwd: fixtures, env },
    timeoutMs: 30_000,
    ...extra,
  } satisfies PlannedTarget;
}

/** Through the schema, so defaults (tolerance, metric) are the user's. */
const timing = (input: unknown): Timing => timingSchema.parse(input);

function byMetric(measurements: Measurement[]): Map<string, Measurement> {
  return new Map(measurements.map((m) => [m.metric, m]));
}

describe('measureWorkload', () => {
  it('gives wall, user, sys, peakRss and each probe, with targets by metric', async () => {
    const { measurements } = await measureWorkload(
      target('probes', 'probe-parent.mjs'),
      timing({
        warmup: 1,
        runs: 2,
        targets: [
          { stat: 'median', max: 60_000 },
          { metric: 'probe:phase', stat: 'max', max: 1000, component: 'phase time' },
          { metric: 'peakRss', stat: 'max', max: 1 },
          { metric: 'probe:never', stat: 'p95', max: 10 },
        ],
      }),
      { logFile },
    );
    const m = byMetric(measurements);
    expect([...m.keys()]).toEqual(
      ['wall', 'user', 'sys', 'peakRss', 'phase', 'child-phase', 'worker-phase', 'never'].map((k) =>
        ['wall', 'user', 'sys', 'peakRss'].includes(k) ? k : `probe:${k}`,
      ),
    );
    const wall = m.get('wall') as Measurement;
    expect(wall).toMatchObject({ id: 'fixtures/probes:wall', kind: 'command', unit: 'ms', failures: [] });
    expect(wall.samples).toHaveLength(2); // the warm-up is not among them
    expect(wall.targets).toMatchObject([
      { component: 'fixtures/probes wall', stat: 'median', verdict: 'pass' },
    ]);
    expect(m.get('user')?.samples).toHaveLength(2);
    expect(m.get('peakRss')).toMatchObject({ unit: 'MB', targets: [{ verdict: 'fail', limit: 1 }] });
    // Every report of every measured run: 2 per run here, 1 per run from the child.
    const phase = m.get('probe:phase') as Measurement;
    expect(phase).toMatchObject({ kind: 'probe', unit: 'ms', id: 'fixtures/probes:probe:phase' });
    expect(phase.samples).toHaveLength(4);
    expect(phase.targets).toMatchObject([{ component: 'phase time', stat: 'max', verdict: 'pass' }]);
    expect(m.get('probe:child-phase')?.samples).toEqual([7, 7]);
    expect(m.get('probe:worker-phase')?.samples).toEqual([9, 9]);
    // A target on a probe the workload never reported cannot pass silently.
    expect(m.get('probe:never')?.failures.join()).toMatch(/no samples/);
  });

  it('carries failed runs on every measurement and keeps the successful runs as samples', async () => {
    const counter = join(mkdtempSync(join(tmp, 'flaky-')), 'count');
    const { measurements } = await measureWorkload(
      target('flaky', 'flaky.mjs', [counter]),
      timing({ warmup: 0, runs: 3 }),
      {
        logFile,
      },
    );
    for (const m of measurements) expect(m.failures).toEqual(['run 2: exited with code 3']);
    expect(byMetric(measurements).get('wall')?.samples).toHaveLength(2);
  });

  it('records the wall time of a watcher but skips its wall targets, with a note', async () => {
    const notes: string[] = [];
    const { measurements } = await measureWorkload(
      target('watch', 'watcher.mjs', [], { durationMs: 500 }),
      timing({
        warmup: 0,
        runs: 1,
        targets: [
          { stat: 'median', max: 1 },
          { metric: 'probe:cycle', stat: 'p95', max: 50 },
        ],
      }),
      { logFile, onNote: (n) => notes.push(n) },
    );
    const m = byMetric(measurements);
    expect(m.get('wall')?.samples).toHaveLength(1);
    expect(m.get('wall')?.targets).toEqual([]);
    expect(notes.join()).toMatch(/fixtures\/watch: wall targets skipped/);
    expect(m.get('probe:cycle')?.targets).toMatchObject([{ verdict: 'pass' }]);
  });
});
