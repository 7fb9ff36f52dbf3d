import { describe, expect, it } from 'vitest';
import { gaussian, sampleSeries, sawtooth, seededRandom, syntheticCases } from './synthetic-series.js';

describe('synthetic series', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(syntheticCases(7)).toEqual(syntheticCases(7));
    expect(syntheticCases(7)[0]?.points).not.toEqual(syntheticCases(8)[0]?.points);
  });

  it('draw standard normal noise (mean 0, sd 1 over 20,000 draws)', () => {
    const draw = gaussian(seededRandom(3));
    const xs = Array.from({ length: 20_000 }, draw);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });

  it('sample every 100 ms including both ends, and the sawtooth rises then falls to zero', () => {
    const points = sampleSeries((t) => t, 0, 2, 1);
    expect(points).toHaveLength(21);
    expect(points[20]).toEqual({ t: 2, v: 2 });
    const saw = sawtooth(10, 2);
    expect([saw(0), saw(1), saw(1.99), saw(2)].map((v) => Math.round(v * 100) / 100)).toEqual([
      0, 5, 9.95, 0,
    ]);
  });
});
