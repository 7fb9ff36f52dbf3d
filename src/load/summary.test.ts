// A server's load line in the terminal summaries (summary.ts formatLoad), counts in the right number.
import { describe, expect, it } from 'vitest';
import { formatLoad, type LoadSummary } from './summary.js';

const load = (requests: number, errors: number): LoadSummary => ({
  kind: 'http',
  port: 3000,
  readyMs: 120,
  durationMs: 10_000,
  requests,
  errors,
  timeouts: 0,
  non2xx: 0,
  rps: requests / 10,
});

describe('formatLoad', () => {
  it('counts requests and errors', () => {
    expect(formatLoad(load(21_400, 3))).toBe(
      'load: 21,400 requests in 10.0 s, 2,140 req/s, 3 errors, 0 non-2xx',
    );
  });

  it('says "1 request" and "1 error", not "1 requests" and "1 errors"', () => {
    expect(formatLoad(load(1, 1))).toBe('load: 1 request in 10.0 s, 0 req/s, 1 error, 0 non-2xx');
  });
});
