/**
 * A test definition: one TOML file naming a template and supplying what it renders (services,
 * scenarios with steps and assertions, free variables). Parsed with smol-toml and validated with
 * zod so that every problem comes back with its key path and, via locate.ts, a line.
 */
import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { DemoError } from './errors.js';
import { lineOfPath, type PathSegment } from './locate.js';

const name = z.string().min(1, 'must not be empty');
const scalar = z.union([z.string(), z.number()]);

/** What a step computes; `execute.ts` gives each its meaning. */
export const stepOps = ['render', 'sum', 'product', 'concat', 'sort', 'upper', 'lower', 'length'] as const;

const serviceSchema = z
  .object({
    name,
    image: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    depends_on: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
  })
  .strict();

const stepSchema = z
  .object({
    name: z.string().optional(),
    op: z.enum(stepOps),
    /** A Liquid snippet for `render`, a string for `upper`/`lower`/`length`, a list for the others. */
    input: z.union([z.string(), z.array(scalar)]),
    /** Compared with the step's result as text. */
    expect: scalar,
  })
  .strict();

const assertionSchema = z
  .object({
    contains: z.string().optional(),
    not_contains: z.string().optional(),
    matches: z.string().optional(),
    min_lines: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((a) => Object.keys(a).length === 1, {
    message: 'an assertion needs exactly one of contains, not_contains, matches, min_lines',
  });

const scenarioSchema = z
  .object({
    name,
    tags: z.array(z.string()).default([]),
    steps: z.array(stepSchema).default([]),
    assertions: z.array(assertionSchema).default([]),
  })
  .strict();

/** The schema of a whole test definition file. */
export const definitionSchema = z
  .object({
    name,
    /** File name of a template inside the project's templates folder. */
    template: name,
    description: z.string().default(''),
    vars: z.record(z.string(), z.unknown()).default({}),
    services: z.array(serviceSchema).default([]),
    scenarios: z.array(scenarioSchema).min(1, 'a test needs at least one scenario'),
  })
  .strict();

/** A validated test definition, with defaults filled in. */
export type TestDefinition = z.output<typeof definitionSchema>;
/** One scenario: named steps to compute and assertions on the rendered document. */
export type ScenarioDef = TestDefinition['scenarios'][number];
/** One computation with its expected result. */
export type StepDef = ScenarioDef['steps'][number];
/** One check of the rendered document. */
export type AssertionDef = ScenarioDef['assertions'][number];
/** A service the template describes (name, image, port, dependencies, env). */
export type ServiceDef = TestDefinition['services'][number];

/** One schema problem, located: what lint prints and what `parseDefinition` throws first. */
export interface DefinitionIssue {
  file: string;
  line: number;
  path: string;
  message: string;
}

/** Parses TOML text, turning smol-toml's error into a located DemoError. */
export function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const firstLine = error.message.split('\n')[0] ?? error.message;
      throw new DemoError(`invalid TOML: ${firstLine}`, file, error.line, { cause: error });
    }
    throw error;
  }
}

/** Validates parsed TOML; returns the definition or every issue found, each with a line. */
export function validateDefinition(
  data: unknown,
  text: string,
  file: string,
): { definition: TestDefinition; issues: [] } | { definition: undefined; issues: DefinitionIssue[] } {
  const result = definitionSchema.safeParse(data);
  if (result.success) return { definition: result.data, issues: [] };
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    return { file, line: lineOfPath(text, path), path: formatPath(path), message: issue.message };
  });
  return { definition: undefined, issues };
}

/** Text to validated definition; throws a DemoError naming the first problem and where it is. */
export function parseDefinition(text: string, file: string): TestDefinition {
  const { definition, issues } = validateDefinition(parseToml(text, file), text, file);
  if (definition) return definition;
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more; run lint)` : '';
  throw new DemoError(`${first?.path || '(root)'}: ${first?.message}${more}`, file, first?.line);
}

/** `scenarios[2].steps[0].op`: the form users see in messages. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
