/**
 * Pairing a run with its baseline, the regression gate, the --fail-on-regression parser and the exit
 * code rule, on constructed samples whose verdicts are known: 30% slower is regressed, 30% faster is
 * improved, the same runs in another order is no change.
 */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../util/user-error.js';
import { toMeasurement } from '../measure/to-measurement.js';
import type { Measurement, ValidateResult } from '../measurement.js';
import { toBaseline } from './baseline.js';
import {
  compareToBaseline,
  failureReasons,
  parseRegressionThreshold,
  skippedComparisons,
  validateExitCode,
} from './compare-baseline.js';

const BASE = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100];
const scaled = (factor: number) => BASE.map((v) => v * factor);

function cmd(name: string, samples: number[], extra: Partial<Parameters<typeof toMeasurement>[0]> = {}) {
  return toMeasurement({ suite: 's', name, metric: 'wall', kind: 'command', unit: 'ms', samples, ...extra });
}

function result(measurements: Measurement[]): ValidateResult {
  return {
    schemaVersion: 1,
    startedAt: '2026-11-27T10:00:00.000Z',
    finishedAt: '2026-11-27T10:01:00.000Z',
    machine: { cpus: 2, cpuModel: 'cpu', memoryGb: 8, os: 'linux x64', node: 'v20.20.0' },
    config: '/c.ts',
    suites: ['s'],
    measurements,
    sweeps: [],
    servers: [],
    links: [],
    exitCode: 0,
    interrupted: false,
  };
}

const baseline = toBaseline(
  'main',
  result([
    cmd('slower', BASE),
    cmd('faster', BASE),
    cmd('same', BASE),
    cmd('slight', BASE),
    cmd('once', [100]),
    cmd('gone', BASE),
    toMeasurement({ suite: 's', name: 'rss', metric: 'peakRss', kind: 'command', unit: 'MB', samples: BASE }),
  ]),
  new Date('2026-11-20T00:00:00.000Z'),
);

const current = result([
  cmd('slower', scaled(1.3)),
  cmd('faster', scaled(0.7)),
  cmd('same', [...BASE].reverse()),
  cmd('slight', scaled(1.05)),
  cmd('once', [100, 101, 99]),
  cmd('new', BASE),
  // Same id, other unit: comparing them would be meaningless.
  toMeasurement({ suite: 's', name: 'rss', metric: 'peakRss', kind: 'command', unit: 'ms', samples: BASE }),
]);

describe('compareToBaseline', () => {
  const section = compareToBaseline(current, baseline, { failOnRegressionPct: 10 });
  const verdict = (name: string) => section.comparisons.find((c) => c.id === `s/${name}:wall`);

  it('says regressed, improved and no change on samples built to be so', () => {
    expect(verdict('slower')?.comparison.verdict).toBe('regressed');
    expect(verdict('slower')?.comparison.changePct).toBeCloseTo(30, 10);
    expect(verdict('faster')?.comparison.verdict).toBe('improved');
    expect(verdict('faster')?.comparison.changePct).toBeCloseTo(-30, 10);
    expect(verdict('same')?.comparison.verdict).toBe('no change');
    expect(verdict('same')?.comparison.pValue).toBeCloseTo(1, 10);
  });

  it('trips the gate only for a regression beyond the threshold', () => {
    expect(verdict('slower')?.gateFailed).toBe(true);
    // 5% slower is a real regression (outside the 2% noise band) but under a 10% gate.
    expect(verdict('slight')?.comparison.verdict).toBe('regressed');
    expect(verdict('slight')?.gateFailed).toBe(false);
    expect(verdict('faster')?.gateFailed).toBe(false);
    const strict = compareToBaseline(current, baseline, { failOnRegressionPct: 4 });
    expect(strict.comparisons.find((c) => c.id === 's/slight:wall')?.gateFailed).toBe(true);
    const noGate = compareToBaseline(current, baseline);
    expect(noGate.comparisons.some((c) => c.gateFailed)).toBe(false);
  });

  it('widens the noise band on request: 5% slower is then within noise', () => {
    const wide = compareToBaseline(current, baseline, { noiseThreshold: 0.1 });
    expect(wide.comparisons.find((c) => c.id === 's/slight:wall')?.comparison.verdict).toBe('within noise');
  });

  it('names every id it did not compare, and why for those on both sides', () => {
    expect(section.name).toBe('main');
    expect(section.savedAt).toBe('2026-11-20T00:00:00.000Z');
    expect(section.missing).toEqual(['s/gone:wall', 's/new:wall', 's/once:wall', 's/rss:peakRss']);
    expect(section.skipped).toEqual([
      {
        id: 's/once:wall',
        reason: 'the baseline has 1 run and this run 3 runs; a comparison needs at least 2 on each side',
      },
      { id: 's/rss:peakRss', reason: 'the unit changed from MB to ms: save a new baseline' },
    ]);
    expect(skippedComparisons(section)).toBe(section.skipped);
    expect(skippedComparisons(undefined)).toEqual([]);
    expect(section.comparisons.map((c) => c.id)).toEqual([
      's/slower:wall',
      's/faster:wall',
      's/same:wall',
      's/slight:wall',
    ]);
  });

  it('skips a baseline whose mean is not positive instead of failing the whole comparison', () => {
    const zero = toBaseline('z', result([cmd('flat', [0, 0, 0])]));
    const section = compareToBaseline(result([cmd('flat', [1, 2, 3])]), zero);
    expect(section.comparisons).toEqual([]);
    expect(section.skipped[0]?.reason).toMatch(/baseline mean must be positive/);
  });
});

describe('compareToBaseline for a server (rps: higher is better; latency: per-run p50 and p99)', () => {
  const rps = (samples: number[]) =>
    toMeasurement({ suite: 's', name: 'api', metric: 'rps', kind: 'load', unit: 'req/s', samples });
  /** A pooled latency as measure-load.ts makes it: samples are each run's p50, p99Samples each run's p99. */
  const latency = (p50: number[], p99: number[]) =>
    toMeasurement({
      suite: 's',
      name: 'api',
      metric: 'latency',
      kind: 'load',
      unit: 'ms',
      samples: p50,
      pooled: { summary: null, requests: 1000, p99Samples: p99 },
    });
  const saved = toBaseline('srv', result([rps(scaled(10)), latency(scaled(0.02), scaled(0.1))]));

  it('calls a 20% drop in rps regressed, past a 10% gate, and a 20% rise improved', () => {
    const slower = compareToBaseline(result([rps(scaled(8))]), saved, { failOnRegressionPct: 10 });
    expect(slower.comparisons).toMatchObject([
      { id: 's/api:rps', comparison: { verdict: 'regressed', better: 'higher' }, gateFailed: true },
    ]);
    expect(slower.comparisons[0]?.comparison.changePct).toBeCloseTo(-20, 10);
    const faster = compareToBaseline(result([rps(scaled(12))]), saved, { failOnRegressionPct: 10 });
    expect(faster.comparisons).toMatchObject([
      { id: 's/api:rps', comparison: { verdict: 'improved' }, gateFailed: false },
    ]);
    expect(validateExitCode({ ...result([rps(scaled(8))]), baseline: slower })).toBe(1);
  });

  it("compares a latency twice, on its runs' p50 and on its runs' p99, each against the gate", () => {
    // The median requests as fast as before, the tail 30% slower: only p99 regressed.
    const tail = compareToBaseline(result([latency(scaled(0.02), scaled(0.13))]), saved, {
      failOnRegressionPct: 10,
    });
    expect(tail.comparisons.map((c) => [c.id, c.stat, c.comparison.verdict, c.gateFailed])).toEqual([
      ['s/api:latency', 'p50', 'no change', false],
      ['s/api:latency', 'p99', 'regressed', true],
    ]);
    expect(tail.comparisons[1]?.comparison.better).toBe('lower');
    expect(tail.missing).toEqual(['s/api:rps']);
  });

  it('keeps the p99 samples in the baseline file', () => {
    expect(saved.measurements['s/api:latency']?.p99Samples).toEqual(scaled(0.1));
    expect(saved.measurements['s/api:rps']?.p99Samples).toBeUndefined();
  });
});

describe('parseRegressionThreshold', () => {
  it('reads "10%" and "10" as 10 percent, decimals too', () => {
    expect(parseRegressionThreshold('10%')).toBe(10);
    expect(parseRegressionThreshold('10')).toBe(10);
    expect(parseRegressionThreshold(' 2.5 % ')).toBe(2.5);
    expect(parseRegressionThreshold('0')).toBe(0);
    expect(parseRegressionThreshold('.5%')).toBe(0.5);
  });

  it('rejects anything else with a UserError that shows the form', () => {
    for (const junk of ['', '%', 'ten', '-5%', '10%%', '1e3', 'NaN', 'Infinity', '10 %x', '1.2.3']) {
      expect(() => parseRegressionThreshold(junk), junk).toThrow(UserError);
    }
    expect(() => parseRegressionThreshold('abc')).toThrow(
      /--fail-on-regression "abc" is not a percentage: write it like 10%/,
    );
  });
});

describe('validateExitCode', () => {
  const pass = cmd('a', BASE, { limits: [{ stat: 'mean', max: 200, tolerance: 0.1 }] });
  const warn = cmd('b', BASE, { limits: [{ stat: 'mean', max: 95, tolerance: 0.1 }] });
  const fail = cmd('c', BASE, { limits: [{ stat: 'mean', max: 80, tolerance: 0.1 }] });
  const failedRun = cmd('d', BASE, { failures: ['run 3 exited with code 1'] });

  it('is 0 when everything passes, and warnings do not fail', () => {
    expect(warn.targets[0]?.verdict).toBe('warn');
    expect(validateExitCode(result([pass, warn]))).toBe(0);
    expect(failureReasons(result([pass, warn]))).toEqual([]);
  });

  it('is 1 for a failed target, a failed run, or a regression past the gate', () => {
    expect(validateExitCode(result([pass, fail]))).toBe(1);
    expect(failureReasons(result([pass, fail]))).toEqual(['1 of 2 targets failed']);
    expect(validateExitCode(result([pass, failedRun]))).toBe(1);
    expect(failureReasons(result([failedRun]))).toEqual(['1 measurement had failed runs']);
    const gated = {
      ...result([pass]),
      baseline: compareToBaseline(current, baseline, { failOnRegressionPct: 10 }),
    };
    expect(validateExitCode(gated)).toBe(1);
    expect(failureReasons(gated, 10)).toEqual(['1 regression past the 10% gate']);
    const ungated = { ...result([pass]), baseline: compareToBaseline(current, baseline) };
    expect(validateExitCode(ungated)).toBe(0);
  });

  it('counts a target with no samples to check as a failure', () => {
    const empty = cmd('e', [], { limits: [{ stat: 'p95', max: 10, tolerance: 0 }] });
    expect(empty.failures).toHaveLength(1);
    expect(validateExitCode(result([empty]))).toBe(1);
  });
});
