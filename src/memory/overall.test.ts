import { describe, expect, it } from 'vitest';
import type { GrowthKind } from './classify.js';
import { anyGrowth, overallVerdict } from './overall.js';
import type { MetricVerdict } from './result.js';
import type { MemoryMetric } from './series.js';

/** Metric verdicts with only the fields the combination reads. */
function metrics(kinds: Partial<Record<MemoryMetric, GrowthKind>>): MetricVerdict[] {
  return Object.entries(kinds).map(([metric, verdict]) => ({
    metric: metric as MemoryMetric,
    label: metric,
    verdict: { verdict, peak: 0, average: 0, final: 0, slopeBytesPerSec: 0, models: [], reason: '' },
  }));
}

describe('overallVerdict', () => {
  it('takes the kind of growth from the V8 figures when one of them grows, whatever RSS says', () => {
    // The demo's unbounded_cache: RSS steps bend into an exponential; the heap grows in a line.
    expect(overallVerdict(metrics({ rss: 'exponential', heapUsed: 'linear', external: 'stable' }))).toBe(
      'linear',
    );
    expect(overallVerdict(metrics({ rss: 'linear', heapUsed: 'stable', external: 'exponential' }))).toBe(
      'exponential',
    );
    expect(overallVerdict(metrics({ rss: 'stable', heapUsed: 'linear', external: 'exponential' }))).toBe(
      'exponential',
    );
  });

  it('lets RSS decide when no V8 figure grows (native leaks, children that are not Node)', () => {
    expect(overallVerdict(metrics({ rss: 'linear', heapUsed: 'stable', external: 'stable' }))).toBe('linear');
    expect(overallVerdict(metrics({ rss: 'exponential' }))).toBe('exponential');
    expect(overallVerdict(metrics({ rss: 'stable', heapUsed: 'insufficient data' }))).toBe('stable');
  });

  it('is insufficient data only when no metric could tell, and for no metrics at all', () => {
    expect(overallVerdict(metrics({ rss: 'insufficient data', heapUsed: 'insufficient data' }))).toBe(
      'insufficient data',
    );
    expect(overallVerdict([])).toBe('insufficient data');
  });
});

describe('anyGrowth', () => {
  it('is true when any metric grows, RSS included', () => {
    expect(anyGrowth(metrics({ rss: 'linear', heapUsed: 'stable' }))).toBe(true);
    expect(anyGrowth(metrics({ rss: 'stable', heapUsed: 'stable', external: 'insufficient data' }))).toBe(
      false,
    );
  });
});
