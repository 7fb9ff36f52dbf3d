/**
 * Suite `parallel`: what `demo run --jobs n` does (src/lib/parallel.ts) over a generated project of
 * 400 test files: a piscina pool of n worker threads takes each file through read, parse, render,
 * write and execute, then is destroyed. Under `profile cpu` each thread is a frame of its own in the
 * flamegraph, so the rendering shows under the workers and the main thread mostly waits.
 * `run_jobs_1` is the same project in process (the default `run`), to compare with.
 */
import { runProjectWithJobs } from '../src/lib/parallel.js';
import { runTestSize, writeProject } from './support/generate.js';
import { perIteration, pickCase, scaled, withTempDir } from './support/harness.js';

const cases = { run_jobs_1: 1, run_jobs_4: 4 };
const name = pickCase('parallel', cases);
const jobs = cases[name];
/**
 * One project, one pool, as one `demo run --jobs 4` would: each thread first spends about 0.4 s
 * loading tsx, liquidjs, zod and smol-toml, so the project must be large for the rendering to be
 * most of the threads' work. 400 files are about 1-2 s of rendering here; quick mode keeps 4, one a thread.
 */
const FILES = scaled(400);

await withTempDir(`parallel-${jobs}`, async (dir) => {
  const project = writeProject(dir, FILES, 'medium', runTestSize);
  const started = performance.now();
  const result = await runProjectWithJobs(project, { write: true, execute: true }, jobs);
  const elapsed = performance.now() - started;
  if (result.failures.length > 0 || result.scenarios.some((s) => !s.passed)) {
    throw new Error(
      `generated project failed: ${result.failures[0]?.error.describe() ?? 'a scenario failed'}`,
    );
  }
  console.log(
    `parallel ${name}: ${result.rendered.length} files over ${jobs === 1 ? 'no worker threads' : `${jobs} worker threads`}, ` +
      perIteration(elapsed, result.rendered.length),
  );
});
