import { describe, expect, it } from 'vitest';
import { syntheticCases } from '../../test/support/synthetic-series.js';
import { classifyGrowth, type GrowthVerdict } from './classify.js';
import { fitConstant, fitExponential, fitLinear, fitPlateau, type ModelFit } from './fit.js';
import { chosenModel, modelCurve, modelValueAt } from './model-curve.js';
import type { SeriesPoint } from './series.js';

const MB = 1e6;
// Starts at t = 3 so a curve that forgot the origin of the exponential or plateau would be off.
const points: SeriesPoint[] = Array.from({ length: 40 }, (_, i) => {
  const t = 3 + i * 0.5;
  return { t, v: 50 * MB + 2 * MB * 2 ** ((t - 3) / 5) + ((i * 7919) % 13) * 1e4 };
});

/** Residual sum of squares of the curve against the points it was fitted to. */
function sseOfCurve(fit: ModelFit): number {
  const origin = (points[0] as SeriesPoint).t;
  return points.reduce((sum, p) => sum + (p.v - modelValueAt(fit, p.t, origin)) ** 2, 0);
}

describe('modelValueAt', () => {
  it.each([
    ['constant', fitConstant(points)],
    ['linear', fitLinear(points)],
    ['exponential', fitExponential(points)],
    ['plateau', fitPlateau(points)],
  ])('reproduces the %s fit: its residuals are the ones fit.ts reports', (_, fit) => {
    if (fit === null) throw new Error('model not fitted');
    expect(Math.abs(sseOfCurve(fit) - fit.sse) / fit.sse).toBeLessThan(1e-6);
  });

  it('follows each formula exactly', () => {
    const model = (name: ModelFit['name'], params: Record<string, number>): ModelFit => ({
      name,
      params,
      sse: 0,
      r2: 1,
      aicc: 0,
    });
    expect(modelValueAt(model('constant', { levelBytes: 7 }), 100, 3)).toBe(7);
    expect(modelValueAt(model('linear', { interceptBytes: 10, slopeBytesPerSec: 2 }), 5, 3)).toBe(20);
    const exp = model('exponential', { baselineBytes: 100, amplitudeBytes: 10, ratePerSec: Math.LN2 });
    expect(modelValueAt(exp, 4, 3)).toBeCloseTo(120, 9);
    const plateau = model('plateau', { startBytes: 100, slopeBytesPerSec: 5, plateauAtSec: 6 });
    expect(modelValueAt(plateau, 5, 3)).toBe(110);
    expect(modelValueAt(plateau, 60, 3)).toBe(115);
    expect(() => modelValueAt(model('linear', { interceptBytes: 1 }), 1, 0)).toThrow(/slopeBytesPerSec/);
  });
});

describe('modelCurve', () => {
  it('uses two points for straight models, adds the plateau break, and samples the exponential', () => {
    const linear = fitLinear(points);
    expect(modelCurve(linear, 3, 3, 22.5).map((p) => p.t)).toEqual([3, 22.5]);
    const plateau = fitPlateau(points) as ModelFit;
    const at = plateau.params.plateauAtSec as number;
    expect(modelCurve(plateau, 3, 3, 22.5).map((p) => p.t)).toEqual([3, at, 22.5]);
    const curve = modelCurve(fitExponential(points) as ModelFit, 3, 3, 22.5, 10);
    expect(curve).toHaveLength(11);
    expect(curve.at(-1)?.t).toBe(22.5);
  });
});

describe('chosenModel', () => {
  const verdicts = new Map<string, GrowthVerdict>(
    syntheticCases(1, 30).map((c) => [c.name, classifyGrowth(c.points)]),
  );
  const verdictOf = (name: string): GrowthVerdict => {
    const v = verdicts.get(name);
    if (v === undefined) throw new Error(`no synthetic case ${name}`);
    return v;
  };

  it('picks the model named by the verdict', () => {
    expect(chosenModel(verdictOf('slow linear leak'))?.name).toBe('linear');
    expect(chosenModel(verdictOf('exponential, doubling every 5 s'))?.name).toBe('exponential');
    expect(chosenModel(verdictOf('too short'))).toBeUndefined();
  });

  it('describes a run that levelled off with the plateau and a flat one with the constant', () => {
    expect(verdictOf('warm-up then plateau').verdict).toBe('stable');
    expect(chosenModel(verdictOf('warm-up then plateau'))?.name).toBe('plateau');
    expect(chosenModel(verdictOf('flat with noise'))?.name).toBe('constant');
  });
});
