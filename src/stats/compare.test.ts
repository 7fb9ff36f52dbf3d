import { describe, expect, it } from 'vitest';
import { type Comparison, compareSamples, decideVerdict, isRegressionBeyond } from './compare.js';

// Reference for the timing cases: scipy 1.17.1, with base / next as below,
//   r = stats.ttest_ind(next, base, equal_var=False); ci = r.confidence_interval(0.95)
//   p = r.pvalue, df = r.df, changePct = (next.mean() - base.mean()) / base.mean() * 100,
//   ciPct = ci.low / base.mean() * 100, ci.high / base.mean() * 100
const base = [100.2, 99.1, 101.5, 100.8, 98.7, 100.0, 101.1, 99.6, 100.4, 99.9];

describe('compareSamples against R and scipy', () => {
  it("reproduces R's Welch t-test on the sleep data (R documentation, ?t.test)", () => {
    // R: t.test(extra ~ group, data = sleep) prints
    //   t = -1.8608, df = 17.776, p-value = 0.07939
    //   95 percent confidence interval: -3.3654832  0.2054832
    //   mean in group 1: 0.75, mean in group 2: 2.33
    // That interval is of mean(group 1) - mean(group 2); with group 2 as the base, ciPct is it / 2.33.
    const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const c = compareSamples(group2, group1);
    expect(c.pValue).toBeCloseTo(0.07939, 5);
    expect(c.df).toBeCloseTo(17.776, 3);
    expect(c.baseMean).toBeCloseTo(2.33, 12);
    expect(c.nextMean).toBeCloseTo(0.75, 12);
    expect(c.changePct).toBeCloseTo((-1.58 / 2.33) * 100, 10);
    expect(c.ciPct[0]).toBeCloseTo((-3.3654832 / 2.33) * 100, 5);
    expect(c.ciPct[1]).toBeCloseTo((0.2054832 / 2.33) * 100, 5);
    expect(c.verdict).toBe('no change'); // p = 0.079 is not below 0.05
  });

  it.each([
    {
      name: 'a 10.7% slowdown: regressed',
      next: [110.9, 111.8, 109.7, 110.2, 112.0, 110.5, 109.9, 111.1, 110.6, 111.4],
      pValue: 2.0547250322724405e-16,
      df: 17.769053472319385,
      changePct: 10.666134025766524,
      ciPct: [9.892586388930708, 11.439681662602343],
      verdict: 'regressed',
    },
    {
      name: 'a 9.8% speed-up: improved',
      next: [90.3, 89.8, 91.0, 90.6, 89.5, 90.1, 90.9, 89.9, 90.4, 90.2],
      pValue: 2.334825424103408e-14,
      df: 13.955547324136836,
      changePct: -9.847198641765704,
      ciPct: [-10.518787817995563, -9.175609465535846],
      verdict: 'improved',
    },
    {
      name: 'a significant 1% shift, CI inside the 2% band: within noise',
      next: [101.2, 100.1, 102.5, 101.8, 99.7, 101.0, 102.1, 100.6, 101.4, 100.9],
      pValue: 0.0191834287050022,
      df: 18.0,
      changePct: 0.9987016878058524,
      ciPct: [0.18301034779817052, 1.8143930278135343],
      verdict: 'within noise',
    },
    {
      name: 'the same machine twice: no change',
      next: [100.5, 98.9, 101.2, 100.1, 99.3, 100.7, 99.8, 100.9, 99.5, 100.2],
      pValue: 0.956409512572686,
      df: 17.54205950027038,
      changePct: -0.019974033756098884,
      ciPct: [-0.7782307002547592, 0.7382826327425615],
      verdict: 'no change',
    },
  ])('$name', ({ next, pValue, df, changePct, ciPct, verdict }) => {
    const c = compareSamples(base, next);
    expect(c.pValue / pValue).toBeCloseTo(1, 8); // relative: the p-values span 16 orders of magnitude
    expect(c.df).toBeCloseTo(df, 9);
    expect(c.changePct).toBeCloseTo(changePct, 10);
    expect(c.ciPct[0]).toBeCloseTo(ciPct[0] as number, 9);
    expect(c.ciPct[1]).toBeCloseTo(ciPct[1] as number, 9);
    expect(c.verdict).toBe(verdict);
  });

  it('uses unequal variances (Welch), not the pooled test', () => {
    // scipy: base = [50.1, 50.3, 49.8, 50.0, 50.2], next = [52.0, 58.5, 49.1, 61.3, 55.2, 50.7, 57.9]
    //   -> p = 0.029015830983907868, df = 6.030382203338331, ciPct = [1.3878579891626859, 18.0895495872864]
    // (the pooled test would give df = 10). Significant, but the CI reaches into +-2%: within noise.
    const c = compareSamples([50.1, 50.3, 49.8, 50.0, 50.2], [52.0, 58.5, 49.1, 61.3, 55.2, 50.7, 57.9]);
    expect(c.pValue).toBeCloseTo(0.029015830983907868, 10);
    expect(c.df).toBeCloseTo(6.030382203338331, 9);
    expect(c.changePct).toBeCloseTo(9.73870378822454, 10);
    expect(c.ciPct[0]).toBeCloseTo(1.3878579891626859, 9);
    expect(c.ciPct[1]).toBeCloseTo(18.0895495872864, 9);
    expect(c.verdict).toBe('within noise');
  });

  it('handles a constant baseline against a varying next (df = n - 1 of the varying side)', () => {
    // scipy: base = [50] * 4, next = [51, 52, 53, 51.5] -> p = 0.021875398782757818, df = 3.0,
    //   ciPct = [1.032469116203985, 6.467530883796015]: significant, CI above +1% but not +2%.
    const c = compareSamples([50, 50, 50, 50], [51, 52, 53, 51.5]);
    expect(c.pValue).toBeCloseTo(0.021875398782757818, 10);
    expect(c.df).toBeCloseTo(3, 10);
    expect(c.changePct).toBeCloseTo(3.75, 10);
    expect(c.ciPct[0]).toBeCloseTo(1.032469116203985, 9);
    expect(c.verdict).toBe('within noise');
    expect(compareSamples([50, 50, 50, 50], [51, 52, 53, 51.5], { noiseThreshold: 0.01 }).verdict).toBe(
      'regressed',
    );
  });
});

describe('compareSamples on degenerate input', () => {
  it('reports no change for two identical constant samples', () => {
    const c = compareSamples([5, 5, 5], [5, 5, 5]);
    expect(c).toMatchObject({ changePct: 0, ciPct: [0, 0], pValue: 1, verdict: 'no change' });
    expect(c.df).toBe(Number.POSITIVE_INFINITY);
  });

  it('treats a difference between two constant samples as certain', () => {
    // 100 -> 110 with no noise at all: change exactly +10%, p = 0, CI [10, 10].
    const c = compareSamples([100, 100], [110, 110, 110]);
    expect(c).toMatchObject({ changePct: 10, ciPct: [10, 10], pValue: 0, verdict: 'regressed' });
    // ... and a certain change smaller than the noise band is still within noise.
    expect(compareSamples([100, 100], [101, 101]).verdict).toBe('within noise');
  });

  it('refuses one-run samples, a non-positive baseline mean and bad options', () => {
    expect(() => compareSamples([1], [1, 2])).toThrow(
      /at least 2 runs on each side \(base has 1, next has 2\)/,
    );
    expect(() => compareSamples([1, 2], [])).toThrow(/must not be empty/);
    expect(() => compareSamples([-1, 1], [1, 2])).toThrow(/baseline mean must be positive/);
    expect(() => compareSamples([1, 2], [1, 2], { confidence: 1.5 })).toThrow(/confidence/);
    expect(() => compareSamples([1, 2], [1, 2], { noiseThreshold: -0.1 })).toThrow(/noiseThreshold/);
  });

  it('uses the confidence option for both the interval and the significance level', () => {
    const next = [101.2, 100.1, 102.5, 101.8, 99.7, 101.0, 102.1, 100.6, 101.4, 100.9];
    // p = 0.0192: significant at 95%, not at 99%, whose interval is also wider.
    const strict = compareSamples(base, next, { confidence: 0.99 });
    const usual = compareSamples(base, next);
    expect(strict.verdict).toBe('no change');
    expect(strict.ciPct[0]).toBeLessThan(usual.ciPct[0]);
    expect(strict.ciPct[1]).toBeGreaterThan(usual.ciPct[1]);
  });
});

describe('decideVerdict (the criterion rule)', () => {
  it.each([
    [0.2, [-5, 30], 'no change'],
    [0.05, [3, 4], 'no change'], // p must be strictly below 1 - confidence
    [0.01, [2.5, 4], 'regressed'],
    [0.01, [2, 4], 'within noise'], // touching the band is not outside it
    [0.01, [-4, -2.5], 'improved'],
    [0.01, [-4, -1], 'within noise'],
    [0.01, [1, 1.5], 'within noise'],
  ] as const)('p = %d, CI %j percent -> %s', (p, ci, verdict) => {
    expect(decideVerdict(p, ci, 0.95, 0.02)).toBe(verdict);
  });

  it('treats a NaN p-value as no evidence of change', () => {
    expect(decideVerdict(Number.NaN, [5, 6], 0.95, 0.02)).toBe('no change');
  });
});

describe('isRegressionBeyond (the --fail-on-regression gate)', () => {
  const regressed = compareSamples(
    base,
    [110.9, 111.8, 109.7, 110.2, 112.0, 110.5, 109.9, 111.1, 110.6, 111.4],
  );

  it('trips only when the regression exceeds the threshold', () => {
    expect(regressed.changePct).toBeCloseTo(10.67, 2);
    expect(isRegressionBeyond(regressed, 10)).toBe(true);
    expect(isRegressionBeyond(regressed, 15)).toBe(false);
  });

  it('never trips on a change that is not a regression verdict, however large', () => {
    const noisy: Comparison = { ...regressed, changePct: 40, verdict: 'within noise' };
    expect(isRegressionBeyond(noisy, 10)).toBe(false);
    expect(isRegressionBeyond({ ...regressed, changePct: 40, verdict: 'no change' }, 10)).toBe(false);
  });

  it('rejects a negative or non-finite threshold', () => {
    expect(() => isRegressionBeyond(regressed, -1)).toThrow(/percentage >= 0/);
    expect(() => isRegressionBeyond(regressed, Number.NaN)).toThrow(/percentage >= 0/);
  });
});

describe('compareSamples where higher is better (requests per second)', () => {
  // The same runs as "a 10.7% slowdown" above, read as requests per second: a rise of 10.7%.
  const rise = [110.9, 111.8, 109.7, 110.2, 112.0, 110.5, 109.9, 111.1, 110.6, 111.4];
  const drop = base.map((v) => v * 0.8);

  it('calls a significant rise beyond the noise band improved, with the same numbers', () => {
    const lower = compareSamples(base, rise);
    const higher = compareSamples(base, rise, { better: 'higher' });
    expect(lower.verdict).toBe('regressed');
    expect(higher.verdict).toBe('improved');
    expect(higher.better).toBe('higher');
    // The change is this run against the baseline either way: only its reading differs.
    expect(higher).toMatchObject({ changePct: lower.changePct, ciPct: lower.ciPct, pValue: lower.pValue });
  });

  it('calls a 20% drop regressed, and the gate trips on the size of the drop', () => {
    const c = compareSamples(base, drop, { better: 'higher' });
    expect(c.changePct).toBeCloseTo(-20, 10);
    expect(c.verdict).toBe('regressed');
    expect(isRegressionBeyond(c, 10)).toBe(true);
    expect(isRegressionBeyond(c, 19.9)).toBe(true);
    expect(isRegressionBeyond(c, 20.1)).toBe(false);
    // A rise never trips it, however large.
    expect(isRegressionBeyond(compareSamples(base, rise, { better: 'higher' }), 1)).toBe(false);
  });

  it('applies the noise band the same way, and decideVerdict takes the direction', () => {
    expect(decideVerdict(0.001, [3, 5], 0.95, 0.02, 'higher')).toBe('improved');
    expect(decideVerdict(0.001, [-5, -3], 0.95, 0.02, 'higher')).toBe('regressed');
    expect(decideVerdict(0.001, [-5, 1], 0.95, 0.02, 'higher')).toBe('within noise');
    expect(decideVerdict(0.2, [-50, -30], 0.95, 0.02, 'higher')).toBe('no change');
    expect(() => compareSamples([1, 2], [1, 2], { better: 'up' as never })).toThrow(/better must be/);
  });
});
