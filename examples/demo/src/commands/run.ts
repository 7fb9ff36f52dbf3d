/**
 * `demo run [dir] [--out-dir d] [--jobs n]`: renders every test, executes its scenarios, prints
 * pass/fail. With `--jobs n` (n > 1) the files are spread over n worker threads; the output is the same.
 */

import { parseArgs } from 'node:util';
import type { ScenarioResult } from '../lib/execute.js';
import { runProjectWithJobs } from '../lib/parallel.js';
import type { FileFailure } from '../lib/pipeline.js';
import { loadProject } from '../lib/project.js';
import { saveResults } from '../lib/results.js';
import { type CommandShape, display, parseCommandArgs, usageError } from './shared.js';

const shape: CommandShape = { name: 'run', usage: 'run [dir] [--out-dir dir] [--jobs n]', min: 0, max: 1 };

/** `--jobs`: a whole number of threads, 1 or more; anything else is a usage error, not a guess. */
function parseJobs(value: string | undefined): number {
  if (value === undefined) return 1;
  const jobs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(jobs) || jobs < 1) {
    throw usageError(shape, `--jobs must be a whole number of worker threads, 1 or more (got "${value}")`);
  }
  return jobs;
}

/** The command: exit 1 when a scenario fails or a file cannot be rendered. */
export async function runCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(shape, (c) =>
    parseArgs({
      ...c,
      args,
      options: { 'out-dir': { type: 'string' }, jobs: { type: 'string', short: 'j' } },
    }),
  );
  const jobs = parseJobs(values.jobs);
  const outputDir = values['out-dir'];
  const project = loadProject(positionals[0] ?? '.', outputDir === undefined ? {} : { outputDir });
  const started = performance.now();
  const result = await runProjectWithJobs(project, { write: true, execute: true }, jobs);
  for (const scenario of result.scenarios) printScenario(scenario);
  for (const failure of result.failures) printFailure(failure);
  const elapsedMs = performance.now() - started;
  saveResults(project.outputDir, result.scenarios, result.failures, elapsedMs);
  const passed = result.scenarios.filter((s) => s.passed).length;
  const failed = result.scenarios.length - passed;
  console.log(
    `\n${passed} passed, ${failed} failed, ${result.rendered.length} files rendered, ` +
      `${result.failures.length} files broken (${elapsedMs.toFixed(0)} ms)`,
  );
  return failed > 0 || result.failures.length > 0 ? 1 : 0;
}

function printScenario(scenario: ScenarioResult): void {
  console.log(`${scenario.passed ? 'PASS' : 'FAIL'} ${scenario.test} > ${scenario.scenario}`);
  for (const check of scenario.checks.filter((c) => !c.passed)) {
    console.log(`     x ${check.label}: ${check.detail ?? 'failed'}`);
  }
}

function printFailure(failure: FileFailure): void {
  const where =
    failure.error.line === undefined
      ? display(failure.file)
      : `${display(failure.file)}:${failure.error.line}`;
  console.log(`BROKEN ${where}: ${failure.error.message}`);
}
