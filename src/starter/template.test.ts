import { describe, expect, it } from 'vitest';
import { configSchema, workloadSchema } from '../config/schema.js';
import type { Proposals } from './propose.js';
import { STARTER_LOAD } from './propose.js';
import { starterConfig } from './template.js';

/** The commented workload examples (`// name: {` to `// },` under `workloads`), uncommented. */
function uncommentedExamples(text: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (/^ {8}\/\/ \w+: \{$/.test(line)) inside = true;
    if (inside) lines.push(line.replace(/^( {8})\/\/ /, '$1'));
    if (/^ {8}\/\/ \},$/.test(line)) inside = false;
  }
  return lines;
}

/** The examples evaluated as the object literals they are (no TypeScript in them). */
function examples(text: string): Record<string, unknown> {
  return new Function(`return {\n${uncommentedExamples(text).join('\n')}\n};`)() as Record<string, unknown>;
}

/** The config's object, evaluated: the text between `defineConfig(` and its `);`, with no TypeScript in it. */
function configObject(text: string): unknown {
  const body = text.slice(text.indexOf('defineConfig(') + 'defineConfig('.length, text.lastIndexOf(');'));
  return new Function(`return ${body};`)();
}

const found: Proposals = {
  name: "shop's",
  proposals: [
    {
      name: 'start',
      notes: ['"npm run start" runs: node server.js'],
      workload: { script: 'server.js', env: { PORT: '0' }, load: STARTER_LOAD, timeout: 60 },
      server: 'express is a dependency',
      active: true,
    },
    {
      name: 'index',
      notes: ['The main file, run once.'],
      workload: { script: 'index.js', timeout: 60 },
      active: true,
    },
    {
      name: 'build',
      notes: ['"npm run build" runs: tsc -p .'],
      workload: { command: ['npm', 'run', 'build'], timeout: 300 },
      active: false,
    },
  ],
  skipped: [{ what: 'script "test"', why: "npm's placeholder: it only exits 1" }],
};

describe('starterConfig', () => {
  const text = starterConfig(found);

  it('writes the proposals as a valid config: servers with their load, suggestions and what was left out as comments', () => {
    const parsed = configSchema.parse(configObject(text));
    const workloads = parsed.suites.main?.workloads ?? {};
    expect(Object.keys(workloads)).toEqual(['start', 'index']);
    expect(workloads.start?.load).toEqual(STARTER_LOAD);
    expect(workloads.start?.env).toEqual({ PORT: '0' });
    expect(parsed.suites.main?.description).toBe("workloads of shop's");
    expect(text).toMatch(
      /^ {8}\/\/ build: \{ command: \['npm', 'run', 'build'\], timeout: 300 \}, \/\/ "npm run build" runs: tsc -p \.$/m,
    );
    expect(text).toMatch(/^ {8}\/\/ {3}script "test": npm's placeholder: it only exits 1$/m);
  });

  it('comments the whole suite out when nothing was found, and still loads', () => {
    const empty = starterConfig({ name: 'x', proposals: [], skipped: [] });
    expect(configSchema.parse(configObject(empty)).suites).toEqual({});
    expect(empty).toMatch(/^ {4}\/\/ main: \{$/m);
  });

  it('comments out a server example with load and ready, and one plain command', () => {
    expect(Object.keys(examples(text))).toEqual(['build', 'api']);
    expect(text).toMatch(/^ {8}\/\/ api: \{$/m);
    expect(text).toMatch(/^ {8}\/\/ {3}load: \{ paths: \[/m);
    expect(text).toMatch(/^ {8}\/\/ {3}ready: \{ output: /m);
  });

  it('whose examples are valid workloads once uncommented', () => {
    for (const [name, workload] of Object.entries(examples(text))) {
      const parsed = workloadSchema.safeParse(workload);
      expect(parsed.error?.issues, name).toBeUndefined();
    }
    const api = workloadSchema.parse(examples(text).api);
    expect(api.load).toEqual({ paths: ['/health', '/items?page=2'], connections: 10, duration: 10 });
    expect(api.validate?.targets.map((t) => t.metric)).toEqual(['rps', 'latency']);
  });

  it('writes the ready pattern escaped, so it still captures the port', () => {
    const api = workloadSchema.parse(examples(text).api);
    const match = new RegExp(api.ready?.output ?? '').exec('listening on http://localhost:3000');
    expect(match?.[1]).toBe('3000');
  });
});
