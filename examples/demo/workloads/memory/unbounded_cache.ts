/**
 * Memory scenario `unbounded_cache` (deliberately faulty, expected linear growth): a render cache
 * whose key includes the request id, so every request is a miss and a new entry, and nothing is
 * ever evicted. Requests arrive at a steady pace, so the retained heap (and RSS) grows linearly, by
 * about 3 MB/s; the heap profile shows the cached outputs under liquidjs' `render` frames.
 */
import { probe } from 'perfsuite/probe';
import { parseDefinition, type TestDefinition } from '../../src/lib/definition.js';
import { createRenderer, type Renderer, renderDefinition } from '../../src/lib/render.js';
import { definitionText, writeProject } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import { everyInterval, megabytes, runScenario } from './scenario.js';

/**
 * Rendered characters added to the cache per second. A cached output retains about 8 bytes of
 * heap per character (measured: liquidjs builds its output by concatenation, so each output is a
 * tree of string pieces), so 375,000 characters a second is about 3 MB/s of heap.
 */
const CACHED_CHARS_PER_SECOND = 375_000;
const TICK_MS = 100;

/** The fault: `requestId` in the key makes every entry unique, and no entry is ever evicted. */
function renderCached(
  cache: Map<string, string>,
  renderer: Renderer,
  definition: TestDefinition,
  requestId: number,
): string {
  const key = `${definition.template}:${definition.name}:${requestId}`;
  let output = cache.get(key);
  if (output === undefined) {
    // Rendered with the request's id, as a per-request page would be: each output is a new string.
    output = renderDefinition(renderer, { ...definition, description: `request ${requestId}` }, 'cache');
    cache.set(key, output);
  }
  return output;
}

await runScenario('unbounded_cache', (stop) =>
  withTempDir('mem-cache', async (dir) => {
    // About 1,600 characters per render: some 150 renders a second, a quarter of one core.
    const size = { services: 10, scenarios: 30, stepsPerScenario: 3 };
    const project = writeProject(dir, 0, 'medium', size);
    const renderer = createRenderer(project.templatesDir);
    const definition = parseDefinition(definitionText('cached', 'medium', size), 'cached.toml');
    const cache = new Map<string, string>();
    let cachedChars = 0;
    let requests = 0;
    // Paced by the clock: the cache holds rate x elapsed characters whatever this machine's speed.
    await everyInterval(stop, TICK_MS, (elapsedSec) => {
      while (cachedChars < CACHED_CHARS_PER_SECOND * elapsedSec) {
        cachedChars += renderCached(cache, renderer, definition, requests++).length;
        probe.iteration();
      }
    });
    return `${requests} requests, ${cache.size} cache entries holding ${megabytes(cachedChars)} of output`;
  }),
);
