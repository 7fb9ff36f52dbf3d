/**
 * Suite `hot_reload`, workload `cycles`: the `dev` watcher for real. Each cycle edits a test file
 * (a new revision), waits for chokidar to report it and the watcher to parse, render and write
 * it, and checks the new revision is in the output. Prints detect/parse/render/write timings and
 * reports each cycle's stages to perfsuite's probe, which `profile validate` checks against targets.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { probe } from 'perfsuite/probe';
import { type DevFeedback, startDevWatcher } from '../src/lib/dev.js';
import { definitionText, writeProject } from './support/generate.js';
import { pickCase, scaled, summarize, withTempDir } from './support/harness.js';

pickCase('hot_reload', { cycles: true });
const CYCLES = scaled(20);
const size = { services: 8, scenarios: 8, stepsPerScenario: 4 };
/**
 * chokidar drops a second change of one file within 50 ms of the previous one (the watcher then
 * catches it with a late re-check, which would inflate "detect"). A person's edits are never that
 * close, so the cycles edit FILES files in turn and pause briefly; the pause is not timed.
 */
const FILES = 5;
const PAUSE_BETWEEN_CYCLES_MS = 10;
/** A cycle whose change is not seen within this time fails the workload rather than hanging it. */
const CYCLE_TIMEOUT_MS = 10_000;

interface CycleTiming {
  detect: number;
  parse: number;
  render: number;
  write: number;
  total: number;
}

/**
 * The stages the original suite budgets: detect, parse, render, and feedback (from the render done
 * to the user seeing the written result: the write plus the callback), and the whole cycle.
 */
function reportCycle(cycle: CycleTiming): void {
  probe.measure('detect', cycle.detect);
  probe.measure('parse', cycle.parse);
  probe.measure('render', cycle.render);
  probe.measure('feedback', cycle.total - cycle.detect - cycle.parse - cycle.render);
  probe.measure('cycle', cycle.total);
}

await withTempDir('hot-reload', async (dir) => {
  const project = writeProject(dir, FILES, 'complex', size);
  let waiting: { revision: number; resolve: (f: DevFeedback) => void } | undefined;
  const watcher = startDevWatcher(project, (feedback) => {
    // A save can be seen half-written (truncated, then written): wait for the render of the new revision.
    if (waiting && feedback.ok && feedback.output?.includes(`(revision ${waiting.revision})`))
      waiting.resolve(feedback);
  });
  await watcher.ready;
  const cycles: CycleTiming[] = [];
  try {
    for (let revision = 2; revision < CYCLES + 2; revision++) {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_CYCLES_MS));
      const seen = new Promise<DevFeedback>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`revision ${revision} not seen`)), CYCLE_TIMEOUT_MS);
        waiting = {
          revision,
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f);
          },
        };
      });
      const changedAt = performance.now();
      const name = `test_${String(revision % FILES).padStart(3, '0')}`;
      writeFileSync(
        path.join(project.testsDir, `${name}.toml`),
        definitionText(name, 'complex', size, revision),
      );
      const feedback = await seen;
      const t = feedback.timings ?? { parseMs: 0, renderMs: 0, writeMs: 0 };
      const cycle = {
        detect: feedback.detectedAt - changedAt,
        parse: t.parseMs,
        render: t.renderMs,
        write: t.writeMs,
        total: performance.now() - changedAt,
      };
      cycles.push(cycle);
      reportCycle(cycle);
    }
  } finally {
    await watcher.close();
  }
  console.log(`hot_reload cycles: ${cycles.length} cycles (ms: median / p95 / max)`);
  for (const stage of ['detect', 'parse', 'render', 'write', 'total'] as const) {
    const s = summarize(cycles.map((c) => c[stage]));
    console.log(`  ${stage.padEnd(6)} ${s.median.toFixed(2)} / ${s.p95.toFixed(2)} / ${s.max.toFixed(2)}`);
  }
});
