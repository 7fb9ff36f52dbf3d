/**
 * The results of the last `demo run`, saved beside its outputs (`<output dir>/results.json`) so that
 * `demo results` can show them later, as a test runner's last-run report does.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DemoError } from './errors.js';
import type { ScenarioResult } from './execute.js';
import type { FileFailure } from './pipeline.js';

export interface SavedResults {
  finishedAt: string;
  durationMs: number;
  scenarios: { test: string; scenario: string; passed: boolean; failedChecks: string[] }[];
  brokenFiles: { file: string; error: string }[];
}

export const RESULTS_FILE = 'results.json';

export function saveResults(
  outputDir: string,
  scenarios: ScenarioResult[],
  failures: FileFailure[],
  durationMs: number,
): void {
  const saved: SavedResults = {
    finishedAt: new Date().toISOString(),
    durationMs,
    scenarios: scenarios.map((s) => ({
      test: s.test,
      scenario: s.scenario,
      passed: s.passed,
      failedChecks: s.checks.filter((c) => !c.passed).map((c) => `${c.label}: ${c.detail ?? 'failed'}`),
    })),
    brokenFiles: failures.map((f) => ({ file: f.file, error: f.error.describe() })),
  };
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, RESULTS_FILE);
  // Written aside, then renamed: `demo results` never reads half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(saved, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function loadResults(outputDir: string): SavedResults {
  const file = path.join(outputDir, RESULTS_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SavedResults;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DemoError(
      missing ? `no results in ${file}: run "demo run" first` : `${file} is not valid results JSON: ${error}`,
    );
  }
}
