import { describe, expect, it } from 'vitest';
import { historyBandPct, judgeStep, withinRunBandPct } from './change-rule.js';

const single = (median: number) => ({ median, n: 1 });

describe('historyBandPct', () => {
  it('is 4.5 times the median relative step of the last 10 steps', () => {
    // Steps |100/105-1| 4.762%, |105/95-1| 10.526%, |95/110-1| 13.636%, |110/100-1| 10%: median 10.263%.
    expect(historyBandPct([100, 110, 95, 105, 100])).toBeCloseTo(4.5 * ((0.1 + 2 / 19) / 2) * 100, 10);
    expect(historyBandPct([100, 110, 95, 105, 100])).toBeCloseTo(46.1842105263, 8);
    // Only the last 10 steps count: a wild start is forgotten.
    const steady = [1000, 1, ...Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? 100 : 102))];
    expect(historyBandPct(steady)).toBeCloseTo(4.5 * ((2 / 102 + 0.02) / 2) * 100, 10);
  });

  it('is 0 with fewer than 3 steps, and steps from a zero median are left out', () => {
    expect(historyBandPct([])).toBe(0);
    expect(historyBandPct([100])).toBe(0);
    expect(historyBandPct([100, 110, 100])).toBe(0);
    expect(historyBandPct([0, 100, 110, 100, 105])).toBeCloseTo(4.5 * (1 / 11) * 100, 10);
    expect(historyBandPct([0, 0, 0, 0, 0])).toBe(0);
  });
});

describe('withinRunBandPct', () => {
  it('is 3 standard errors of the difference of the medians, from p95 and n', () => {
    // sd = 10 / 1.6449 = 6.0795, se = 1.2533 * 6.0795 / sqrt(10) = 2.4095 each: 3 * sqrt(2) * 2.4095 = 10.2228%.
    expect(withinRunBandPct({ median: 100, p95: 110, n: 10 }, { median: 108, p95: 118, n: 10 })).toBeCloseTo(
      10.2227781084,
      8,
    );
  });

  it('is 0 without a spread on either side', () => {
    expect(withinRunBandPct(single(100), { median: 100, p95: 110, n: 10 })).toBe(0);
    expect(withinRunBandPct({ median: 100, n: 10 }, { median: 100, p95: 110, n: 10 })).toBe(0);
    expect(withinRunBandPct({ median: 0, p95: 1, n: 10 }, { median: 1, p95: 2, n: 10 })).toBe(0);
  });
});

describe('judgeStep', () => {
  it('two runs of several samples: the within-run spread decides when it is wider than 5%', () => {
    const before = { median: 100, p95: 110, n: 10 };
    expect(judgeStep(before, { median: 108, p95: 118, n: 10 }, [], 'lower')).toEqual({
      change: expect.closeTo(8, 10),
      band: expect.closeTo(10.2227781084, 8),
      verdict: 'within noise',
    });
    expect(judgeStep(before, { median: 111, p95: 121, n: 10 }, [], 'lower').verdict).toBe('regressed');
    expect(judgeStep(before, { median: 89, p95: 99, n: 10 }, [], 'lower').verdict).toBe('improved');
  });

  it('tight runs: the 5% floor', () => {
    const before = { median: 100, p95: 100.5, n: 20 };
    expect(judgeStep(before, { median: 105, p95: 105.5, n: 20 }, [], 'lower')).toEqual({
      change: expect.closeTo(5, 10),
      band: 5,
      verdict: 'within noise',
    });
    expect(judgeStep(before, { median: 105.1, p95: 105.6, n: 20 }, [], 'lower')).toMatchObject({
      verdict: 'regressed',
    });
  });

  it('single runs: the 10% floor, until the history is noisier', () => {
    expect(judgeStep(single(1000), single(1099), [], 'lower')).toMatchObject({
      band: 10,
      verdict: 'within noise',
    });
    expect(judgeStep(single(1000), single(1101), [], 'lower')).toMatchObject({
      band: 10,
      verdict: 'regressed',
    });
    // History 100, 110, 95, 105 then 100: band 46.18%.
    expect(judgeStep(single(100), single(140), [100, 110, 95, 105], 'lower')).toEqual({
      change: expect.closeTo(40, 10),
      band: expect.closeTo(46.1842105263, 8),
      verdict: 'within noise',
    });
    expect(judgeStep(single(100), single(150), [100, 110, 95, 105], 'lower').verdict).toBe('regressed');
  });

  it('requests per second are better higher', () => {
    const before = { median: 1000, n: 5 };
    expect(judgeStep(before, { median: 800, n: 5 }, [], 'higher')).toEqual({
      change: expect.closeTo(-20, 10),
      band: 5,
      verdict: 'regressed',
    });
    expect(judgeStep(before, { median: 1200, n: 5 }, [], 'higher').verdict).toBe('improved');
  });

  it('zero, negative and non-finite medians', () => {
    expect(judgeStep(single(0), single(0), [], 'lower')).toEqual({
      change: 0,
      band: 10,
      verdict: 'within noise',
    });
    expect(judgeStep(single(0), single(5), [], 'lower')).toEqual({
      change: null,
      band: 10,
      verdict: 'not comparable',
    });
    expect(judgeStep(single(10), single(0), [], 'lower')).toEqual({
      change: -100,
      band: 10,
      verdict: 'improved',
    });
    expect(judgeStep(single(-1), single(5), [], 'lower').verdict).toBe('not comparable');
    expect(judgeStep(single(10), single(Number.NaN), [], 'lower').verdict).toBe('not comparable');
  });
});
