import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, summarize } from './summary.js';

describe('summarize', () => {
  it('matches numpy / scipy on ten timings with one slow run', () => {
    // Reference: numpy 2.4.6 / scipy 1.17.1
    //   a = np.array([12.1, 11.8, 12.4, 13.0, 11.9, 12.2, 25.3, 12.0, 12.3, 11.7])
    //   a.mean() -> 13.469999999999999       np.median(a) -> 12.149999999999999
    //   np.percentile(a, 95) -> 19.764999999999986   np.percentile(a, 99) -> 24.193
    //   a.std(ddof=1) -> 4.172941941178244
    //   stats.t.interval(0.95, 9, loc=a.mean(), scale=stats.sem(a))
    //     -> (10.484857164163511, 16.455142835836487)
    // By hand: sorted, h = 9 * 0.95 = 8.55, so p95 = 13.0 + 0.55 * (25.3 - 13.0) = 19.765.
    const s = summarize([12.1, 11.8, 12.4, 13.0, 11.9, 12.2, 25.3, 12.0, 12.3, 11.7]);
    expect(s.n).toBe(10);
    expect(s.min).toBe(11.7);
    expect(s.max).toBe(25.3);
    expect(s.mean).toBeCloseTo(13.47, 12);
    expect(s.median).toBeCloseTo(12.15, 12);
    expect(s.p50).toBe(s.median);
    expect(s.p95).toBeCloseTo(19.765, 12);
    expect(s.p99).toBeCloseTo(24.193, 12);
    expect(s.stddev).toBeCloseTo(4.172941941178244, 12);
    expect(s.meanCi95?.[0]).toBeCloseTo(10.484857164163511, 10);
    expect(s.meanCi95?.[1]).toBeCloseTo(16.455142835836487, 10);
  });

  it('uses the published Student t quantiles for the interval', () => {
    // t(0.975, 1) = 12.706 and t(0.975, 30) = 2.042: any t table (e.g. NIST/SEMATECH e-Handbook of
    // Statistical Methods, 1.3.6.7.2 "Critical Values of the Student's t Distribution").
    // Two runs 9 and 11: mean 10, sd sqrt(2), margin = 12.706 * sqrt(2) / sqrt(2) = 12.706.
    const two = meanConfidenceInterval(10, Math.SQRT2, 2) as readonly [number, number];
    expect(two[1] - 10).toBeCloseTo(12.706, 3);
    // n = 31, sd = sqrt(31): margin = 2.042 * sqrt(31) / sqrt(31) = 2.042.
    const many = meanConfidenceInterval(0, Math.sqrt(31), 31) as readonly [number, number];
    expect(many[1]).toBeCloseTo(2.042, 3);
    expect(many[0]).toBeCloseTo(-2.042, 3);
  });

  it('widens the interval with the confidence level (t(0.995, 9) = 3.250 from the same table)', () => {
    // n = 10 (df 9), sd = sqrt(10): margin = 3.250 * sqrt(10) / sqrt(10) = 3.250.
    const ci = meanConfidenceInterval(0, Math.sqrt(10), 10, 0.99) as readonly [number, number];
    expect(ci[1]).toBeCloseTo(3.25, 3);
    expect(() => meanConfidenceInterval(0, 1, 5, 1)).toThrow(/between 0 and 1/);
  });

  it('gives no spread and no interval for a single run', () => {
    const s = summarize([0.5]);
    expect(s).toEqual({
      n: 1,
      min: 0.5,
      max: 0.5,
      mean: 0.5,
      median: 0.5,
      p50: 0.5,
      p95: 0.5,
      p99: 0.5,
      stddev: null,
      meanCi95: null,
    });
  });

  it('gives zero spread and a zero-width interval when every run is equal', () => {
    const s = summarize([250, 250, 250, 250]);
    expect(s.stddev).toBe(0);
    expect(s.meanCi95).toEqual([250, 250]);
    expect(s.p99).toBe(250);
  });

  it('does not reorder its input', () => {
    const runs = [3, 1, 2];
    summarize(runs);
    expect(runs).toEqual([3, 1, 2]);
  });

  it('throws a clear error on an empty sample or a NaN run', () => {
    expect(() => summarize([])).toThrow('samples must not be empty: at least one measurement is needed');
    expect(() => summarize([1, Number.NaN])).toThrow(/samples\[1\] is NaN/);
  });
});
