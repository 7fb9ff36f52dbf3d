import { describe, expect, it } from 'vitest';
import { adjustBenjaminiHochberg } from './adjust.js';
import { welchPValue } from './welch.js';

describe('adjustBenjaminiHochberg', () => {
  it("matches R's p.adjust(p, 'BH')", () => {
    // By the definition (what R computes for p.adjust(p, "BH")): sorted, p(i) * 8 / i, running minimum from the top.
    const p = [0.042, 0.001, 0.205, 0.039, 0.06, 0.008, 0.074, 0.041];
    const expected = [0.0672, 0.008, 0.205, 0.0672, 0.08, 0.032, (8 / 7) * 0.074, 0.0672];
    for (const [i, value] of adjustBenjaminiHochberg(p).entries()) {
      expect(value).toBeCloseTo(expected[i] as number, 12);
    }
  });

  it('caps at 1, keeps ties equal and takes an empty list', () => {
    expect(adjustBenjaminiHochberg([0.9, 0.9, 0.9])).toEqual([0.9, 0.9, 0.9]);
    expect(adjustBenjaminiHochberg([0.6, 0.8])).toEqual([0.8, 0.8]);
    expect(adjustBenjaminiHochberg([1, 0.99])).toEqual([1, 1]);
    expect(adjustBenjaminiHochberg([])).toEqual([]);
  });
});

describe('welchPValue', () => {
  it("reproduces R's t.test on the sleep data", () => {
    const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    expect(welchPValue(group2, group1)).toBeCloseTo(0.07939, 5);
  });

  it('decides constant samples exactly and accepts a zero mean', () => {
    expect(welchPValue([0, 0, 0], [0, 0, 0])).toBe(1);
    expect(welchPValue([0, 0, 0], [5, 5, 5])).toBe(0);
    expect(welchPValue([0, 0, 0], [5, 6, 7])).toBeLessThan(0.05);
    expect(() => welchPValue([1], [1, 2])).toThrow(/at least 2 runs/);
  });
});
