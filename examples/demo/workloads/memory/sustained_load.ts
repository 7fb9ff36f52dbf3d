/**
 * Memory scenario `sustained_load` (healthy, expected stable): sustained load on the template
 * cache. 1000 distinct small templates are rendered through one demo renderer with its template
 * cache on, over and over; each pass over all 1000 is one iteration. The cache holds every parsed
 * template after the first pass and is bounded by the 1000 templates, so memory must level off.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parseDefinition } from '../../src/lib/definition.js';
import { createRenderer, renderDefinition } from '../../src/lib/render.js';
import { definitionText } from '../support/generate.js';
import { withTempDir } from '../support/harness.js';
import { repeatUntil, runScenario } from './scenario.js';

const TEMPLATES = 1000;
/** Renders between yields: about 10-20 ms of work, so the agent's 100 ms readings are never late. */
const BATCH = 100;

/** Template `i`: small, and distinct in both text and structure so each parses to its own tree. */
const templateSource = (i: number): string =>
  `{{ name }} #${i} ({{ vars.environment }})\n` +
  `{% for service in services limit: ${1 + (i % 4)} %}- {{ service.name }}:{{ service.port | plus: ${i} }}\n{% endfor %}` +
  `${i % 2 ? '{{ scenarios.size | times: 2 }} checks' : '{{ description | truncate: 20 }}'}\n`;

const templateName = (i: number): string => `t${String(i).padStart(4, '0')}.txt.liquid`;

await runScenario('sustained_load', (stop) =>
  withTempDir('mem-load', async (dir) => {
    const templatesDir = path.join(dir, 'templates');
    mkdirSync(templatesDir);
    for (let i = 0; i < TEMPLATES; i++)
      writeFileSync(path.join(templatesDir, templateName(i)), templateSource(i));
    const renderer = createRenderer(templatesDir);
    const size = { services: 4, scenarios: 3, stepsPerScenario: 2 };
    const definition = parseDefinition(definitionText('load', 'simple', size), 'load.toml');
    let chars = 0;
    const passes = await repeatUntil(stop, async () => {
      for (let i = 0; i < TEMPLATES; i++) {
        chars += renderDefinition(renderer, { ...definition, template: templateName(i) }, 'load').length;
        if ((i + 1) % BATCH === 0) await yieldToEventLoop();
      }
    });
    return `${passes} passes over ${TEMPLATES} templates, ${(chars / Math.max(1, passes * TEMPLATES)).toFixed(0)} chars per render`;
  }),
);
