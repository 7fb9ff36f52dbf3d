import { describe, expect, it } from 'vitest';
import { evaluateTarget, warnBound } from './targets.js';

describe('evaluateTarget (pass <= limit < warn <= limit * (1 + tolerance) < fail)', () => {
  it.each([
    [90, 'pass'],
    [100, 'pass'], // exactly at the limit passes
    [100.0001, 'warn'],
    [105, 'warn'],
    [110, 'warn'], // exactly at the warn bound warns: 100 * (1 + 0.1)
    [110.0001, 'fail'],
    [250, 'fail'],
  ] as const)('measured %d against limit 100, tolerance 10 percent -> %s', (measured, verdict) => {
    expect(evaluateTarget(measured, 100, 0.1)).toBe(verdict);
  });

  it('has no warn band when the tolerance is 0', () => {
    expect(evaluateTarget(100, 100, 0)).toBe('pass');
    expect(evaluateTarget(100.0001, 100, 0)).toBe('fail');
  });

  it('warns, not fails, exactly at a warn bound that binary floating point rounds down', () => {
    // 0.3 + 0.3 * 0.1 evaluates to 0.32999999999999996 in doubles (Python: 0.3 + 0.3 * 0.1), while the
    // user's bound, 0.33 s, is the double nearest to the exact product. Likewise 0.7 s with 15% -> 0.805.
    expect(0.3 + 0.3 * 0.1).toBeLessThan(0.33);
    expect(evaluateTarget(0.33, 0.3, 0.1)).toBe('warn');
    expect(evaluateTarget(0.805, 0.7, 0.15)).toBe('warn');
    expect(evaluateTarget(0.3300001, 0.3, 0.1)).toBe('fail');
  });

  it('puts the warn band above a negative limit as well', () => {
    expect(warnBound(-10, 0.5)).toBe(-5);
    expect(evaluateTarget(-12, -10, 0.5)).toBe('pass');
    expect(evaluateTarget(-6, -10, 0.5)).toBe('warn');
    expect(evaluateTarget(-4, -10, 0.5)).toBe('fail');
  });

  it('treats a zero limit strictly: only 0 or less passes, and the band is empty', () => {
    expect(evaluateTarget(0, 0, 0.5)).toBe('pass');
    expect(evaluateTarget(1e-9, 0, 0.5)).toBe('fail');
  });

  it('rejects what cannot be judged: non-finite values and a negative tolerance', () => {
    expect(() => evaluateTarget(Number.NaN, 100, 0.1)).toThrow(/measured value must be a finite number/);
    expect(() => evaluateTarget(1, Number.POSITIVE_INFINITY, 0.1)).toThrow(/limit/);
    expect(() => evaluateTarget(1, 100, -0.1)).toThrow(/tolerance/);
    expect(() => evaluateTarget(1, 100, Number.NaN)).toThrow(/tolerance/);
  });
});

describe('evaluateTarget with a min (pass >= limit > warn >= limit * (1 - tolerance) > fail)', () => {
  it.each([
    [1200, 'pass'],
    [1000, 'pass'], // exactly at the limit passes
    [999.999, 'warn'],
    [950, 'warn'],
    [900, 'warn'], // exactly at the warn bound warns: 1000 * (1 - 0.1)
    [899.999, 'fail'],
    [10, 'fail'],
  ] as const)('measured %d req/s against min 1000, tolerance 10 percent -> %s', (measured, verdict) => {
    expect(evaluateTarget(measured, 1000, 0.1, 'min')).toBe(verdict);
  });

  it('puts the warn band below the limit, and none with tolerance 0', () => {
    expect(warnBound(1000, 0.1, 'min')).toBe(900);
    expect(warnBound(1000, 0.1, 'max')).toBe(1100);
    expect(evaluateTarget(1000, 1000, 0, 'min')).toBe('pass');
    expect(evaluateTarget(999.9999, 1000, 0, 'min')).toBe('fail');
  });

  it('warns, not fails, exactly at a warn bound that binary floating point rounds up', () => {
    // 1.1 - 1.1 * 0.1 is 0.9900000000000001 in doubles (Python: 1.1 - 1.1 * 0.1); 0.99 must warn.
    expect(1.1 - 1.1 * 0.1).toBeGreaterThan(0.99);
    expect(evaluateTarget(0.99, 1.1, 0.1, 'min')).toBe('warn');
    expect(evaluateTarget(0.9899999, 1.1, 0.1, 'min')).toBe('fail');
  });

  it('widens a negative min downwards too, and rejects what cannot be judged', () => {
    expect(warnBound(-10, 0.5, 'min')).toBe(-15);
    expect(evaluateTarget(-12, -10, 0.5, 'min')).toBe('warn');
    expect(evaluateTarget(-16, -10, 0.5, 'min')).toBe('fail');
    expect(() => evaluateTarget(Number.NaN, 1000, 0.1, 'min')).toThrow(/finite/);
  });
});
