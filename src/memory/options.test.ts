import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFY_OPTIONS, resolveClassifyOptions } from './options.js';

describe('resolveClassifyOptions', () => {
  it('fills every option from the defaults, skipping undefined values', () => {
    expect(resolveClassifyOptions()).toEqual(DEFAULT_CLASSIFY_OPTIONS);
    expect(resolveClassifyOptions({ alpha: 0.05, warmupFraction: undefined })).toEqual({
      ...DEFAULT_CLASSIFY_OPTIONS,
      alpha: 0.05,
    });
  });

  it('does not let a caller change the shared defaults', () => {
    const options = resolveClassifyOptions();
    options.alpha = 0.5;
    expect(DEFAULT_CLASSIFY_OPTIONS.alpha).toBe(0.01);
    expect(Object.isFrozen(DEFAULT_CLASSIFY_OPTIONS)).toBe(true);
  });

  it.each([
    [{ minPoints: 2.5 }, /minPoints = 2.5: must be an integer >= 3/],
    [{ warmupFraction: 1 }, /warmupFraction = 1: must be in \[0, 1\)/],
    [{ confidence: Number.NaN }, /confidence = NaN/],
    [{ minExponentialRateFactor: 0.5 }, /minExponentialRateFactor = 0.5: must be >= 1/],
  ])('rejects %o with a message naming the option', (partial, message) => {
    expect(() => resolveClassifyOptions(partial)).toThrow(message);
  });
});
