import { describe, expect, it } from 'vitest';
import { sampleSeries } from './synthetic-series.js';
import { verdictSettling } from './verdict-settling.js';

const MB = 1e6;

describe('verdictSettling', () => {
  it('a flat series settles on stable as soon as it is long enough to judge (minDurationSec)', () => {
    const settling = verdictSettling(sampleSeries(() => 50 * MB, 0.2 * MB, 12, 1));
    expect(settling).toEqual({ verdict: 'stable', settledAtSec: 5, changes: 1 });
  });

  it('a strong leak settles on linear, and later with a stricter growth threshold', () => {
    const points = sampleSeries((t) => 50 * MB + 0.5 * MB * t, 0.2 * MB, 15, 2);
    const quick = verdictSettling(points);
    expect(quick.verdict).toBe('linear');
    const strict = verdictSettling(points, { minAbsoluteGrowthBytes: 6 * MB });
    expect(strict.verdict).toBe('linear');
    expect(strict.settledAtSec).toBeGreaterThan(quick.settledAtSec);
  });

  it('refuses an empty series', () => {
    expect(() => verdictSettling([])).toThrow(RangeError);
  });
});
