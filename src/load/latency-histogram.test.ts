import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency-histogram.js';

/** mulberry32: a fixed seed, so the latencies (and the test) are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Log-normal latencies around 2 ms with a long tail up to about a second, in ms. */
function latencies(count: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return Math.exp(Math.log(2) + 1.2 * normal);
  });
}

const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

function recorded(values: number[]): LatencyHistogram {
  const histogram = LatencyHistogram.create();
  for (const v of values) histogram.recordMs(v);
  return histogram;
}

describe('LatencyHistogram', () => {
  const runA = latencies(30_000, 1);
  const runB = latencies(7_001, 2).map((v) => v * 3); // a slower run, of another size

  it('merges encoded runs into exactly the histogram of all their values', () => {
    const merged = LatencyHistogram.merge([recorded(runA).encode(), recorded(runB).encode()]);
    const all = recorded([...runA, ...runB]);
    expect(merged.count).toBe(runA.length + runB.length);
    for (const p of PERCENTILES) expect(merged.percentileMs(p), `p${p}`).toBe(all.percentileMs(p));
    expect(merged.summary()).toEqual(all.summary());
  });

  it('reads percentiles within 0.1% above the exact nearest-rank value, to the microsecond', () => {
    const values = [...runA, ...runB];
    const histogram = recorded(values);
    const exactUs = values.map((v) => Math.round(v * 1000)).sort((a, b) => a - b);
    for (const p of PERCENTILES.filter((p) => p > 0)) {
      const rank = Math.ceil((p / 100) * exactUs.length);
      const exact = exactUs[rank - 1] as number;
      const read = Math.round(histogram.percentileMs(p) * 1000);
      expect(read, `p${p}`).toBeGreaterThanOrEqual(exact);
      expect(read - exact, `p${p}`).toBeLessThanOrEqual(exact / 1000);
    }
  });

  it('keeps sub-millisecond latencies to the microsecond', () => {
    const histogram = recorded([0.25, 0.25, 0.3125, 1.5]);
    expect(histogram.percentileMs(50)).toBe(0.25);
    expect(histogram.percentileMs(75)).toBe(0.313);
    expect(histogram.summary()).toEqual({ p50: 0.25, p90: 1.5, p99: 1.5, max: 1.5 });
  });

  it('survives encoding, and merges histograms and encoded text alike', () => {
    const a = recorded(runA);
    const decoded = LatencyHistogram.decode(a.encode());
    expect(decoded.count).toBe(a.count);
    expect(decoded.summary()).toEqual(a.summary());
    const mixed = LatencyHistogram.merge([a, recorded(runB).encode()]);
    expect(mixed.count).toBe(runA.length + runB.length);
    // Compact enough to keep one per run in a results file.
    expect(a.encode().length).toBeLessThan(8000);
  });

  it('reads zeros from an empty histogram or an empty merge', () => {
    expect(LatencyHistogram.create().summary()).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
    expect(LatencyHistogram.merge([]).count).toBe(0);
    expect(LatencyHistogram.decode(LatencyHistogram.create().encode()).count).toBe(0);
  });

  it('says when a text is not an encoded histogram', () => {
    expect(() => LatencyHistogram.decode('not base64!')).toThrow(/not an encoded latency histogram/);
  });
});
