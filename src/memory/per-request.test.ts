import { describe, expect, it } from 'vitest';
import { leakingExample, serverLeakExample } from '../../test/support/memory-examples.js';
import { aboutBytes, leakPerRequest, leakPerRequestSentence, per1kRequests } from './per-request.js';
import type { MetricVerdict } from './result.js';

describe('aboutBytes', () => {
  it('gives two significant figures in decimal units', () => {
    expect([1_949_000, 2_000_000, 190_400, 19_040, 1_904, 9_960, 850, 0].map(aboutBytes)).toEqual([
      '1.9 MB',
      '2.0 MB',
      '190 KB',
      '19 KB',
      '1.9 KB',
      '10 KB',
      '850 B',
      '0 B',
    ]);
  });
});

describe('leakPerRequest', () => {
  it('names the V8 heap before RSS for a server that leaks per request', () => {
    const result = serverLeakExample();
    expect(leakPerRequest(result.metrics)?.metric).toBe('heapUsed');
    expect(leakPerRequestSentence(result.metrics)).toMatch(
      /^V8 heap used grows about 2\.0 MB per 1,000 requests$/,
    );
  });

  it('says nothing without a load, or when nothing grows linearly', () => {
    expect(leakPerRequestSentence(leakingExample().metrics)).toBeUndefined();
    const stable = serverLeakExample().metrics.map(
      (m): MetricVerdict => ({ ...m, verdict: { ...m.verdict, verdict: 'stable' } }),
    );
    expect(leakPerRequest(stable)).toBeUndefined();
  });

  it('writes the figure beside a per-second rate', () => {
    expect(per1kRequests(1_950_000)).toBe('+1.95 MB per 1,000 requests');
    expect(per1kRequests(-336)).toBe('-336 B per 1,000 requests');
  });
});
