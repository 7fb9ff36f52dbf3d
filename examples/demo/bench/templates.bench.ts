/**
 * In-process benchmarks of the demo's hot paths, run by `profile validate` with tinybench: one call
 * is one render or one parse, with no process start-up in the figures (the `template_render` and
 * `toml_parse` suites time whole processes instead). The inputs are the ones those suites use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineBenchmarks } from 'perfsuite/bench';
import { parseDefinition } from '../src/lib/definition.js';
import { createRenderer, renderDefinition } from '../src/lib/render.js';
import {
  type DefinitionSize,
  definitionText,
  type TemplateKind,
  writeProject,
} from '../workloads/support/generate.js';

const renderSizes: Record<TemplateKind, DefinitionSize> = {
  simple: { services: 2, scenarios: 2, stepsPerScenario: 2 },
  medium: { services: 10, scenarios: 12, stepsPerScenario: 4 },
  complex: { services: 30, scenarios: 20, stepsPerScenario: 5 },
};

const parseSizes: Record<'small' | 'medium' | 'large', DefinitionSize> = {
  small: { services: 1, scenarios: 2, stepsPerScenario: 2 },
  medium: { services: 8, scenarios: 12, stepsPerScenario: 4 },
  large: { services: 20, scenarios: 60, stepsPerScenario: 6 },
};

// The templates live on disk (the renderer reads them by name) until this process exits.
const dir = mkdtempSync(path.join(os.tmpdir(), 'perfsuite-demo-bench-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const project = writeProject(dir, 0, 'simple', renderSizes.simple);
// Parsed templates are cached, as in the demo's `run` and `render` commands.
const renderer = createRenderer(project.templatesDir);

const definition = (kind: TemplateKind) =>
  parseDefinition(definitionText(kind, kind, renderSizes[kind]), `${kind}.toml`);
const simple = definition('simple');
const medium = definition('medium');
const complex = definition('complex');

const text = (size: keyof typeof parseSizes) => definitionText(size, 'medium', parseSizes[size]);
const small = text('small');
const mediumText = text('medium');
const large = text('large');

export default defineBenchmarks({
  render: {
    simple: () => renderDefinition(renderer, simple, project.name),
    medium: () => renderDefinition(renderer, medium, project.name),
    complex: () => renderDefinition(renderer, complex, project.name),
  },
  parse: {
    small: () => parseDefinition(small, 'small.toml'),
    medium: () => parseDefinition(mediumText, 'medium.toml'),
    large: () => parseDefinition(large, 'large.toml'),
  },
});
