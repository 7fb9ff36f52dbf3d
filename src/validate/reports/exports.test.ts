/**
 * Export shapes for github-action-benchmark (customSmallerIsBetter) and Bencher (BMF), checked
 * against the formats' documented fields, and the GitHub step summary appended to a real temporary
 * file as Actions would name it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleResult } from '../../../test/support/validate-example.js';
import {
  appendStepSummary,
  BENCHER_MEMORY_MEASURE,
  BENCHER_THROUGHPUT_MEASURE,
  STEP_SUMMARY_LIMIT,
  toBencherBmf,
  toGithubActionBenchmark,
} from './exports.js';

const result = exampleResult();
const byId = (id: string) => {
  const m = result.measurements.find((x) => x.id === id);
  if (!m?.summary) throw new Error(`example has no measured ${id}`);
  return { ...m, summary: m.summary };
};

describe('toGithubActionBenchmark', () => {
  const entries = toGithubActionBenchmark(result);

  it('has one {name, unit, value, range?, extra?} entry per measurement, the mean in ms or MB', () => {
    // Requests per second are better bigger: they go to the customBiggerIsBetter file instead.
    expect(entries.map((e) => e.name)).toEqual(
      result.measurements.filter((m) => m.unit !== 'req/s').map((m) => m.id),
    );
    for (const e of entries) {
      expect(Object.keys(e).every((k) => ['name', 'unit', 'value', 'range', 'extra'].includes(k))).toBe(true);
      expect(typeof e.value).toBe('number');
      if (e.range !== undefined) expect(typeof e.range).toBe('string');
    }
    const lint = byId('commands/lint:wall');
    const ci = lint.summary.meanCi95 as readonly [number, number];
    expect(entries.find((e) => e.name === lint.id)).toEqual({
      name: 'commands/lint:wall',
      unit: 'ms',
      value: lint.summary.mean,
      range: `± ${(ci[1] - ci[0]) / 2}`,
      extra: '10 runs\nmedian 1.49 s\np95 1.53 s\nmin 1.42 s\nmax 1.53 s',
    });
    expect(entries.find((e) => e.name === 'commands/dry_run:peakRss')?.unit).toBe('MB');
  });

  it('puts requests per second, and only them, in the customBiggerIsBetter entries', () => {
    const rps = byId('servers/api:rps');
    const bigger = toGithubActionBenchmark(result, 'higher');
    expect(bigger.map((e) => e.name)).toEqual(['servers/api:rps']);
    expect(bigger[0]).toMatchObject({ unit: 'req/s', value: rps.summary.mean });
  });

  it("counts a pooled latency's runs and requests in its tooltip", () => {
    const latency = entries.find((e) => e.name === 'servers/api:latency');
    expect(latency?.extra).toMatch(/^5 runs, \d+ requests\n/);
    // The mean of every request; no interval, since requests are not independent samples.
    expect(latency?.value).toBe(byId('servers/api:latency').summary.mean);
    expect(latency?.range).toBeUndefined();
  });

  it('gives no range for a single run (no interval exists)', () => {
    expect(entries.find((e) => e.name === 'commands/init:wall')?.range).toBeUndefined();
  });

  it('survives a JSON round trip unchanged (what the action reads)', () => {
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });
});

describe('toBencherBmf', () => {
  const bmf = toBencherBmf(result);

  it('writes times as latency in nanoseconds with the 95% CI as lower and upper values', () => {
    const fmt = byId('commands/fmt:wall');
    const [lo, hi] = fmt.summary.meanCi95 as readonly [number, number];
    expect(bmf['commands/fmt:wall']).toEqual({
      latency: { value: fmt.summary.mean * 1e6, lower_value: lo * 1e6, upper_value: hi * 1e6 },
    });
    // 9.84 µs per call is 9840 ns.
    expect(bmf['bench/parse/small:call']?.latency?.value).toBeCloseTo(
      byId('bench/parse/small:call').summary.mean * 1e6,
      6,
    );
  });

  it('writes memory to its own measure in MB, and a single run without bounds', () => {
    const rss = byId('commands/dry_run:peakRss');
    expect(Object.keys(bmf['commands/dry_run:peakRss'] ?? {})).toEqual([BENCHER_MEMORY_MEASURE]);
    expect(bmf['commands/dry_run:peakRss']?.[BENCHER_MEMORY_MEASURE]?.value).toBe(rss.summary.mean);
    expect(bmf['commands/init:wall']).toEqual({ latency: { value: 1720 * 1e6 } });
  });

  it("writes requests per second to Bencher's throughput measure, unscaled", () => {
    const rps = byId('servers/api:rps');
    expect(Object.keys(bmf['servers/api:rps'] ?? {})).toEqual([BENCHER_THROUGHPUT_MEASURE]);
    expect(bmf['servers/api:rps']?.[BENCHER_THROUGHPUT_MEASURE]?.value).toBe(rps.summary.mean);
  });

  it('matches the BMF schema: every benchmark maps measures to objects with a numeric value', () => {
    expect(Object.keys(bmf)).toEqual(result.measurements.map((m) => m.id));
    for (const measures of Object.values(bmf)) {
      for (const metric of Object.values(measures)) {
        expect(Number.isFinite(metric.value)).toBe(true);
        for (const key of Object.keys(metric)) expect(['value', 'lower_value', 'upper_value']).toContain(key);
      }
    }
  });

  it('leaves out measurements without samples', () => {
    const first = result.measurements[0];
    if (!first) throw new Error('no measurements');
    const empty = { ...result, measurements: [{ ...first, samples: [], summary: null }] };
    expect(toBencherBmf(empty)).toEqual({});
    expect(toGithubActionBenchmark(empty)).toEqual([]);
  });
});

describe('appendStepSummary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-step-summary-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('does nothing outside GitHub Actions', async () => {
    expect(await appendStepSummary('# hi', {})).toBeNull();
  });

  it('appends to the file GITHUB_STEP_SUMMARY names, after what other steps wrote', async () => {
    const file = join(dir, 'step_summary');
    writeFileSync(file, 'earlier step\n');
    expect(await appendStepSummary('# Performance report', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    await appendStepSummary('second\n', { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, 'utf8')).toBe('earlier step\n# Performance report\nsecond\n');
  });

  it('cuts a report over the 1 MiB limit on a line boundary, with a note', async () => {
    const file = join(dir, 'step_summary');
    const line = `| ${'é'.repeat(100)} |\n`;
    await appendStepSummary(line.repeat(Math.ceil((STEP_SUMMARY_LIMIT * 1.5) / Buffer.byteLength(line))), {
      GITHUB_STEP_SUMMARY: file,
    });
    const text = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(text).toMatch(/\|\n\n_\(cut to fit the 1 MiB step-summary limit/);
    expect(text).not.toContain('\uFFFD');
  });
});
