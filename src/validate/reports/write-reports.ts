/**
 * Writes every report file of a validate run, each atomically: the Markdown and JSON reports stamped
 * with the run's start (so calling this after every suite rewrites the same two files and a crash
 * keeps what was measured), the github-action-benchmark (one file per direction) and Bencher exports
 * under fixed names, and,
 * once at the end, the GitHub step summary.
 */

import { rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../util/write-atomic.js';
import type { ValidateResult } from '../measurement.js';
import { appendStepSummary, toBencherBmf, toGithubActionBenchmark } from './exports.js';
import { type ReportPaths, renderValidateJson, reportPaths } from './report-json.js';
import { renderValidateReport } from './report-md.js';

export interface WriteReportsOptions {
  /** The `--fail-on-regression` threshold in %, when given (worded in the report). */
  failOnRegressionPct?: number | undefined;
  /** Append the Markdown to GITHUB_STEP_SUMMARY: only on the last write of a run. @default false */
  stepSummary?: boolean;
  /** Where GITHUB_STEP_SUMMARY is read from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface WrittenReports extends ReportPaths {
  /** The step-summary file appended to, or null (not asked, or not in GitHub Actions). */
  stepSummary: string | null;
}

/** Writes reports/performance_report_<stamp>.{md,json} and the exports under `<outDir>/reports/`. */
export async function writeValidateReports(
  outDir: string,
  result: ValidateResult,
  options: WriteReportsOptions = {},
): Promise<WrittenReports> {
  const paths = reportPaths(outDir, new Date(result.startedAt));
  const markdown = renderValidateReport(result, {
    reportDir: paths.dir,
    failOnRegressionPct: options.failOnRegressionPct,
    jsonPath: paths.json,
  });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const bigger = toGithubActionBenchmark(result, 'higher');
  await Promise.all([
    // Only when the run measured something better bigger; a file left by an earlier run goes.
    bigger.length > 0
      ? writeFileAtomic(paths.githubBenchmarkBigger, json(bigger))
      : rm(paths.githubBenchmarkBigger, { force: true }),
    writeFileAtomic(paths.markdown, markdown),
    writeFileAtomic(paths.json, renderValidateJson(result)),
    writeFileAtomic(paths.githubBenchmark, json(toGithubActionBenchmark(result))),
    writeFileAtomic(paths.bencher, json(toBencherBmf(result))),
  ]);
  const stepSummary = options.stepSummary ? await appendStepSummary(markdown, options.env) : null;
  return { ...paths, stepSummary };
}
