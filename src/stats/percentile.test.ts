import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.js';
import { sortAscending } from './samples.js';

// Reference values: numpy 2.4.6, np.percentile(data, p) (default method 'linear' = R quantile type 7):
//   data = [0.93, 1.07, 0.88, 1.21, 1.02, 0.97, 1.15, 0.99, 1.04, 0.91, 1.10, 0.95, 1.01, 1.08, 0.96,
//           1.03, 0.94, 1.12, 1.00, 0.98, 1.05]
//   [np.percentile(data, p) for p in (0, 10, 25, 50, 75, 90, 95, 99, 100)]
//   -> 0.88, 0.93, 0.96, 1.01, 1.07, 1.12, 1.15, 1.198, 1.21
const twentyOneRuns = [
  0.93, 1.07, 0.88, 1.21, 1.02, 0.97, 1.15, 0.99, 1.04, 0.91, 1.1, 0.95, 1.01, 1.08, 0.96, 1.03, 0.94, 1.12,
  1, 0.98, 1.05,
];

describe('percentile (R type 7 / numpy linear)', () => {
  it.each([
    [0, 0.88],
    [10, 0.93],
    [25, 0.96],
    [50, 1.01],
    [75, 1.07],
    [90, 1.12],
    [95, 1.15],
    [99, 1.198],
    [100, 1.21],
  ])('p%d of 21 runs matches numpy', (p, expected) => {
    expect(percentile(sortAscending(twentyOneRuns), p)).toBeCloseTo(expected, 12);
  });

  it('interpolates between order statistics (worked by hand)', () => {
    // n = 4, p = 95: h = (4 - 1) * 0.95 = 2.85, so x[2] + 0.85 * (x[3] - x[2]) = 3 + 0.85 = 3.85.
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12);
    // Even n, p = 50: h = 1.5, halfway between 2 and 3, the usual median.
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
  });

  it('returns the only value of a single sample for every p', () => {
    for (const p of [0, 50, 95, 99, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('returns the common value of a constant sample', () => {
    expect(percentile([5, 5, 5, 5, 5], 99)).toBe(5);
  });

  it('rejects empty input, unsorted input, non-finite values and p outside [0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/must not be empty/);
    expect(() => percentile([3, 1, 2], 50)).toThrow(/ascending sorted/);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
    expect(() => percentile([1, 2], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1, 2], -1)).toThrow(/between 0 and 100/);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(/between 0 and 100/);
  });
});
