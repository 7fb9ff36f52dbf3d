/**
 * Axis ticks at round numbers (1, 2 or 5 times a power of ten) for the SVG charts, with the axis
 * extended to the ticks on either side of the data.
 *
 * Hand-written in 30 lines rather than taken from d3-array's `ticks`/`nice`: d3-array is only a
 * transitive dependency here (of 0x), and the step rule below is the same one (Heckbert's
 * "nice numbers", with d3's sqrt(50)/sqrt(10)/sqrt(2) thresholds).
 */

/** A linear axis: its ends (both on a tick), the ticks, and the decimals that print them exactly. */
export interface NiceAxis {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  decimals: number;
}

/** About `count` round ticks covering [min, max]; a zero-width or non-finite range is widened first. */
export function niceAxis(min: number, max: number, count = 6): NiceAxis {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : lo + 1;
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1;
  const step = factor * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  // Rounded to the step's decimals so 0.1 + 0.2 prints as 0.3, and ends sit exactly on ticks.
  const round = (v: number): number => Number(v.toFixed(Math.min(20, decimals)));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => round((first + i) * step));
  return { min: ticks[0] as number, max: ticks[ticks.length - 1] as number, step, ticks, decimals };
}
