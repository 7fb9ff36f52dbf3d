/**
 * `run --jobs n`: the project's test files rendered and executed in a pool of n worker threads
 * (piscina), one task per file. The result is merged in file order, so it is the same as the
 * in-process `runProject`'s whatever order the threads finish in.
 */
import { fileURLToPath } from 'node:url';
import { DemoError } from './errors.js';
import { type FileOutcome, mergeOutcomes, type ProjectRun, runProject } from './pipeline.js';
import type { FileTask, SentOutcome } from './pool-task.js';
import { listTestFiles, type Project } from './project.js';

/**
 * The threads' code, in TypeScript like the rest of the demo. The threads inherit this process's
 * execArgv, so tsx's `--import` loader runs in each of them; but on Node 20 tsx registers its ESM
 * hooks in the main thread only, and a thread gets its CommonJS hook alone. piscina tries
 * `require()` before `import()`, so the file loads through that hook, compiled to CommonJS: the file
 * and what it imports must not use top-level await (the `require()` would fail, and piscina's
 * fallback `import()` then reports `ERR_UNKNOWN_FILE_EXTENSION ".ts"`).
 */
const taskFile = fileURLToPath(new URL('./pool-task.ts', import.meta.url));

/** A thread's outcome back in this thread's types: its error a DemoError again. */
const received = ({ rendered, scenarios, failure }: SentOutcome): FileOutcome => {
  if (!failure) return { rendered, scenarios };
  const { message, file, line } = failure.error;
  return { rendered, scenarios, failure: { file: failure.file, error: new DemoError(message, file, line) } };
};

/**
 * `runProject` spread over `jobs` worker threads (never more threads than files). The pool is
 * destroyed before returning, even on failure, so no thread keeps the process alive.
 */
export async function runProjectInPool(
  project: Project,
  options: { write: boolean; execute: boolean },
  jobs: number,
): Promise<ProjectRun> {
  const files = listTestFiles(project);
  if (files.length === 0) return mergeOutcomes([]);
  const threads = Math.min(jobs, files.length);
  // Imported here, not above: loading piscina costs `run` about 50 ms of start-up, for nothing with one job.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<FileTask, SentOutcome>({
    filename: taskFile,
    minThreads: threads,
    maxThreads: threads,
    // piscina's default ('sync') parks an idle thread in Atomics.wait, its event loop frozen: tsx's
    // compile cache (written asynchronously) was then never saved, so every run recompiled each
    // file in each thread (about 0.3 s of esbuild per thread). Tasks of a few ms do not need the
    // faster hand-off.
    atomics: 'disabled',
  });
  try {
    const sent = await Promise.all(files.map((file) => pool.run({ project, file, ...options })));
    return mergeOutcomes(sent.map(received));
  } finally {
    await pool.destroy();
  }
}

/**
 * What `run --jobs n` does, shared by the command and the `parallel` workload: one job runs in
 * process as before `--jobs` existed (no thread start-up), more go to a pool of that many threads.
 */
export function runProjectWithJobs(
  project: Project,
  options: { write: boolean; execute: boolean },
  jobs: number,
): Promise<ProjectRun> {
  return jobs === 1
    ? Promise.resolve(runProject(project, options))
    : runProjectInPool(project, options, jobs);
}
