import { describe, expect, it } from 'vitest';
import { sampleSeries } from '../../test/support/synthetic-series.js';
import { fitConstant, fitExponential, fitLinear, fitPlateau } from './fit.js';

const MB = 1e6;
const at = (shape: (t: number) => number) =>
  Array.from({ length: 25 }, (_, i) => ({ t: 5 + i, v: shape(5 + i) }));

describe('fitConstant and fitLinear', () => {
  it('recover an exact line, with R² 1 for the line and 0 for the constant', () => {
    const points = at((t) => 10 * MB + 0.25 * MB * t);
    const line = fitLinear(points);
    expect(line.params.slopeBytesPerSec).toBeCloseTo(0.25 * MB, 3);
    expect(line.params.interceptBytes).toBeCloseTo(10 * MB, 1);
    expect(line.r2).toBeCloseTo(1, 12);
    const constant = fitConstant(points);
    expect(constant.params.levelBytes).toBeCloseTo(10 * MB + 0.25 * MB * 17, 1);
    expect(constant.r2).toBe(0);
    expect(line.aicc).toBeLessThan(constant.aicc);
  });

  it('AICc = n ln(SSE/n) + 2k + 2k(k+1)/(n-k-1), counting the noise variance as a parameter', () => {
    const points = [1, 3, 2, 5, 4, 6].map((v, t) => ({ t, v }));
    const line = fitLinear(points);
    const k = 3;
    const n = 6;
    expect(line.aicc).toBeCloseTo(n * Math.log(line.sse / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1), 12);
    // Slope of least squares through these points: Sxy / Sxx = 15.5 / 17.5.
    expect(line.params.slopeBytesPerSec).toBeCloseTo(15.5 / 17.5, 12);
  });
});

describe('fitExponential', () => {
  it('recovers baseline, amplitude and rate of an exact exponential on a baseline', () => {
    const rate = Math.LN2 / 5;
    const fit = fitExponential(at((t) => 40 * MB + 2 * MB * Math.exp(rate * (t - 5))));
    expect(fit?.params.ratePerSec).toBeCloseTo(rate, 6);
    expect(fit?.params.doublingTimeSec).toBeCloseTo(5, 4);
    expect(fit?.params.baselineBytes).toBeCloseTo(40 * MB, -2);
    expect(fit?.params.amplitudeBytes).toBeCloseTo(2 * MB, -2);
    expect(fit?.r2).toBeCloseTo(1, 9);
  });

  it('beats the straight line by a wide AICc margin on noisy exponential data', () => {
    const points = sampleSeries((t) => 40 * MB + 2 * MB * 2 ** (t / 5), 0.5 * MB, 30, 9).filter(
      (_, i) => i % 10 === 0,
    );
    const exp = fitExponential(points);
    expect(exp?.aicc).toBeLessThan(fitLinear(points).aicc - 20);
  });

  it('is null for decaying data and for too few points', () => {
    expect(fitExponential(at((t) => 50 * MB - 2 * MB * Math.exp(0.1 * t)))).toBeNull();
    expect(fitExponential(at((t) => t).slice(0, 3))).toBeNull();
  });
});

describe('fitPlateau', () => {
  it('finds where growth stopped and the slope before it', () => {
    const fit = fitPlateau(at((t) => 30 * MB + 0.5 * MB * (Math.min(t, 14) - 5)));
    expect(fit?.params.plateauAtSec).toBe(14);
    expect(fit?.params.slopeBytesPerSec).toBeCloseTo(0.5 * MB, 3);
    expect(fit?.params.startBytes).toBeCloseTo(30 * MB, 1);
    expect(fit?.r2).toBeCloseTo(1, 12);
  });

  it('fits a straight line no better than the line itself, so AICc prefers the line', () => {
    const points = sampleSeries((t) => 30 * MB + 0.2 * MB * t, 0.1 * MB, 30, 2).filter(
      (_, i) => i % 10 === 0,
    );
    const plateau = fitPlateau(points);
    const line = fitLinear(points);
    expect(plateau?.aicc).toBeGreaterThan(line.aicc - 6);
  });

  it('is null below five points', () => {
    expect(fitPlateau(at((t) => t).slice(0, 4))).toBeNull();
  });
});
