/**
 * reports/performance_report_<stamp>.json: the ValidateResult as it is, documented field by field in
 * docs/validate-json.md (schema version 1), so tools read exactly what the Markdown report was written
 * from. JSON has no Infinity: a comparison's `df` of Infinity (both samples constant) is written null.
 */
import { join } from 'node:path';
import type { ValidateResult } from '../measurement.js';
import { reportStamp } from './report-md.js';

/** The JSON report text: two-space indented, one trailing newline. */
export function renderValidateJson(result: ValidateResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Where one run's reports go: stamped by the run's start, so rewrites during the run keep one name. */
export interface ReportPaths {
  dir: string;
  markdown: string;
  json: string;
  /** github-action-benchmark input (`tool: customSmallerIsBetter`): a fixed name for CI to point at. */
  githubBenchmark: string;
  /** The same for what is better bigger (rps, `tool: customBiggerIsBetter`); written only when there is some. */
  githubBenchmarkBigger: string;
  /** Bencher Metric Format (`bencher run --adapter json --file ...`): a fixed name too. */
  bencher: string;
}

export function reportPaths(outDir: string, startedAt: Date): ReportPaths {
  const dir = join(outDir, 'reports');
  const stamp = reportStamp(startedAt);
  return {
    dir,
    markdown: join(dir, `performance_report_${stamp}.md`),
    json: join(dir, `performance_report_${stamp}.json`),
    githubBenchmark: join(dir, 'github-action-benchmark.json'),
    githubBenchmarkBigger: join(dir, 'github-action-benchmark-bigger.json'),
    bencher: join(dir, 'bencher-bmf.json'),
  };
}
