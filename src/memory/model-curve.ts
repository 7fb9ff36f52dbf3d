/**
 * The fitted growth models as curves: which model stands behind a verdict, and its value at a time.
 * fit.ts keeps only each model's parameters; charts need the curve itself, drawn over the series.
 */
import type { GrowthVerdict } from './classify.js';
import type { ModelFit } from './fit.js';

/**
 * The model that describes a verdict: the linear fit for linear growth, the exponential for
 * exponential growth, and for a stable run whichever of the constant and the plateau (growth that
 * levelled off) fits the post-GC floor better by AICc. Undefined for insufficient data, or when the
 * model was not fitted.
 */
export function chosenModel(verdict: GrowthVerdict): ModelFit | undefined {
  const byName = (name: ModelFit['name']) => verdict.models.find((m) => m.name === name);
  switch (verdict.verdict) {
    case 'linear':
      return byName('linear');
    case 'exponential':
      return byName('exponential');
    case 'stable': {
      const constant = byName('constant');
      const plateau = byName('plateau');
      if (constant === undefined || plateau === undefined) return constant ?? plateau;
      return plateau.aicc < constant.aicc ? plateau : constant;
    }
    default:
      return undefined;
  }
}

const param = (fit: ModelFit, name: string): number => {
  const value = fit.params[name];
  if (value === undefined) throw new Error(`the ${fit.name} model has no parameter ${name}`);
  return value;
};

/**
 * The model's value (bytes) at time `t` (seconds). `originSec` is the time of the first point the
 * model was fitted to (the first envelope point): the exponential and the plateau count time from it,
 * the constant and the linear model use absolute time, exactly as fit.ts defines them.
 */
export function modelValueAt(fit: ModelFit, t: number, originSec: number): number {
  switch (fit.name) {
    case 'constant':
      return param(fit, 'levelBytes');
    case 'linear':
      return param(fit, 'interceptBytes') + param(fit, 'slopeBytesPerSec') * t;
    case 'exponential':
      return (
        param(fit, 'baselineBytes') +
        param(fit, 'amplitudeBytes') * Math.exp(param(fit, 'ratePerSec') * (t - originSec))
      );
    case 'plateau':
      return (
        param(fit, 'startBytes') +
        param(fit, 'slopeBytesPerSec') * (Math.min(t, param(fit, 'plateauAtSec')) - originSec)
      );
  }
}

/**
 * Points `{ t, v }` tracing the model from `fromSec` to `toSec`: the two ends for straight models,
 * the break added for the plateau, `steps` + 1 even steps for the exponential's curve.
 */
export function modelCurve(
  fit: ModelFit,
  originSec: number,
  fromSec: number,
  toSec: number,
  steps = 48,
): { t: number; v: number }[] {
  let times: number[];
  if (fit.name === 'exponential') {
    times = Array.from({ length: steps + 1 }, (_, i) => fromSec + ((toSec - fromSec) * i) / steps);
  } else if (fit.name === 'plateau') {
    const at = param(fit, 'plateauAtSec');
    times = at > fromSec && at < toSec ? [fromSec, at, toSec] : [fromSec, toSec];
  } else {
    times = [fromSec, toSec];
  }
  return times.map((t) => ({ t, v: modelValueAt(fit, t, originSec) }));
}
