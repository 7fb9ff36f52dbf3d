/**
 * The read -> parse -> render -> (write) -> (execute) pipeline shared by `render`, `run`,
 * `dry-run`, `dev`, the workloads and the tests. Each stage is timed, because the demo exists to
 * be profiled and the watcher prints the timings.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinition, type TestDefinition } from './definition.js';
import { DemoError } from './errors.js';
import { executeDefinition, type ScenarioResult } from './execute.js';
import { listTestFiles, outputPathFor, type Project } from './project.js';
import { createRenderer, type Renderer, renderDefinition } from './render.js';

/** Milliseconds spent in each stage of one file. */
export interface StageTimings {
  parseMs: number;
  renderMs: number;
  writeMs: number;
}

/** One test file taken through the pipeline. */
export interface RenderedTest {
  file: string;
  definition: TestDefinition;
  output: string;
  outputPath: string;
  timings: StageTimings;
}

/** Reads, parses and renders one test file; writes the output unless `write` is false. */
export function renderTestFile(
  project: Project,
  renderer: Renderer,
  file: string,
  options: { write?: boolean; outputPath?: string } = {},
): RenderedTest {
  const t0 = performance.now();
  const definition = parseDefinition(readFileSync(file, 'utf8'), file);
  const t1 = performance.now();
  const output = renderDefinition(renderer, definition, project.name, file);
  const t2 = performance.now();
  const outputPath = options.outputPath ?? outputPathFor(project, file, definition.template);
  if (options.write !== false) writeOutput(outputPath, output);
  const t3 = performance.now();
  return {
    file,
    definition,
    output,
    outputPath,
    timings: { parseMs: t1 - t0, renderMs: t2 - t1, writeMs: t3 - t2 },
  };
}

/** Writes a rendered file, creating its folder. */
export function writeOutput(outputPath: string, output: string): void {
  mkdirSync(path.dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, output);
}

/** A file that could not be taken through the pipeline, and why. */
export interface FileFailure {
  file: string;
  error: DemoError;
}

/** What `run` and `dry-run` report. */
export interface ProjectRun {
  rendered: RenderedTest[];
  failures: FileFailure[];
  scenarios: ScenarioResult[];
}

const asDemoError = (error: unknown, file: string): DemoError => {
  if (error instanceof DemoError) return error;
  return new DemoError(error instanceof Error ? error.message : String(error), file, undefined, {
    cause: error,
  });
};

/**
 * What one test file gave: the unit of work `run` hands out, in process or to a worker thread
 * (src/lib/pool-task.ts), so both paths take a file through exactly the same steps.
 */
export interface FileOutcome {
  /** Set when the file was rendered, even if executing its scenarios then failed. */
  rendered?: RenderedTest;
  scenarios: ScenarioResult[];
  failure?: FileFailure;
}

/** Renders one test file and, with `execute`, runs its scenarios; a broken file is a failure, not an exception. */
export function runTestFile(
  project: Project,
  renderer: Renderer,
  file: string,
  options: { write: boolean; execute: boolean },
): FileOutcome {
  const outcome: FileOutcome = { scenarios: [] };
  try {
    const rendered = renderTestFile(project, renderer, file, { write: options.write });
    outcome.rendered = rendered;
    if (options.execute) {
      outcome.scenarios = executeDefinition(rendered.definition, rendered.output, renderer, project.name);
    }
  } catch (error) {
    outcome.failure = { file, error: asDemoError(error, file) };
  }
  return outcome;
}

/** Joins per-file outcomes, given in file order, into the project's result. */
export function mergeOutcomes(outcomes: readonly FileOutcome[]): ProjectRun {
  const result: ProjectRun = { rendered: [], failures: [], scenarios: [] };
  for (const outcome of outcomes) {
    if (outcome.rendered) result.rendered.push(outcome.rendered);
    result.scenarios.push(...outcome.scenarios);
    if (outcome.failure) result.failures.push(outcome.failure);
  }
  return result;
}

/**
 * Renders every test of the project; with `execute`, also runs its scenarios. A broken file is a
 * failure in the result, not an exception, so one typo does not hide the other files' results.
 */
export function runProject(project: Project, options: { write: boolean; execute: boolean }): ProjectRun {
  const renderer = createRenderer(project.templatesDir);
  return mergeOutcomes(listTestFiles(project).map((file) => runTestFile(project, renderer, file, options)));
}
