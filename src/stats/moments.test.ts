import { describe, expect, it } from 'vitest';
import { moments } from './moments.js';

// NIST Statistical Reference Datasets, univariate summary statistics ("lower / average / higher
// difficulty"), https://www.itl.nist.gov/div898/strd/univ/homepage.html. The NumAccN sets are built
// from a rule, so they are generated here rather than pasted:
//   NumAcc1: 10000001, 10000003, 10000002                  certified mean 10000002,   sd 1
//   NumAcc3: 1000000.2, then 1000000.1, 1000000.3 x 500    certified mean 1000000.2,  sd 0.1 (n = 1001)
//   NumAcc4: 10000000.2, then 10000000.1, 10000000.3 x 500 certified mean 10000000.2, sd 0.1 (n = 1001)
function numAcc(center: number): number[] {
  const values = [center + 0.2];
  for (let i = 0; i < 500; i++) values.push(center + 0.1, center + 0.3);
  return values;
}

describe('moments (corrected two-pass mean and variance)', () => {
  it('matches NIST StRD NumAcc1 exactly', () => {
    const { n, mean, variance } = moments([10000001, 10000003, 10000002]);
    expect(n).toBe(3);
    expect(mean).toBe(10000002);
    expect(variance).toBe(1);
  });

  it.each([
    ['NumAcc3', 1000000, 1000000.2],
    ['NumAcc4', 10000000, 10000000.2],
  ])('matches NIST StRD %s (certified sd 0.1) where one-pass sums lose all digits', (_name, center, mean) => {
    const result = moments(numAcc(center));
    expect(result.n).toBe(1001);
    expect(result.mean).toBeCloseTo(mean, 8);
    // NIST asks for agreement in the leading digits; the data themselves are only representable to
    // about 1e-9 at 1e7, so 1e-7 relative on the sd is what double precision allows.
    expect(Math.sqrt(result.variance as number)).toBeCloseTo(0.1, 7);
  });

  it('reports no variance for one sample and zero for a constant sample', () => {
    expect(moments([42])).toEqual({ n: 1, mean: 42, variance: null });
    expect(moments([3.3, 3.3, 3.3, 3.3])).toEqual({ n: 4, mean: 3.3, variance: 0 });
  });

  it('rejects an empty sample and non-finite values', () => {
    expect(() => moments([])).toThrow(/must not be empty/);
    expect(() => moments([1, Number.POSITIVE_INFINITY])).toThrow(/samples\[1\] is Infinity/);
  });
});
