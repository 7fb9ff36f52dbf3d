/**
 * Deterministic inputs for the workloads: test definitions of a chosen size, the templates they
 * render through, and whole projects on disk. Values derive from indices only, so every run
 * profiles exactly the same work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'smol-toml';
import { loadProject, type Project } from '../../src/lib/project.js';

/** How big a generated definition is. */
export interface DefinitionSize {
  services: number;
  scenarios: number;
  stepsPerScenario: number;
}

/** The test size of the `run` workloads (scalability, parallel, the validate sweep): about 2-5 ms a file here. */
export const runTestSize: DefinitionSize = { services: 6, scenarios: 8, stepsPerScenario: 3 };

/** The three template shapes: plain substitution, loops with conditionals, nested loops with partials. */
export type TemplateKind = 'simple' | 'medium' | 'complex';

/** Template file name for each kind; the partial is used by `complex`. */
export const templateFile: Record<TemplateKind, string> = {
  simple: 'simple.txt.liquid',
  medium: 'medium.md.liquid',
  complex: 'complex.md.liquid',
};

/** Template sources by file name. */
export const templates: Record<string, string> = {
  'simple.txt.liquid': `{{ name }}: {{ description }}
environment={{ vars.environment }} owner={{ vars.owner }} revision={{ vars.revision }}
services={{ services.size }} scenarios={{ scenarios.size }}
`,
  'medium.md.liquid': `# {{ name }} ({{ vars.environment }}, revision {{ vars.revision }})
{{ description }}
{% for service in services %}
- {{ service.name }}{% if service.port %}:{{ service.port }}{% endif %}{% if service.depends_on.size > 0 %} after {{ service.depends_on | join: ", " }}{% endif %}{% endfor %}
{% for scenario in scenarios %}
## {{ forloop.index }}. {{ scenario.name }}{% if scenario.tags contains "slow" %} (slow){% endif %}
{% if scenario.steps.size > 2 %}{{ scenario.steps.size }} steps{% else %}short{% endif %}, owner {{ vars.owner | upcase }}
{% endfor %}`,
  'complex.md.liquid': `# {{ name | upcase }} - {{ project.name }} (revision {{ vars.revision }})
{{ description }}
{% assign slow = scenarios | where: "tags", "slow" %}{{ slow.size }} slow scenarios of {{ scenarios.size }}
{% for service in services %}
## {% render 'partials/service.liquid', service: service %}
{% for scenario in scenarios %}{% if scenario.tags contains service.name or forloop.index0 == 0 %}
### {{ scenario.name }} on {{ service.name }}
{% for step in scenario.steps %}  {{ forloop.index }}. {{ step.name | default: step.op }} -> {{ step.expect | truncate: 24 }}{% if step.op == "render" %} (template){% endif %}
{% endfor %}{% endif %}{% endfor %}{% endfor %}
Tags: {{ scenarios | map: "tags" | join: "," | split: "," | uniq | sort | join: ", " }}
`,
  'partials/service.liquid': `{{ service.name }}{% if service.image %} [{{ service.image }}]{% endif %}{% for pair in service.env %} {{ pair[0] }}={{ pair[1] }}{% endfor %}`,
};

const ops = ['sum', 'product', 'concat', 'sort', 'upper', 'length', 'render'] as const;

/** A plain object that stringifies to a valid test definition whose steps all pass. */
export function definitionData(name: string, kind: TemplateKind, size: DefinitionSize, revision = 1) {
  const services = Array.from({ length: size.services }, (_, i) => ({
    name: `svc${i}`,
    image: `demo/svc${i}:1.${i % 7}`,
    port: 8000 + i,
    depends_on: i > 0 ? [`svc${i - 1}`] : [],
    env: { LOG_LEVEL: i % 2 ? 'debug' : 'info', REGION: `eu-${i % 3}` },
  }));
  const scenarios = Array.from({ length: size.scenarios }, (_, s) => ({
    name: `scenario ${s}`,
    tags: [`svc${s % Math.max(1, size.services)}`, ...(s % 4 === 0 ? ['slow'] : []), `group${s % 5}`],
    steps: Array.from({ length: size.stepsPerScenario }, (_, k) => step(s, k)),
    assertions: [{ contains: name }, { min_lines: 2 }],
  }));
  return {
    name,
    template: templateFile[kind],
    description: `Generated ${kind} test with ${size.services} services and ${size.scenarios} scenarios.`,
    vars: { environment: 'bench', owner: 'perf-team', revision },
    services,
    scenarios,
  };
}

function step(s: number, k: number) {
  const op = ops[(s + k) % ops.length] ?? 'sum';
  const a = s + k + 1;
  const b = (s * 3 + k) % 11;
  switch (op) {
    case 'sum':
      return { name: `add ${a}+${b}`, op, input: [a, b], expect: a + b };
    case 'product':
      return { op, input: [a, b], expect: a * b };
    case 'concat':
      return { op, input: ['s', a, '-', b], expect: `s${a}-${b}` };
    case 'sort':
      return { op, input: [`c${b}`, `a${a}`, `b${k}`], expect: [`c${b}`, `a${a}`, `b${k}`].sort().join(',') };
    case 'upper':
      return { op, input: `step ${k}`, expect: `STEP ${k}` };
    case 'length':
      return { op, input: `x`.repeat(a), expect: a };
    case 'render':
      return {
        name: `render ${k}`,
        op,
        input: '{{ scenario.name }}/{{ vars.owner }}',
        expect: `scenario ${s}/perf-team`,
      };
  }
}

/** The TOML text of a generated definition. */
export function definitionText(name: string, kind: TemplateKind, size: DefinitionSize, revision = 1): string {
  return stringify(definitionData(name, kind, size, revision));
}

/** Writes a project with `tests` generated definitions and every template; returns it loaded. */
export function writeProject(dir: string, tests: number, kind: TemplateKind, size: DefinitionSize): Project {
  writeFileSync(path.join(dir, 'demo.toml'), stringify({ project: { name: 'generated' } }));
  for (const [file, source] of Object.entries(templates)) {
    mkdirSync(path.dirname(path.join(dir, 'templates', file)), { recursive: true });
    writeFileSync(path.join(dir, 'templates', file), source);
  }
  mkdirSync(path.join(dir, 'tests'), { recursive: true });
  for (let i = 0; i < tests; i++) {
    const name = `test_${String(i).padStart(3, '0')}`;
    writeFileSync(path.join(dir, 'tests', `${name}.toml`), definitionText(name, kind, size));
  }
  return loadProject(dir);
}
