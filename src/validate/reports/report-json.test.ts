/**
 * The JSON report is the ValidateResult as is (docs/validate-json.md), and the report file names.
 */
import { describe, expect, it } from 'vitest';
import { exampleResult } from '../../../test/support/validate-example.js';
import { compareSamples } from '../../stats/index.js';
import { renderValidateJson, reportPaths } from './report-json.js';

describe('renderValidateJson', () => {
  it('round-trips the result', () => {
    const result = exampleResult();
    const text = renderValidateJson(result);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(result)));
    expect(JSON.parse(text).schemaVersion).toBe(1);
    expect(JSON.parse(text).baseline.skipped).toHaveLength(1);
  });

  it('writes an infinite df (both samples constant) as null, as documented', () => {
    const comparison = compareSamples([5, 5, 5], [6, 6, 6]);
    expect(comparison.df).toBe(Number.POSITIVE_INFINITY);
    const result = exampleResult();
    result.baseline = {
      name: 'b',
      savedAt: result.startedAt,
      comparisons: [{ id: 'x', comparison, gateFailed: false }],
      missing: [],
      skipped: [],
    };
    expect(JSON.parse(renderValidateJson(result)).baseline.comparisons[0].comparison.df).toBeNull();
  });
});

describe('reportPaths', () => {
  it('stamps the reports with the start time and keeps the exports at fixed names', () => {
    expect(reportPaths('/out', new Date('2026-11-27T14:05:09.000Z'))).toEqual({
      dir: '/out/reports',
      markdown: '/out/reports/performance_report_20261127_140509.md',
      json: '/out/reports/performance_report_20261127_140509.json',
      githubBenchmark: '/out/reports/github-action-benchmark.json',
      githubBenchmarkBigger: '/out/reports/github-action-benchmark-bigger.json',
      bencher: '/out/reports/bencher-bmf.json',
    });
  });
});
