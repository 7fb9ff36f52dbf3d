/**
 * Memory scenario `scalability_100` (healthy, expected stable): the scalability case with 100
 * files, repeated. Each iteration takes a 100-file project through the `run` code path (read,
 * parse, render, write, execute) with a fresh renderer, as one `demo run` would; nothing is kept
 * between iterations, so memory must not grow with their number.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { executeDefinition } from '../../src/lib/execute.js';
import { renderTestFile } from '../../src/lib/pipeline.js';
import { listTestFiles } from '../../src/lib/project.js';
import { createRenderer } from '../../src/lib/render.js';
import { runTestSize, writeProject } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import { repeatUntil, runScenario } from './scenario.js';

const FILES = 100;
/**
 * Files between yields. `runProject` would hold the event loop for the whole project (about
 * 0.5 s), starving the agent's 100 ms V8 readings, so its loop is written out here with yields.
 */
const FILES_PER_YIELD = 10;

await runScenario('scalability_100', (stop) =>
  withTempDir('mem-scale', async (dir) => {
    const project = writeProject(dir, FILES, 'medium', runTestSize);
    let scenarios = 0;
    const runs = await repeatUntil(stop, async () => {
      const renderer = createRenderer(project.templatesDir);
      const files = listTestFiles(project);
      for (const [index, file] of files.entries()) {
        const rendered = renderTestFile(project, renderer, file);
        const results = executeDefinition(rendered.definition, rendered.output, renderer, project.name);
        const failed = results.find((r) => !r.passed);
        if (failed) throw new Error(`${file}: generated scenario "${failed.scenario}" failed`);
        scenarios += results.length;
        if ((index + 1) % FILES_PER_YIELD === 0) await yieldToEventLoop();
      }
    });
    return `${runs} runs of a ${FILES}-file project, ${scenarios} scenarios executed`;
  }),
);
