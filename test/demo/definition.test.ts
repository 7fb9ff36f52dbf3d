/** Parsing and validating test definitions, with the lines that errors point at. */
import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition } from '../../examples/demo/src/lib/definition.js';
import { DemoError } from '../../examples/demo/src/lib/errors.js';
import { lineOfPath } from '../../examples/demo/src/lib/locate.js';

const source = `name = "login"
template = "suite.md.liquid"

[vars]
region = "eu"

[[services]]
name = "api"

[[scenarios]]
name = "ok"

[[scenarios.steps]]
op = "sum"
input = [1, 2]
expect = 3

[[scenarios]]
name = "bad"

[[scenarios.steps]]
op = "sum"
input = [1]
expect = 1

[[scenarios.steps]]
op = "divide"
input = [1]
expect = 1
`;

describe('parseDefinition', () => {
  it('fills defaults for optional fields', () => {
    const ok = parseDefinition(source.replace('op = "divide"', 'op = "sum"'), 'login.toml');
    expect(ok.description).toBe('');
    expect(ok.services[0]).toEqual({ name: 'api', depends_on: [], env: {} });
    expect(ok.scenarios.map((s) => s.name)).toEqual(['ok', 'bad']);
    expect(ok.scenarios[0]?.assertions).toEqual([]);
  });

  it('names the key path and line of a schema problem', () => {
    const error = (() => {
      try {
        parseDefinition(source, 'login.toml');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DemoError);
    expect((error as DemoError).describe()).toMatch(/^login\.toml:27: scenarios\[1\]\.steps\[1\]\.op: /);
  });

  it('turns a TOML syntax error into a DemoError with its line', () => {
    expect(() => parseDefinition('name = "x"\ntemplate = \n', 'x.toml')).toThrow(
      expect.objectContaining({ file: 'x.toml', line: 2, message: expect.stringContaining('invalid TOML') }),
    );
  });

  it('reports every issue, not just the first', () => {
    const { issues } = validateDefinition({ scenarios: [] }, '', 'empty.toml');
    expect(issues.map((i) => i.path).sort()).toEqual(['name', 'scenarios', 'template']);
  });
});

describe('lineOfPath', () => {
  it('follows arrays of tables and keys in order', () => {
    expect(lineOfPath(source, ['template'])).toBe(2);
    expect(lineOfPath(source, ['vars', 'region'])).toBe(5);
    expect(lineOfPath(source, ['scenarios', 1, 'name'])).toBe(19);
    expect(lineOfPath(source, ['scenarios', 1, 'steps', 0, 'input'])).toBe(23);
  });

  it('falls back to the nearest line found, or 1', () => {
    expect(lineOfPath(source, ['scenarios', 7, 'name'])).toBe(1);
    expect(lineOfPath('services = [{ name = "a" }]\n', ['services', 0, 'name'])).toBe(1);
    expect(lineOfPath('x = 1\nservices = [{ name = "a" }]\n', ['services', 0])).toBe(2);
  });
});
