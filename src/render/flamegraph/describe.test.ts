import { describe, expect, it } from 'vitest';
import { formatValue } from '../../model/format-value.js';
import { formatAmount, percent } from './describe.js';

describe('formatAmount', () => {
  it('names what a plain count counts: samples, or objects in heap profiles', () => {
    const samples = { type: 'samples', unit: 'count' };
    const objects = { type: 'inuse_objects', unit: 'count' };
    expect(formatAmount(1, samples)).toMatch(/^1 sample$/);
    expect(formatAmount(3, samples)).toMatch(/^3 samples$/);
    expect(formatAmount(2, objects)).toMatch(/^2 objects$/);
  });

  it('leaves time and bytes to formatValue', () => {
    expect(formatAmount(1.5e9, { type: 'wall', unit: 'nanoseconds' })).toBe(
      formatValue(1.5e9, 'nanoseconds'),
    );
    expect(formatAmount(2048, { type: 'space', unit: 'bytes' })).toBe(formatValue(2048, 'bytes'));
  });

  it('writes shares with two decimals and survives an empty total', () => {
    expect(percent(1, 3)).toBe('33.33%');
    expect(percent(0, 0)).toBe('0.00%');
  });
});
