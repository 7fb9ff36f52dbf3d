/**
 * The watcher behind `dev`: chokidar watches the tests and templates folders; a changed test is
 * re-rendered, a changed template re-renders the tests that use it (every test, for a partial,
 * since any template may include it). Each re-render reports its timings through `onFeedback`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { parseToml } from './definition.js';
import { DemoError } from './errors.js';
import { renderTestFile, type StageTimings } from './pipeline.js';
import { listTestFiles, type Project } from './project.js';
import { createRenderer } from './render.js';

/** What happened after one change, for one test file. */
export interface DevFeedback {
  /** The file whose change triggered the re-render (a test or a template). */
  trigger: string;
  test: string;
  /** `performance.now()` when the watcher reported the change. */
  detectedAt: number;
  ok: boolean;
  outputPath?: string;
  output?: string;
  timings?: StageTimings;
  error?: DemoError;
}

/** A running watcher. */
export interface DevWatcher {
  /** Resolves once chokidar has scanned the folders and changes will be seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * chokidar 4 drops (does not delay) a second `change` of the same file within 50 ms of the
 * previous one, so the last of two quick saves would never be rendered. After each re-render the
 * trigger's mtime is checked again once this window has passed, and a missed change is replayed.
 */
const CHOKIDAR_CHANGE_THROTTLE_MS = 50;
const RECHECK_AFTER_MS = CHOKIDAR_CHANGE_THROTTLE_MS + 20;

const mtimeOf = (file: string): number | undefined => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Starts watching `project`; call `close()` to stop. */
export function startDevWatcher(project: Project, onFeedback: (feedback: DevFeedback) => void): DevWatcher {
  const watcher: FSWatcher = watch([project.testsDir, project.templatesDir], { ignoreInitial: true });
  // Several events for one save (truncate, then write) are coalesced: a file queued and not yet
  // processed is not queued again, and processing reads the file's latest content.
  const pending = new Map<string, number>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  const onChange = (file: string) => {
    if (pending.has(file)) return;
    pending.set(file, performance.now());
    setImmediate(() => {
      const detectedAt = pending.get(file) ?? performance.now();
      pending.delete(file);
      const seenMtime = mtimeOf(file);
      for (const test of affectedTests(project, file)) onFeedback(rerender(project, file, test, detectedAt));
      clearTimeout(rechecks.get(file));
      const recheck = setTimeout(() => {
        rechecks.delete(file);
        if (mtimeOf(file) !== seenMtime) onChange(file);
      }, RECHECK_AFTER_MS);
      rechecks.set(file, recheck.unref());
    });
  };
  watcher.on('add', onChange).on('change', onChange);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  const close = async () => {
    for (const timer of rechecks.values()) clearTimeout(timer);
    rechecks.clear();
    await watcher.close();
  };
  return { ready, close };
}

/** The test files a change to `file` requires re-rendering. */
export function affectedTests(project: Project, file: string): string[] {
  if (file.endsWith('.toml') && isInside(project.testsDir, file)) return [file];
  if (!file.endsWith('.liquid') || !isInside(project.templatesDir, file)) return [];
  const template = path.relative(project.templatesDir, file).split(path.sep).join('/');
  const tests = listTestFiles(project);
  const users = tests.filter((test) => templateOf(test) === template);
  return users.length > 0 ? users : tests;
}

function templateOf(test: string): string | undefined {
  try {
    const template = parseToml(readFileSync(test, 'utf8'), test).template;
    return typeof template === 'string' ? template : undefined;
  } catch {
    return undefined;
  }
}

function rerender(project: Project, trigger: string, test: string, detectedAt: number): DevFeedback {
  // A fresh, uncached renderer: the template may be the file that just changed.
  const renderer = createRenderer(project.templatesDir, { cache: false });
  try {
    const { outputPath, output, timings } = renderTestFile(project, renderer, test);
    return { trigger, test, detectedAt, ok: true, outputPath, output, timings };
  } catch (error) {
    const demoError =
      error instanceof DemoError ? error : new DemoError(String(error), test, undefined, { cause: error });
    return { trigger, test, detectedAt, ok: false, error: demoError };
  }
}

const isInside = (dir: string, file: string): boolean => {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};
