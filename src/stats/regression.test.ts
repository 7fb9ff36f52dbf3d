import { describe, expect, it } from 'vitest';
import { linearRegression } from './regression.js';

// NIST Statistical Reference Datasets, linear regression, "Norris" (lower difficulty, 36 observations):
// https://www.itl.nist.gov/div898/strd/lls/data/Norris.shtml. Rows are (y, x). Certified values:
//   B0 = -0.262323073774029     sd(B0) = 0.232818234301152
//   B1 =  1.00211681802045      sd(B1) = 0.429796848199937E-03
//   residual standard deviation = 0.884796396144373, R-squared = 0.999993745883712
// (scipy.stats.linregress on the same rows agrees to 13 significant digits.)
const norris: ReadonlyArray<readonly [number, number]> = [
  [0.1, 0.2],
  [338.8, 337.4],
  [118.1, 118.2],
  [888.0, 884.6],
  [9.2, 10.1],
  [228.1, 226.5],
  [668.5, 666.3],
  [998.5, 996.3],
  [449.1, 448.6],
  [778.9, 777.0],
  [559.2, 558.2],
  [0.3, 0.4],
  [0.1, 0.6],
  [778.1, 775.5],
  [668.8, 666.9],
  [339.3, 338.0],
  [448.9, 447.5],
  [10.8, 11.6],
  [557.7, 556.0],
  [228.3, 228.1],
  [998.0, 995.8],
  [888.8, 887.6],
  [119.6, 120.2],
  [0.3, 0.3],
  [0.6, 0.3],
  [557.6, 556.8],
  [339.3, 339.1],
  [888.0, 887.2],
  [998.5, 999.0],
  [778.9, 779.0],
  [10.2, 11.1],
  [117.6, 118.3],
  [228.9, 229.2],
  [668.4, 669.1],
  [449.2, 448.9],
  [0.2, 0.5],
];

/** Number of leading decimal digits on which `actual` agrees with `certified` (NIST's LRE measure). */
function logRelativeError(actual: number, certified: number): number {
  if (actual === certified) return 16;
  return -Math.log10(Math.abs(actual - certified) / Math.abs(certified));
}

describe('linearRegression', () => {
  it('reproduces the NIST StRD Norris certified values to at least 12 digits', () => {
    const fit = linearRegression(
      norris.map(([, x]) => x),
      norris.map(([y]) => y),
    );
    expect(fit.n).toBe(36);
    expect(fit.df).toBe(34);
    expect(logRelativeError(fit.intercept, -0.262323073774029)).toBeGreaterThan(12);
    expect(logRelativeError(fit.slope, 1.00211681802045)).toBeGreaterThan(12);
    expect(logRelativeError(fit.interceptStderr as number, 0.232818234301152)).toBeGreaterThan(12);
    expect(logRelativeError(fit.slopeStderr as number, 0.429796848199937e-3)).toBeGreaterThan(12);
    expect(logRelativeError(fit.residualStddev as number, 0.884796396144373)).toBeGreaterThan(12);
    expect(logRelativeError(fit.r2, 0.999993745883712)).toBeGreaterThan(12);
  });

  it('fits a line through exact points with zero error', () => {
    // y = 3 + 2x exactly, so slope 2, intercept 3, no residual.
    const fit = linearRegression([1, 2, 3, 4], [5, 7, 9, 11]);
    expect(fit.slope).toBeCloseTo(2, 14);
    expect(fit.intercept).toBeCloseTo(3, 14);
    expect(fit.slopeStderr).toBeCloseTo(0, 14);
    expect(fit.r2).toBeCloseTo(1, 14);
  });

  it('fits two points exactly but leaves the standard errors undefined', () => {
    const fit = linearRegression([0, 10], [1, 21]);
    expect(fit).toMatchObject({ slope: 2, intercept: 1, slopeStderr: null, interceptStderr: null, df: 0 });
  });

  it('gives slope 0 and r2 1 for a constant y', () => {
    const fit = linearRegression([1, 2, 3], [4, 4, 4]);
    expect(fit).toMatchObject({ slope: 0, intercept: 4, slopeStderr: 0, r2: 1 });
  });

  it('rejects mismatched lengths, a single point and a constant x', () => {
    expect(() => linearRegression([1, 2], [1])).toThrow(/same length/);
    expect(() => linearRegression([1], [1])).toThrow(/at least 2 points/);
    expect(() => linearRegression([3, 3, 3], [1, 2, 3])).toThrow(/two different x values/);
  });
});
