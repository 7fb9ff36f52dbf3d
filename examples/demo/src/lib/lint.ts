/**
 * Rule checks on test definitions, reported as `file:line: [rule] message` so editors can jump
 * to them. Schema problems come from zod (missing fields, wrong types); the other rules need the
 * whole project: which templates exist and which variables they read.
 */
import { readFileSync } from 'node:fs';
import { parseToml, type TestDefinition, validateDefinition } from './definition.js';
import { DemoError } from './errors.js';
import { lineOfPath } from './locate.js';
import { listTestFiles, type Project } from './project.js';
import { createRenderer, type Renderer } from './render.js';
import { scanTemplates, type TemplateInfo } from './scan.js';

/** The rules lint knows; each issue names one. */
export type LintRule =
  | 'toml-syntax'
  | 'missing-field'
  | 'schema'
  | 'unknown-template'
  | 'template-error'
  | 'duplicate-scenario'
  | 'unknown-service'
  | 'unused-variable';

/** One finding. */
export interface LintIssue {
  file: string;
  line: number;
  rule: LintRule;
  message: string;
}

/** What lint needs to know about the project beyond the file itself. */
export interface LintContext {
  templates: readonly TemplateInfo[];
  renderer: Renderer;
}

/** Lints one definition's text. */
export function lintDefinition(file: string, text: string, context: LintContext): LintIssue[] {
  let data: unknown;
  try {
    data = parseToml(text, file);
  } catch (error) {
    if (!(error instanceof DemoError)) throw error;
    return [{ file, line: error.line ?? 1, rule: 'toml-syntax', message: error.message }];
  }
  const { definition, issues } = validateDefinition(data, text, file);
  if (!definition) {
    return issues.map((i) => {
      const missing = /received undefined/.test(i.message);
      return {
        file,
        line: i.line,
        rule: missing ? 'missing-field' : 'schema',
        message: missing ? `missing required field "${i.path}"` : `${i.path || '(root)'}: ${i.message}`,
      };
    });
  }
  const at = (...path: (string | number)[]) => lineOfPath(text, path);
  return [
    ...templateIssues(definition, context, file, at('template')),
    ...duplicateScenarios(definition).map((index) => ({
      file,
      line: at('scenarios', index, 'name'),
      rule: 'duplicate-scenario' as const,
      message: `scenario "${definition.scenarios[index]?.name}" is defined more than once`,
    })),
    ...unknownServices(definition).map(({ service, index, missing }) => ({
      file,
      line: at('services', index, 'depends_on'),
      rule: 'unknown-service' as const,
      message: `service "${service}" depends on "${missing}", which is not defined`,
    })),
    ...unusedVariables(definition, context).map((name) => ({
      file,
      line: at('vars', name),
      rule: 'unused-variable' as const,
      message: `variable "${name}" is not used by template "${definition.template}" or any render step`,
    })),
  ];
}

function templateIssues(
  definition: TestDefinition,
  context: LintContext,
  file: string,
  line: number,
): LintIssue[] {
  const template = context.templates.find((t) => t.name === definition.template);
  if (!template) {
    const known = context.templates.map((t) => t.name).join(', ') || 'none';
    return [
      {
        file,
        line,
        rule: 'unknown-template',
        message: `template "${definition.template}" not found (known: ${known})`,
      },
    ];
  }
  if (template.error) {
    return [
      { file, line, rule: 'template-error', message: `template "${template.name}": ${template.error}` },
    ];
  }
  return [];
}

/** Indices of scenarios whose name an earlier scenario already has. */
export function duplicateScenarios(definition: TestDefinition): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  definition.scenarios.forEach((s, i) => {
    if (seen.has(s.name)) duplicates.push(i);
    seen.add(s.name);
  });
  return duplicates;
}

function unknownServices(definition: TestDefinition): { service: string; index: number; missing: string }[] {
  const names = new Set(definition.services.map((s) => s.name));
  return definition.services.flatMap((s, index) =>
    s.depends_on.filter((d) => !names.has(d)).map((missing) => ({ service: s.name, index, missing })),
  );
}

/**
 * Variables under `[vars]` that neither the template (partials included, via liquidjs' static
 * analysis) nor any `render` step reads. A template that reads `vars` as a whole uses them all.
 */
export function unusedVariables(definition: TestDefinition, context: LintContext): string[] {
  const names = Object.keys(definition.vars);
  if (names.length === 0) return [];
  const template = context.templates.find((t) => t.name === definition.template);
  if (!template || template.error) return [];
  const read = new Set<string>();
  const collect = (paths: string[]) => {
    for (const p of paths) read.add(p);
  };
  try {
    collect(context.renderer.globalFullVariablesSync(context.renderer.parseFileSync(definition.template)));
    for (const scenario of definition.scenarios) {
      for (const step of scenario.steps) {
        if (step.op === 'render' && typeof step.input === 'string') {
          collect(context.renderer.globalFullVariablesSync(step.input));
        }
      }
    }
  } catch {
    return []; // A template that does not analyse is reported by templateIssues.
  }
  if (read.has('vars')) return [];
  return names.filter(
    (n) =>
      ![...read].some((p) => p === `vars.${n}` || p.startsWith(`vars.${n}.`) || p.startsWith(`vars.${n}[`)),
  );
}

/** Lints every test definition of a project. */
export function lintProject(project: Project): LintIssue[] {
  const renderer = createRenderer(project.templatesDir);
  const context: LintContext = { templates: scanTemplates(project.templatesDir, renderer), renderer };
  return listTestFiles(project).flatMap((file) => lintDefinition(file, readFileSync(file, 'utf8'), context));
}

/** `file:line: [rule] message`. */
export function formatIssue(issue: LintIssue, relativeTo?: (file: string) => string): string {
  const file = relativeTo ? relativeTo(issue.file) : issue.file;
  return `${file}:${issue.line}: [${issue.rule}] ${issue.message}`;
}
