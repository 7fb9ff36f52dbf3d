/** `demo run [dir] [--out-dir d]`: renders every test, executes its scenarios, prints pass/fail. */

import { parseArgs } from 'node:util';
import type { ScenarioResult } from '../lib/execute.js';
import type { FileFailure } from '../lib/pipeline.js';
import { runProject } from '../lib/pipeline.js';
import { loadProject } from '../lib/project.js';
import { saveResults } from '../lib/results.js';
import { display, parseCommandArgs } from './shared.js';

/** The command: exit 1 when a scenario fails or a file cannot be rendered. */
export async function runCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(
    { name: 'run', usage: 'run [dir] [--out-dir dir]', min: 0, max: 1 },
    (c) => parseArgs({ ...c, args, options: { 'out-dir': { type: 'string' } } }),
  );
  const outputDir = values['out-dir'];
  const project = loadProject(positionals[0] ?? '.', outputDir === undefined ? {} : { outputDir });
  const started = performance.now();
  const result = runProject(project, { write: true, execute: true });
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
