import { describe, expect, it } from 'vitest';
import { sampleSeries, syntheticCases } from '../../test/support/synthetic-series.js';
import { formatBytes } from '../util/bytes.js';
import { classifyGrowth } from './classify.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const MB = 1e6;

/** Every synthetic case over 20 seeds, classified once and shared by the tests below. */
const runs = SEEDS.flatMap((seed) =>
  syntheticCases(seed).map((c) => ({ seed, c, verdict: classifyGrowth(c.points) })),
);
const runsOf = (name: string) => runs.filter((r) => r.c.name === name);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('classifyGrowth on synthetic series (20 seeds each)', () => {
  it.each([
    'flat with noise',
    'GC sawtooth on a flat floor',
    'warm-up then plateau',
    'slow linear leak',
    'exponential, doubling every 5 s',
    'too short',
    'leak under a GC sawtooth',
  ])('%s: the expected verdict on every seed', (name) => {
    const wrong = runsOf(name).filter((r) => r.verdict.verdict !== r.c.expected);
    expect(wrong.map((r) => `seed ${r.seed}: ${r.verdict.reason}`)).toEqual([]);
  });

  it('linear leak with heavy noise: linear on at least 19 of 20 seeds, and never a wrong kind of growth', () => {
    const verdicts = runsOf('linear leak with heavy noise').map((r) => r.verdict.verdict);
    expect(verdicts.filter((v) => v === 'linear').length).toBeGreaterThanOrEqual(19);
    expect(verdicts.filter((v) => v !== 'linear' && v !== 'stable')).toEqual([]);
  });

  it.each([
    ['slow linear leak', 0.3],
    ['linear leak with heavy noise', 0.6],
    ['leak under a GC sawtooth', 0.15],
  ])(
    '%s: slope unbiased (mean within 10%%) and each seed within a relative error of %s',
    (name, tolerance) => {
      const cases = runsOf(name).filter((r) => r.verdict.verdict === 'linear');
      const truth = cases[0]?.c.slopeBytesPerSec as number;
      const slopes = cases.map((r) => r.verdict.slopeBytesPerSec);
      expect(Math.abs(mean(slopes) / truth - 1)).toBeLessThan(0.1);
      for (const slope of slopes) expect(Math.abs(slope / truth - 1)).toBeLessThan(tolerance);
      for (const r of cases) {
        const [lo, hi] = r.verdict.ciBytesPerSec as [number, number];
        expect(lo).toBeLessThanOrEqual(r.verdict.slopeBytesPerSec);
        expect(hi).toBeGreaterThanOrEqual(r.verdict.slopeBytesPerSec);
      }
    },
  );

  it('exponential: doubling time within 5% of 5 s on every seed, from a model that beats the line', () => {
    for (const r of runsOf('exponential, doubling every 5 s')) {
      expect(r.verdict.doublingTimeSec).toBeGreaterThan(4.75);
      expect(r.verdict.doublingTimeSec).toBeLessThan(5.25);
      const byName = Object.fromEntries(r.verdict.models.map((m) => [m.name, m]));
      expect(byName.exponential?.aicc).toBeLessThan((byName.linear?.aicc as number) - 6);
    }
  });

  it('GC sawtooth: finds the 2 s cycle and fits the floor, not the teeth', () => {
    for (const r of runsOf('GC sawtooth on a flat floor')) {
      expect(r.verdict.evidence?.sawtoothPeriodSec).toBeCloseTo(2, 1);
      for (const p of r.verdict.evidence?.envelope ?? [])
        expect(Math.abs(p.v - 50 * MB)).toBeLessThan(0.5 * MB);
    }
  });

  it('warm-up then plateau: the verdict names the plateau, not a leak', () => {
    const plateauReasons = runsOf('warm-up then plateau').filter((r) =>
      r.verdict.reason.includes('levelled off'),
    );
    expect(plateauReasons.length).toBeGreaterThan(10);
  });

  it('reports peak, average and final of the whole series, warm-up included', () => {
    const r = runsOf('warm-up then plateau')[0];
    if (r === undefined) throw new Error('missing case');
    const values = r.c.points.map((p) => p.v);
    expect(r.verdict.peak).toBe(Math.max(...values));
    expect(r.verdict.average).toBeCloseTo(mean(values), 0);
    expect(r.verdict.final).toBe(values[values.length - 1]);
  });
});

describe('classifyGrowth edge cases', () => {
  it('no points: insufficient data with NaN figures', () => {
    const v = classifyGrowth([]);
    expect(v.verdict).toBe('insufficient data');
    expect(v.peak).toBeNaN();
    expect(v.reason).toBe('No samples were recorded.');
  });

  it('too short: says how many samples and seconds it had and needs', () => {
    const v = classifyGrowth(sampleSeries((t) => 50 * MB + MB * t, 0, 4, 1));
    expect(v.verdict).toBe('insufficient data');
    expect(v.reason).toContain('41 samples over 4.0 s');
    expect(v.slopeBytesPerSec).toBeCloseTo(MB, 0);
  });

  it('a GC cycle too long for the run: insufficient data, not a guess', () => {
    // 6 s cycles in a 20 s run leave two post-GC floors after warm-up.
    const points = sampleSeries((t) => 50 * MB + 10 * MB * ((t % 6) / 6), 0.05 * MB, 20, 3);
    const v = classifyGrowth(points);
    expect(v.verdict).toBe('insufficient data');
    expect(v.reason).toContain('GC cycle about 6.0 s');
  });

  it('rare allocation bursts on a flat heap are stable, not a long GC cycle', () => {
    const points = sampleSeries((t) => 50 * MB + (t % 3.3 < 0.1 ? 5 * MB : 0), 0.3 * MB, 30, 8);
    expect(classifyGrowth(points).verdict).toBe('stable');
  });

  it('an exactly flat series is stable with zero slope', () => {
    const v = classifyGrowth(sampleSeries(() => 64 * MB, 0, 30, 1));
    expect(v.verdict).toBe('stable');
    expect(v.slopeBytesPerSec).toBe(0);
  });

  it('shrinking memory is stable, never a leak', () => {
    const v = classifyGrowth(sampleSeries((t) => 80 * MB - 0.5 * MB * t, 0.2 * MB, 30, 4));
    expect(v.verdict).toBe('stable');
    expect(v.slopeBytesPerSec).toBeLessThan(0);
  });

  it('a significant but tiny drift is stable, and the reason gives the growth and the threshold', () => {
    // 10 KB/s on 50 MB: 0.3 MB over 30 s, below max(2% of 50 MB, 1 MiB).
    const v = classifyGrowth(sampleSeries((t) => 50 * MB + 10e3 * t, 0.01 * MB, 30, 5));
    expect(v.verdict).toBe('stable');
    expect(v.evidence?.mannKendallZ).toBeGreaterThan(v.evidence?.criticalZ as number);
    expect(v.reason).toMatch(
      /rises \(Mann–Kendall Z = \d+\.\d\d, critical 2\.33\) but only 3\d\d\.\d KB over 30\.0 s at 10\.\d KB\/s, below the 1\.05 MB threshold/,
    );
  });

  it('lowering the growth threshold turns that drift into a linear leak', () => {
    const points = sampleSeries((t) => 50 * MB + 10e3 * t, 0.01 * MB, 30, 5);
    const v = classifyGrowth(points, { minAbsoluteGrowthBytes: 0, minRelativeGrowth: 0 });
    expect(v.verdict).toBe('linear');
    expect(v.slopeBytesPerSec).toBeCloseTo(10e3, -3);
  });

  it('ignores input order and non-finite points', () => {
    const points = sampleSeries((t) => 50 * MB + 200e3 * t, 0.1 * MB, 30, 6);
    const shuffled = [...points].reverse();
    shuffled.push({ t: Number.NaN, v: 1 }, { t: 5, v: Number.POSITIVE_INFINITY });
    expect(classifyGrowth(shuffled)).toEqual(classifyGrowth(points));
  });

  it('rejects a nonsensical option, naming it', () => {
    expect(() => classifyGrowth([], { alpha: 2 })).toThrow(/option alpha = 2: must be in \(0, 1\)/);
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(1_500_000)).toBe('1.50 MB');
    expect(formatBytes(51_200)).toBe('51.2 KB');
    expect(formatBytes(-12)).toBe('-12 B');
  });
});
