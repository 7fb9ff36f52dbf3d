import { describe, expect, it } from 'vitest';
import { workloadSchema } from '../config/schema.js';
import { starterConfig } from './init.js';

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

describe('starterConfig', () => {
  const text = starterConfig({ name: 'shop' });

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
