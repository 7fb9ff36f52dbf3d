import { describe, expect, it } from 'vitest';
import { niceAxis } from './chart-ticks.js';

describe('niceAxis', () => {
  it('extends the range to round ticks of 1, 2 or 5 times a power of ten', () => {
    expect(niceAxis(0, 30.1, 6)).toMatchObject({
      min: 0,
      max: 35,
      step: 5,
      ticks: [0, 5, 10, 15, 20, 25, 30, 35],
    });
    expect(niceAxis(48.3, 71.9, 6)).toMatchObject({ min: 45, max: 75, ticks: [45, 50, 55, 60, 65, 70, 75] });
    expect(niceAxis(0, 1, 5).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceAxis(1200, 9800, 4).ticks).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
  });

  it('prints decimals only where the step needs them, without float noise', () => {
    const axis = niceAxis(0.1, 0.7, 6);
    expect(axis.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(axis.decimals).toBe(1);
    expect(niceAxis(0, 100, 5).decimals).toBe(0);
  });

  it('keeps a tick on each end when the data sit on a tick', () => {
    expect(niceAxis(10, 20, 5)).toMatchObject({ min: 10, max: 20 });
  });

  it('widens degenerate ranges', () => {
    expect(niceAxis(0, 0).ticks.length).toBeGreaterThan(1);
    const flat = niceAxis(50, 50);
    expect(flat.min).toBeLessThan(50);
    expect(flat.max).toBeGreaterThan(50);
    expect(niceAxis(Number.NaN, Number.NaN).max).toBeGreaterThan(niceAxis(Number.NaN, Number.NaN).min);
    expect(niceAxis(5, 1)).toMatchObject(niceAxis(1, 5));
  });
});
