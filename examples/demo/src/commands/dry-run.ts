/** `demo dry-run [dir]`: validates and renders everything in memory; reports what `run` would do. */

import { parseArgs } from 'node:util';
import { runProject } from '../lib/pipeline.js';
import { loadProject } from '../lib/project.js';
import { display, parseCommandArgs } from './shared.js';

/** The command: writes nothing, executes nothing; exit 1 when a file would fail. */
export async function dryRunCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ name: 'dry-run', usage: 'dry-run [dir]', min: 0, max: 1 }, (c) =>
    parseArgs({ ...c, args, options: {} }),
  );
  const project = loadProject(positionals[0] ?? '.');
  const result = runProject(project, { write: false, execute: false });
  for (const test of result.rendered) {
    const scenarios = test.definition.scenarios;
    const steps = scenarios.reduce((n, s) => n + s.steps.length, 0);
    const assertions = scenarios.reduce((n, s) => n + s.assertions.length, 0);
    console.log(
      `would write ${display(test.outputPath)} (${Buffer.byteLength(test.output)} bytes) from ${display(test.file)}: ` +
        `${scenarios.length} scenarios, ${steps} steps, ${assertions} assertions`,
    );
  }
  for (const failure of result.failures) console.log(`would fail: ${failure.error.describe()}`);
  console.log(`\n${result.rendered.length} tests would run, ${result.failures.length} would fail`);
  return result.failures.length > 0 ? 1 : 0;
}
