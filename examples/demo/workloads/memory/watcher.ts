/**
 * Memory scenario `watcher` (healthy, expected stable): the hot-reload watcher of the original
 * suite. The demo's real `dev` watcher (chokidar, then parse, render and write with a fresh
 * renderer per change) watches a temp project while this script saves a test file every 200 ms,
 * as an editor would, for as long as the scenario runs. Each re-render is one iteration.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { probe } from 'perfsuite/probe';
import { startDevWatcher } from '../../src/lib/dev.js';
import { definitionText, writeProject } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import { everyInterval, runScenario } from './scenario.js';

const EDIT_EVERY_MS = 200;
/**
 * Edits rotate over several files: chokidar drops a second change of one file within 50 ms, and a
 * person edits more than one file anyway.
 */
const FILES = 5;
/**
 * A typical single test file. With 8 services x 8 scenarios the heap floor rose 1.25 MB in 25 s
 * (garbage promoted to the old generation, which no major GC collected within the run; with
 * forced full GCs the heap grew only 11 KB/s) and was classified linear: a limit of a 25 s run.
 */
const size = { services: 4, scenarios: 4, stepsPerScenario: 3 };

await runScenario('watcher', (stop) =>
  withTempDir('mem-watcher', async (dir) => {
    const project = writeProject(dir, FILES, 'medium', size);
    let renders = 0;
    let failures = 0;
    const watcher = startDevWatcher(project, (feedback) => {
      if (feedback.ok) {
        renders++;
        probe.iteration();
      } else failures++; // A save seen half-written fails to parse; the next event renders it.
    });
    await watcher.ready;
    let revision = 1;
    const edits = await everyInterval(stop, EDIT_EVERY_MS, () => {
      revision++;
      const name = `test_${String(revision % FILES).padStart(3, '0')}`;
      writeFileSync(
        path.join(project.testsDir, `${name}.toml`),
        definitionText(name, 'medium', size, revision),
      );
    });
    await watcher.close();
    // A few edits may go unseen when stopped early (before or just after `ready`); many may not.
    if (edits >= 5 && renders === 0) throw new Error(`the watcher rendered nothing after ${edits} edits`);
    return `${edits} edits, ${renders} re-renders, ${failures} half-written reads`;
  }),
);
