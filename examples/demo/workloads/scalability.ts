/**
 * Suite `scalability`: the `run` command's code path (read, parse, render, write, execute) over
 * a project of 1, 10 or 100 test files. Small projects are run repeatedly so that every case does
 * about the same total work; compare the per-file time across cases to see how it scales.
 */
import { runProject } from '../src/lib/pipeline.js';
import { runTestSize, writeProject } from './support/generate.js';
import { perIteration, pickCase, scaled, timeLoop, withTempDir } from './support/harness.js';

const cases = { files_1: 1, files_10: 10, files_100: 100 };
const name = pickCase('scalability', cases);
const files = cases[name];
/** Files processed per case in total: 200 files is about 1 s here. */
const TOTAL_FILES = 200;
const rounds = scaled(Math.max(1, Math.round(TOTAL_FILES / files)));

await withTempDir(`scale-${files}`, (dir) => {
  const project = writeProject(dir, files, 'medium', runTestSize);
  let processed = 0;
  const elapsed = timeLoop(rounds, () => {
    const result = runProject(project, { write: true, execute: true });
    if (result.failures.length > 0 || result.scenarios.some((s) => !s.passed)) {
      throw new Error(
        `generated project failed: ${result.failures[0]?.error.describe() ?? 'a scenario failed'}`,
      );
    }
    processed += result.rendered.length;
  });
  console.log(
    `scalability ${name}: ${rounds} runs of ${files} files, ${perIteration(elapsed, processed)} per file`,
  );
});
