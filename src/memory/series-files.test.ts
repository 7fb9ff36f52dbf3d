import { describe, expect, it } from 'vitest';
import { crashedExample, leakingExample } from '../../test/support/memory-examples.js';
import { MEMORY_JSON_VERSION } from './result.js';
import type { MemorySample } from './series.js';
import { type MemorySeriesJson, seriesToCsv, seriesToJson } from './series-files.js';

describe('seriesToCsv', () => {
  it('writes the header, one row per sample, and empty cells for missing readings', () => {
    const samples: MemorySample[] = [
      { t: 0, rss: 1000 },
      {
        t: 0.1 + 0.2,
        rss: 2000,
        heapUsed: 300,
        heapTotal: 400,
        external: 50,
        arrayBuffers: 10,
        iteration: 7,
        requests: 1200,
      },
      { t: 0.4, rss: 3000, heapUsed: Number.NaN },
    ];
    expect(seriesToCsv(samples)).toBe(
      [
        't_s,rss_bytes,heap_used_bytes,heap_total_bytes,external_bytes,array_buffers_bytes,iteration,requests',
        '0,1000,,,,,,',
        '0.3,2000,300,400,50,10,7,1200',
        '0.4,3000,,,,,,',
        '',
      ].join('\n'),
    );
  });

  it('writes only the header for no samples', () => {
    expect(seriesToCsv([]).split('\n')).toEqual([
      't_s,rss_bytes,heap_used_bytes,heap_total_bytes,external_bytes,array_buffers_bytes,iteration,requests',
      '',
    ]);
  });
});

describe('seriesToJson', () => {
  const result = leakingExample();
  const text = seriesToJson(result);
  const doc = JSON.parse(text) as MemorySeriesJson;

  it('carries every sample as a row in column order, null for missing', () => {
    expect(doc.version).toBe(MEMORY_JSON_VERSION);
    expect(doc.columns).toEqual([
      't',
      'rss',
      'heapUsed',
      'heapTotal',
      'external',
      'arrayBuffers',
      'iteration',
      'requests',
    ]);
    expect(doc.samples).toHaveLength(result.samples.length);
    const s = result.samples[5] as MemorySample;
    expect(doc.samples[5]).toEqual([
      s.t,
      s.rss,
      s.heapUsed,
      s.heapTotal,
      s.external,
      s.arrayBuffers,
      s.iteration,
      null, // no load: no requests
    ]);
    const sparse = JSON.parse(seriesToJson({ ...result, samples: [{ t: 1, rss: 5 }] })) as MemorySeriesJson;
    expect(sparse.samples).toEqual([[1, 5, null, null, null, null, null, null]]);
  });

  it('carries each verdict with its figures and chosen model, not the envelope', () => {
    expect(doc.verdict).toBe('linear');
    expect(doc.leak).toBe(true);
    const rss = doc.metrics.find((m) => m.metric === 'rss');
    const source = result.metrics[0]?.verdict;
    expect(rss).toMatchObject({
      label: 'RSS (process tree)',
      verdict: 'linear',
      reason: source?.reason,
      slopeBytesPerSec: source?.slopeBytesPerSec,
      slopeBytesPerIteration: source?.slopeBytesPerIteration,
      analysedFromSec: 6,
      model: { name: 'linear' },
    });
    expect(rss?.model?.params.slopeBytesPerSec).toBeGreaterThan(0);
    expect(text).not.toContain('envelope');
    expect(text).not.toContain('aicc');
  });

  it('keeps one sample per line and stays valid JSON when there are none', () => {
    expect(text.split('\n').filter((l) => l.startsWith('    [')).length).toBe(result.samples.length);
    const crashed = JSON.parse(seriesToJson({ ...crashedExample(), samples: [] })) as MemorySeriesJson;
    expect(crashed.samples).toEqual([]);
    expect(crashed.metrics.every((m) => m.model === undefined)).toBe(true);
  });
});
