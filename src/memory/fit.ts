/**
 * Least-squares fits of the growth models the classifier compares, with the figures that let a
 * reader judge them (R², AICc, residual sum of squares). Each model is linear in all parameters but
 * at most one (the exponential's rate, the plateau's break time), so each fit is exact ordinary least
 * squares inside a one-dimensional search over that parameter: no general optimiser, no start values
 * that could make the result depend on luck.
 */
import type { SeriesPoint } from './series.js';

/** Names of the fitted models; docs/memory-method.md describes each. */
export type ModelName = 'constant' | 'linear' | 'exponential' | 'plateau';

/** One fitted model with its parameters and goodness-of-fit figures. */
export interface ModelFit {
  name: ModelName;
  /** Parameters in bytes, seconds and 1/s; names are self-describing (`slopeBytesPerSec`, ...). */
  params: Record<string, number>;
  /** Residual sum of squares, bytes² (not "rss", which means resident set size in this project). */
  sse: number;
  /** Coefficient of determination against the mean. */
  r2: number;
  /** Akaike's criterion with the small-sample correction; lower is better, only differences matter. */
  aicc: number;
}

interface Line {
  a: number;
  b: number;
  sse: number;
}

/** Ordinary least squares y = a + b x, centred for numerical stability; b = 0 when x is constant. */
function leastSquaresLine(xs: readonly number[], ys: readonly number[]): Line {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  const a = my - b * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] as number) - a - b * (xs[i] as number);
    sse += r * r;
  }
  return { a, b, sse };
}

/** Builds the reported figures; `paramCount` excludes the noise variance, which is added here. */
function describe(
  name: ModelName,
  params: Record<string, number>,
  sse: number,
  ys: readonly number[],
  paramCount: number,
): ModelFit {
  const n = ys.length;
  const mean = ys.reduce((s, y) => s + y, 0) / n;
  const sst = ys.reduce((s, y) => s + (y - mean) ** 2, 0);
  // A perfect fit would give log(0); a floor at a billionth of the level keeps AICc finite and
  // still far below any fit with real residuals.
  const floor = n * (1e-9 * (Math.abs(mean) + 1)) ** 2;
  const k = paramCount + 1;
  const aicc =
    n - k - 1 > 0
      ? n * Math.log(Math.max(sse, floor) / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1)
      : Number.POSITIVE_INFINITY;
  return { name, params, sse, r2: sst > 0 ? 1 - sse / sst : 1, aicc };
}

/** No growth: v = level. The reference every growth model must beat. */
export function fitConstant(points: readonly SeriesPoint[]): ModelFit {
  const ys = points.map((p) => p.v);
  const line = leastSquaresLine(
    ys.map(() => 0),
    ys,
  );
  return describe('constant', { levelBytes: line.a }, line.sse, ys, 1);
}

/** Steady leak: v = intercept + slope * t (least squares; the verdict's slope is Theil–Sen's). */
export function fitLinear(points: readonly SeriesPoint[]): ModelFit {
  const ys = points.map((p) => p.v);
  const line = leastSquaresLine(
    points.map((p) => p.t),
    ys,
  );
  return describe('linear', { interceptBytes: line.a, slopeBytesPerSec: line.b }, line.sse, ys, 2);
}

/** Golden-section minimum of f on [lo, hi]; f is the residual sum of a one-parameter profile. */
function goldenMinimum(f: (x: number) => number, lo: number, hi: number, iterations = 60): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < iterations; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Compounding growth on a baseline: v = baseline + amplitude * exp(rate * (t - t0)), t0 the first
 * point's time. For each rate the other two parameters are least squares; the rate is found on a
 * log-spaced grid (growth factors from 1.01 to e^20 across the points) refined by golden section.
 * Returns null unless the best fit grows (amplitude > 0): a decaying curve is not exponential growth.
 */
export function fitExponential(points: readonly SeriesPoint[]): ModelFit | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || last.t <= first.t || points.length < 4) return null;
  const t0 = first.t;
  const span = last.t - t0;
  const ys = points.map((p) => p.v);
  const lineAt = (rate: number): Line =>
    leastSquaresLine(
      points.map((p) => Math.exp(rate * (p.t - t0))),
      ys,
    );
  const gridSize = 80;
  const kMin = 0.01 / span;
  const kMax = 20 / span;
  const grid = Array.from({ length: gridSize }, (_, i) => kMin * (kMax / kMin) ** (i / (gridSize - 1)));
  let best = 0;
  let bestSse = Number.POSITIVE_INFINITY;
  grid.forEach((k, i) => {
    const sse = lineAt(k).sse;
    if (sse < bestSse) {
      bestSse = sse;
      best = i;
    }
  });
  const lo = grid[Math.max(0, best - 1)] as number;
  const hi = grid[Math.min(gridSize - 1, best + 1)] as number;
  const rate = goldenMinimum((k) => lineAt(k).sse, lo, hi);
  const fit = lineAt(rate);
  if (!(fit.b > 0)) return null;
  return describe(
    'exponential',
    { baselineBytes: fit.a, amplitudeBytes: fit.b, ratePerSec: rate, doublingTimeSec: Math.LN2 / rate },
    fit.sse,
    ys,
    3,
  );
}

/**
 * Growth that stops: v = start + slope * (min(t, plateauAt) - t0), the "broken stick" of a warm-up
 * that fills caches then levels off. The break is searched over the points' own times, keeping at
 * least two points on each side, so the fit is exact for the best break among them.
 */
export function fitPlateau(points: readonly SeriesPoint[]): ModelFit | null {
  if (points.length < 5) return null;
  const t0 = (points[0] as SeriesPoint).t;
  const ys = points.map((p) => p.v);
  let best: { line: Line; at: number } | null = null;
  for (let i = 1; i < points.length - 2; i++) {
    const at = (points[i] as SeriesPoint).t;
    const line = leastSquaresLine(
      points.map((p) => Math.min(p.t, at) - t0),
      ys,
    );
    if (best === null || line.sse < best.line.sse) best = { line, at };
  }
  if (best === null) return null;
  return describe(
    'plateau',
    { startBytes: best.line.a, slopeBytesPerSec: best.line.b, plateauAtSec: best.at },
    best.line.sse,
    ys,
    3,
  );
}
