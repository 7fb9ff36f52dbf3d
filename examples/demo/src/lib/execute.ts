/**
 * "Executing" a rendered test: each scenario's steps are computed and compared with what the TOML
 * expects, and its assertions are checked against the rendered document. Pure functions, so the
 * `run` command, the workloads and the tests share them.
 */
import type { AssertionDef, ScenarioDef, StepDef, TestDefinition } from './definition.js';
import { type Renderer, templateContext } from './render.js';

/** The outcome of one step or assertion; `detail` says what differed when it failed. */
export interface CheckResult {
  label: string;
  passed: boolean;
  detail?: string;
}

/** One scenario's checks; it passed when every check did. */
export interface ScenarioResult {
  test: string;
  scenario: string;
  passed: boolean;
  checks: CheckResult[];
}

const numbers = (input: StepDef['input'], op: string): number[] => {
  if (!Array.isArray(input)) throw new Error(`${op} needs a list of numbers`);
  return input.map((v) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isNaN(n)) throw new Error(`${op}: "${v}" is not a number`);
    return n;
  });
};

const text = (input: StepDef['input'], op: string): string => {
  if (typeof input !== 'string') throw new Error(`${op} needs a string`);
  return input;
};

/** Computes a step's result as text; `render` renders its input as a Liquid snippet in the test's context. */
export function evaluateStep(step: StepDef, context: Record<string, unknown>, renderer: Renderer): string {
  switch (step.op) {
    case 'render':
      return renderer.parseAndRenderSync(text(step.input, step.op), context);
    case 'sum':
      return String(numbers(step.input, step.op).reduce((a, b) => a + b, 0));
    case 'product':
      return String(numbers(step.input, step.op).reduce((a, b) => a * b, 1));
    case 'concat':
      return Array.isArray(step.input) ? step.input.join('') : step.input;
    case 'sort':
      return (Array.isArray(step.input) ? step.input.map(String) : [...step.input]).sort().join(',');
    case 'upper':
      return text(step.input, step.op).toUpperCase();
    case 'lower':
      return text(step.input, step.op).toLowerCase();
    case 'length':
      return String(step.input.length);
  }
}

/** Checks one assertion against the rendered document. */
export function checkAssertion(assertion: AssertionDef, rendered: string): CheckResult {
  if (assertion.contains !== undefined) {
    const passed = rendered.includes(assertion.contains);
    return { label: `contains "${assertion.contains}"`, passed, ...(passed ? {} : { detail: 'not found' }) };
  }
  if (assertion.not_contains !== undefined) {
    const passed = !rendered.includes(assertion.not_contains);
    return {
      label: `does not contain "${assertion.not_contains}"`,
      passed,
      ...(passed ? {} : { detail: 'found' }),
    };
  }
  if (assertion.matches !== undefined) {
    const passed = new RegExp(assertion.matches, 'm').test(rendered);
    return { label: `matches /${assertion.matches}/`, passed, ...(passed ? {} : { detail: 'no match' }) };
  }
  const lines = rendered.split('\n').length;
  const min = assertion.min_lines ?? 0;
  const passed = lines >= min;
  return { label: `at least ${min} lines`, passed, ...(passed ? {} : { detail: `${lines} lines` }) };
}

function runStep(
  step: StepDef,
  index: number,
  context: Record<string, unknown>,
  renderer: Renderer,
): CheckResult {
  const label = step.name ?? `step ${index + 1} (${step.op})`;
  try {
    const actual = evaluateStep(step, context, renderer);
    const expected = String(step.expect);
    if (actual === expected) return { label, passed: true };
    return { label, passed: false, detail: `expected "${expected}", got "${actual}"` };
  } catch (error) {
    return { label, passed: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs one scenario: its steps see the test's template context plus `scenario`. */
export function executeScenario(
  definition: TestDefinition,
  scenario: ScenarioDef,
  rendered: string,
  renderer: Renderer,
  projectName: string,
): ScenarioResult {
  const context = { ...templateContext(definition, projectName), scenario };
  const checks = [
    ...scenario.steps.map((step, i) => runStep(step, i, context, renderer)),
    ...scenario.assertions.map((a) => checkAssertion(a, rendered)),
  ];
  return { test: definition.name, scenario: scenario.name, passed: checks.every((c) => c.passed), checks };
}

/** Runs every scenario of a rendered test. */
export function executeDefinition(
  definition: TestDefinition,
  rendered: string,
  renderer: Renderer,
  projectName: string,
): ScenarioResult[] {
  return definition.scenarios.map((s) => executeScenario(definition, s, rendered, renderer, projectName));
}
