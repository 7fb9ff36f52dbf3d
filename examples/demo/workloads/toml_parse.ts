/**
 * Suite `toml_parse`: parses and validates (smol-toml, then the zod schema) a test definition
 * many times. simple: one service, two scenarios; medium: a typical test; large: 60 scenarios.
 */
import { parseDefinition } from '../src/lib/definition.js';
import { type DefinitionSize, definitionText } from './support/generate.js';
import { perIteration, pickCase, scaled, timeLoop } from './support/harness.js';

const cases: Record<'simple' | 'medium' | 'large', { size: DefinitionSize; iterations: number }> = {
  simple: { size: { services: 1, scenarios: 2, stepsPerScenario: 2 }, iterations: 15_000 },
  medium: { size: { services: 8, scenarios: 12, stepsPerScenario: 4 }, iterations: 1_500 },
  large: { size: { services: 20, scenarios: 60, stepsPerScenario: 6 }, iterations: 300 },
};

const name = pickCase('toml_parse', cases);
const { size, iterations } = cases[name];
const text = definitionText(name, 'medium', size);
const count = scaled(iterations);
let scenarios = 0;
const elapsed = timeLoop(count, () => {
  scenarios += parseDefinition(text, `${name}.toml`).scenarios.length;
});
console.log(
  `toml_parse ${name}: ${count} parses of ${text.length} chars (${scenarios / count} scenarios), ${perIteration(elapsed, count)}`,
);
