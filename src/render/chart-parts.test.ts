import { describe, expect, it } from 'vitest';
import { decimate, fitWidth, layoutLegend, legendMarkup, num } from './chart-parts.js';

describe('num', () => {
  it('rounds to one decimal and never prints -0', () => {
    expect(num(12.345)).toBe('12.3');
    expect(num(-0.04)).toBe('0');
    expect(num(7)).toBe('7');
  });
});

describe('fitWidth', () => {
  it('squeezes only text estimated wider than the room', () => {
    expect(fitWidth('short', 6, 100)).toBe('');
    expect(fitWidth('x'.repeat(20), 6, 100)).toBe(' textLength="100" lengthAdjust="spacingAndGlyphs"');
  });
});

describe('decimate', () => {
  const xOf = (t: number): number => t; // one pixel per second

  it('leaves short series alone', () => {
    const points = [
      { t: 0, v: 1 },
      { t: 0.5, v: 2 },
    ];
    expect(decimate(points, xOf, 10)).toBe(points);
  });

  it('keeps first, lowest, highest and last of each pixel column, in time order', () => {
    const points = [0, 0.2, 0.4, 0.6, 0.8, 1, 1.5].map((t, i) => ({
      t,
      v: [5, 9, 1, 4, 6, 3, 3][i] as number,
    }));
    expect(decimate(points, xOf, 2).map((p) => [p.t, p.v])).toEqual([
      [0, 5],
      [0.2, 9],
      [0.4, 1],
      [0.8, 6],
      [1, 3],
      [1.5, 3],
    ]);
  });
});

describe('layoutLegend', () => {
  const entries = ['alpha', 'beta', 'a much longer label'].map((label) => ({
    swatch: 'stroke="#000"',
    label,
  }));

  it('places entries in one row when they fit', () => {
    const { items, rows } = layoutLegend(entries, 10, 1000);
    expect(rows).toBe(1);
    expect(items.map((i) => i.x)).toEqual([10, 10 + 28 + 5 * 6.2 + 18, 10 + 2 * (28 + 18) + 9 * 6.2]);
  });

  it('wraps onto new rows, never leaving a row empty', () => {
    const { items, rows } = layoutLegend(entries, 0, 60);
    expect(rows).toBe(3);
    expect(items.map((i) => [i.x, i.row])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
  });

  it('writes a swatch and an escaped label per entry', () => {
    const { items } = layoutLegend([{ swatch: 'stroke="red"', label: 'a<b' }], 0, 100);
    expect(legendMarkup(items, 50)).toEqual([
      '<line x1="0" y1="46" x2="22" y2="46" stroke="red"/>',
      '<text x="28" y="50">a&lt;b</text>',
    ]);
  });
});
