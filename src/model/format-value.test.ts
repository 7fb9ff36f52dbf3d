import { describe, expect, it } from 'vitest';
import { formatValue, groupThousands } from './format-value.js';

describe('formatValue', () => {
  it.each([
    [1_234_000_000, 'nanoseconds', '1.23 s'],
    [45_600_000, 'nanoseconds', '45.6 ms'],
    [789_000, 'nanoseconds', '789 µs'],
    [999_960_000, 'nanoseconds', '1 s'],
    [12, 'nanoseconds', '12 ns'],
    [0, 'nanoseconds', '0 s'],
    [-2_500_000, 'nanoseconds', '-2.5 ms'],
    [1500, 'microseconds', '1.5 ms'],
    [250, 'milliseconds', '250 ms'],
    [1.5e6, 'bytes', '1.5 MB'],
    [512, 'bytes', '512 B'],
    [2048, 'bytes', '2.05 KB'],
    [3e9, 'bytes', '3 GB'],
    [1234, 'count', '1,234 samples'],
    [1, 'count', '1 sample'],
    [42, 'widgets', '42 widgets'],
  ])('%d %s -> %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('groupThousands', () => {
  it('writes what Intl.NumberFormat en-US writes with no fraction digits', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const value of [
      0,
      7,
      999,
      1000,
      1234.4,
      1234.5,
      999_999.6,
      12_345_678,
      -1234,
      -1_000_000,
      2 ** 40,
    ]) {
      expect(groupThousands(value), String(value)).toBe(intl.format(value));
    }
  });
});
