import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/synthetic-series.js';
import { mannKendall, median, normalQuantile, theilSen } from './trend.js';

describe('normalQuantile', () => {
  it('matches the standard normal table', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
  });
});

describe('median', () => {
  it('takes the middle, or the mean of the two middles, without sorting the input in place', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('mannKendall', () => {
  it('a strictly increasing run of 5: S = 10, Var(S) = 5*4*15/18, continuity-corrected Z', () => {
    const mk = mannKendall([1, 2, 3, 4, 5]);
    expect(mk.s).toBe(10);
    expect(mk.varS).toBeCloseTo(50 / 3, 12);
    expect(mk.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
  });

  it('applies the tie correction: [1, 1, 2, 3] has S = 5 and Var(S) = (156 - 18) / 18', () => {
    const mk = mannKendall([1, 1, 2, 3]);
    expect(mk.s).toBe(5);
    expect(mk.varS).toBeCloseTo(138 / 18, 12);
    expect(mk.z).toBeCloseTo(4 / Math.sqrt(138 / 18), 12);
  });

  it('is symmetric for decreasing series and zero for constant ones', () => {
    expect(mannKendall([5, 4, 3, 2, 1]).z).toBeCloseTo(-9 / Math.sqrt(50 / 3), 12);
    expect(mannKendall([7, 7, 7, 7])).toEqual({ s: 0, varS: 0, z: 0 });
  });
});

describe('theilSen', () => {
  it('median of the pairwise slopes: (0,0) (1,1) (2,2) (3,10) gives (1 + 10/3) / 2', () => {
    const points = [
      { t: 0, v: 0 },
      { t: 1, v: 1 },
      { t: 2, v: 2 },
      { t: 3, v: 10 },
    ];
    const fit = theilSen(points, mannKendall(points.map((p) => p.v)).varS, 0.95);
    expect(fit.slope).toBeCloseTo(13 / 6, 12);
    // With 6 slopes and C = 1.96 * sqrt(26/3) the ranks clamp to the extremes.
    expect(fit.ci).toEqual([1, 8]);
  });

  it('ignores a gross outlier that would drag least squares', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ t: i, v: 1 + 2 * i }));
    (points[7] as { v: number }).v = 1e6;
    const fit = theilSen(points, mannKendall(points.map((p) => p.v)).varS, 0.95);
    expect(fit.slope).toBe(2);
    expect(fit.intercept).toBe(1);
    expect(fit.ci[0]).toBeLessThanOrEqual(2);
    expect(fit.ci[1]).toBeGreaterThanOrEqual(2);
  });

  it('narrows its interval as points are added to the same noisy line', () => {
    const line = (n: number) => {
      const random = seededRandom(42);
      return Array.from({ length: n }, (_, i) => ({ t: i, v: 3 * i + 10 * random() }));
    };
    const width = (n: number) => {
      const pts = line(n);
      const fit = theilSen(pts, mannKendall(pts.map((p) => p.v)).varS, 0.95);
      return fit.ci[1] - fit.ci[0];
    };
    expect(width(40)).toBeLessThan(width(10));
  });

  it('skips pairs at the same time and refuses a single instant', () => {
    expect(
      theilSen(
        [
          { t: 0, v: 0 },
          { t: 0, v: 5 },
          { t: 1, v: 1 },
        ],
        0,
        0.95,
      ).slope,
    ).toBe(-1.5);
    expect(() => theilSen([{ t: 1, v: 1 }], 0, 0.95)).toThrow(/two points/);
  });
});
