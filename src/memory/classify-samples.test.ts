import { describe, expect, it } from 'vitest';
import { gaussian, seededRandom } from '../../test/support/synthetic-series.js';
import { classifySamples, countRate } from './classify-samples.js';
import type { MemorySample } from './series.js';

const MB = 1e6;

/** 30 s of 100 ms samples: 50 iterations/s, the heap leaking 2 KB per iteration, RSS flat. */
function leakyRun(seed: number): MemorySample[] {
  const noise = gaussian(seededRandom(seed));
  return Array.from({ length: 301 }, (_, i) => {
    const t = i / 10;
    const iteration = Math.floor(50 * t);
    return {
      t,
      rss: 120 * MB + 0.3 * MB * noise(),
      heapUsed: 30 * MB + 2e3 * iteration + 0.1 * MB * noise(),
      iteration,
    };
  });
}

describe('classifySamples', () => {
  it('classifies the chosen metric and gives growth per reported iteration', () => {
    const samples = leakyRun(1);
    const heap = classifySamples(samples, 'heapUsed');
    expect(heap.verdict).toBe('linear');
    expect(heap.slopeBytesPerSec).toBeGreaterThan(90e3);
    expect(heap.slopeBytesPerSec).toBeLessThan(110e3);
    expect(heap.slopeBytesPerIteration).toBeGreaterThan(1.8e3);
    expect(heap.slopeBytesPerIteration).toBeLessThan(2.2e3);
    expect(classifySamples(samples, 'rss').verdict).toBe('stable');
  });

  it('leaves growth per iteration out when the workload reports no iterations', () => {
    const samples = leakyRun(2).map(({ iteration: _, ...rest }) => rest);
    const verdict = classifySamples(samples, 'heapUsed');
    expect(verdict.verdict).toBe('linear');
    expect(verdict.slopeBytesPerIteration).toBeUndefined();
  });

  it("gives growth per 1,000 requests of a server's load, which starts after start-up", () => {
    // A server ready at 1.5 s, then 400 responses/s; its heap keeps 2 KB per request (800 KB/s).
    const noise = gaussian(seededRandom(4));
    const samples: MemorySample[] = Array.from({ length: 201 }, (_, i) => {
      const t = i / 10;
      const requests = Math.round(400 * Math.max(0, t - 1.5));
      return {
        t,
        rss: 90 * MB + 0.3 * MB * noise(),
        heapUsed: 12 * MB + 2e3 * requests + 0.1 * MB * noise(),
        requests,
      };
    });
    const heap = classifySamples(samples, 'heapUsed');
    expect(heap.verdict).toBe('linear');
    expect(heap.slopeBytesPer1kRequests).toBeGreaterThan(1.9e6);
    expect(heap.slopeBytesPer1kRequests).toBeLessThan(2.1e6);
    expect(heap.slopeBytesPerIteration).toBeUndefined();
    const rss = classifySamples(samples, 'rss');
    expect(rss.verdict).toBe('stable');
    // A stable metric still has its (small) figure per request, beside its rate per second.
    expect(Math.abs(rss.slopeBytesPer1kRequests ?? Number.NaN)).toBeLessThan(0.2e6);
  });

  it('gives no rate per request or iteration for insufficient data', () => {
    const samples: MemorySample[] = [0, 0.1, 0.2].map((t) => ({ t, rss: MB, requests: t * 1000 }));
    expect(classifySamples(samples, 'rss').slopeBytesPer1kRequests).toBeUndefined();
  });

  it('says insufficient data for a metric the samples do not carry', () => {
    const samples = leakyRun(3).map(({ heapUsed: _, ...rest }) => rest);
    expect(classifySamples(samples, 'heapUsed').verdict).toBe('insufficient data');
  });
});

describe("countRate of the probe's iterations", () => {
  it('is the iterations per second after the given time, robust to a stall', () => {
    const samples: MemorySample[] = Array.from({ length: 100 }, (_, i) => ({
      t: i / 10,
      rss: MB,
      iteration: i >= 40 && i < 45 ? 400 : 100 * i,
    }));
    expect(countRate(samples, 'iteration', 2)).toBeCloseTo(1000, 6);
  });

  it('is undefined without progress or without two timed counts', () => {
    expect(countRate([{ t: 0, rss: 1, iteration: 5 }], 'iteration', 0)).toBeUndefined();
    expect(
      countRate(
        [
          { t: 0, rss: 1, iteration: 5 },
          { t: 1, rss: 1, iteration: 5 },
        ],
        'iteration',
        0,
      ),
    ).toBeUndefined();
  });
});

describe('countRate', () => {
  it('reads requests as iterations are read', () => {
    const samples: MemorySample[] = Array.from({ length: 50 }, (_, i) => ({
      t: i / 10,
      rss: MB,
      requests: 30 * i,
    }));
    expect(countRate(samples, 'requests', 1)).toBeCloseTo(300, 6);
    expect(countRate(samples, 'iteration', 1)).toBeUndefined();
  });
});
