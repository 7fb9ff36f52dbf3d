import { describe, expect, it } from 'vitest';
import { assertFiniteSample, sortAscending } from './samples.js';

describe('sample helpers', () => {
  it('sortAscending sorts numerically (not as strings) without touching its input', () => {
    const input = [10, 9, 100, 1];
    expect(sortAscending(input)).toEqual([1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, 1]);
  });

  it('assertFiniteSample names the empty sample or the first bad index', () => {
    expect(() => assertFiniteSample([], 'runs')).toThrow('runs must not be empty');
    expect(() => assertFiniteSample([1, 2, Number.NEGATIVE_INFINITY], 'runs')).toThrow(
      'runs[2] is -Infinity: every measurement must be a finite number',
    );
    expect(() => assertFiniteSample([0, -1, 1e300])).not.toThrow();
  });
});
