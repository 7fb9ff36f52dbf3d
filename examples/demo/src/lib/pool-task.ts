/**
 * The code a worker thread of `run --jobs n` runs (src/lib/parallel.ts loads it into piscina):
 * one test file per task, through the same `runTestFile` as the in-process run. Errors cross the
 * thread boundary as plain data, because a structured clone keeps neither DemoError's class nor its
 * `file` and `line`.
 */
import type { ScenarioResult } from './execute.js';
import { type RenderedTest, runTestFile } from './pipeline.js';
import type { Project } from './project.js';
import { createRenderer, type Renderer } from './render.js';

/** One test file to take through the pipeline. */
export interface FileTask {
  project: Project;
  file: string;
  write: boolean;
  execute: boolean;
}

/** A DemoError as fields, rebuilt into one by the main thread. */
export interface SentError {
  message: string;
  file?: string;
  line?: number;
}

/** A `FileOutcome` that survives postMessage. */
export interface SentOutcome {
  rendered?: RenderedTest;
  scenarios: ScenarioResult[];
  failure?: { file: string; error: SentError };
}

// One renderer per templates folder for the thread's life (the pool lives for one run), so each
// thread parses a template once, as the in-process run's single renderer does.
const renderers = new Map<string, Renderer>();

/** The task handler piscina calls (its default export). */
export default function runFileTask(task: FileTask): SentOutcome {
  let renderer = renderers.get(task.project.templatesDir);
  if (!renderer) {
    renderer = createRenderer(task.project.templatesDir);
    renderers.set(task.project.templatesDir, renderer);
  }
  const { rendered, scenarios, failure } = runTestFile(task.project, renderer, task.file, task);
  if (!failure) return { rendered, scenarios };
  const { message, file, line } = failure.error;
  return { rendered, scenarios, failure: { file: failure.file, error: { message, file, line } } };
}
