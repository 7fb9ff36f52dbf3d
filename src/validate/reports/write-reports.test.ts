/**
 * Every report file of a run, written for real into a temporary output directory: stamped Markdown
 * and JSON, fixed-name exports, a rewrite that keeps one pair of files, and the step summary.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleResult } from '../../../test/support/validate-example.js';
import { writeValidateReports } from './write-reports.js';

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'perfsuite-reports-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

describe('writeValidateReports', () => {
  it('writes the stamped reports and the exports, and rewrites the same files', async () => {
    const result = exampleResult();
    const first = await writeValidateReports(outDir, result, { failOnRegressionPct: 10 });
    const second = await writeValidateReports(outDir, result, { failOnRegressionPct: 10 });
    expect(second).toEqual(first);
    expect(readdirSync(join(outDir, 'reports')).sort()).toEqual([
      'bencher-bmf.json',
      'github-action-benchmark-bigger.json',
      'github-action-benchmark.json',
      'performance_report_20261127_140509.json',
      'performance_report_20261127_140509.md',
    ]);
    const md = readFileSync(first.markdown, 'utf8');
    expect(md).toContain('past the 10% gate');
    expect(md).toContain('- [this report as JSON](performance_report_20261127_140509.json)');
    expect(JSON.parse(readFileSync(first.json, 'utf8')).measurements).toHaveLength(
      result.measurements.length,
    );
    expect(JSON.parse(readFileSync(first.githubBenchmark, 'utf8'))[0].name).toBe('commands/dry_run:wall');
    expect(Object.keys(JSON.parse(readFileSync(first.bencher, 'utf8')))).toContain('commands/dry_run:wall');
    expect(first.stepSummary).toBeNull();
  });

  it('appends the Markdown to the step summary only when asked', async () => {
    const file = join(outDir, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: file };
    await writeValidateReports(outDir, exampleResult(), { env });
    expect(readdirSync(outDir)).not.toContain('summary.md');
    const written = await writeValidateReports(outDir, exampleResult(), { env, stepSummary: true });
    expect(written.stepSummary).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(written.markdown, 'utf8'));
  });
});
