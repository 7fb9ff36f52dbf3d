/**
 * Suite `template_render`: renders one parsed definition through a Liquid template many times.
 * simple: substitution only; medium: loops and conditionals; complex: nested loops over many
 * services with a partial and filters.
 */
import { parseDefinition } from '../src/lib/definition.js';
import { createRenderer, renderDefinition } from '../src/lib/render.js';
import { type DefinitionSize, definitionText, type TemplateKind, writeProject } from './support/generate.js';
import { perIteration, pickCase, scaled, timeLoop, withTempDir } from './support/harness.js';

const cases: Record<TemplateKind, { size: DefinitionSize; iterations: number }> = {
  simple: { size: { services: 2, scenarios: 2, stepsPerScenario: 2 }, iterations: 25_000 },
  medium: { size: { services: 10, scenarios: 12, stepsPerScenario: 4 }, iterations: 1_200 },
  complex: { size: { services: 30, scenarios: 20, stepsPerScenario: 5 }, iterations: 32 },
};

const kind = pickCase('template_render', cases);
const { size, iterations } = cases[kind];
const count = scaled(iterations);

await withTempDir('render', (dir) => {
  const project = writeProject(dir, 0, kind, size);
  const renderer = createRenderer(project.templatesDir);
  const definition = parseDefinition(definitionText(kind, kind, size), `${kind}.toml`);
  let bytes = 0;
  const elapsed = timeLoop(count, () => {
    bytes += renderDefinition(renderer, definition, project.name).length;
  });
  console.log(
    `template_render ${kind}: ${count} renders, ${perIteration(elapsed, count)}, ${bytes / count} chars each`,
  );
});
