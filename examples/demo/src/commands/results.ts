/** `demo results [dir]`: shows the results the last `demo run` saved, failures first. */

import { parseArgs } from 'node:util';
import { loadProject } from '../lib/project.js';
import { loadResults } from '../lib/results.js';
import { parseCommandArgs } from './shared.js';

/** The command: exit 1 when the last run had failures, as `run` itself did. */
export async function resultsCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ name: 'results', usage: 'results [dir]', min: 0, max: 1 }, (c) =>
    parseArgs({ ...c, args, options: {} }),
  );
  const project = loadProject(positionals[0] ?? '.');
  const results = loadResults(project.outputDir);
  const failed = results.scenarios.filter((s) => !s.passed);
  for (const s of failed) {
    console.log(`FAIL ${s.test} > ${s.scenario}`);
    for (const check of s.failedChecks) console.log(`     x ${check}`);
  }
  for (const broken of results.brokenFiles) console.log(`BROKEN ${broken.file}: ${broken.error}`);
  const byTest = new Map<string, number>();
  for (const s of results.scenarios) byTest.set(s.test, (byTest.get(s.test) ?? 0) + 1);
  for (const [test, count] of byTest) console.log(`${test}: ${count} scenarios`);
  console.log(
    `\nlast run ${results.finishedAt} (${results.durationMs.toFixed(0)} ms): ` +
      `${results.scenarios.length - failed.length} passed, ${failed.length} failed, ${results.brokenFiles.length} files broken`,
  );
  return failed.length > 0 || results.brokenFiles.length > 0 ? 1 : 0;
}
