/** Lint rules on real projects on disk, and the canonical TOML formatter. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatFiles, formatToml } from '../../examples/demo/src/lib/fmt.js';
import { formatIssue, lintProject } from '../../examples/demo/src/lib/lint.js';
import { loadProject } from '../../examples/demo/src/lib/project.js';
import { copyOfStarter, FIXTURE_PROJECT, STARTER } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

function projectWithTest(text: string) {
  const temp = copyOfStarter('lint');
  cleanups.push(temp.cleanup);
  writeFileSync(path.join(temp.dir, 'tests', 'extra.toml'), text);
  return loadProject(temp.dir);
}

describe('lint', () => {
  it('finds nothing in the starter and fixture projects', () => {
    expect(lintProject(loadProject(STARTER))).toEqual([]);
    expect(lintProject(loadProject(FIXTURE_PROJECT))).toEqual([]);
  });

  it('reports missing fields, an unknown template, duplicates, unknown services and unused vars', () => {
    const project = projectWithTest(`name = "extra"
template = "suite.md.liquid"

[vars]
environment = "ci"
unused_one = 1
used_by_step = "x"

[[services]]
name = "api"
depends_on = ["cache"]

[[scenarios]]
name = "same"

[[scenarios.steps]]
op = "render"
input = "{{ vars.used_by_step }}"
expect = "x"

[[scenarios]]
name = "same"
`);
    const lines = lintProject(project).map((i) => formatIssue(i, (f) => path.basename(f)));
    expect(lines).toEqual([
      'extra.toml:22: [duplicate-scenario] scenario "same" is defined more than once',
      'extra.toml:11: [unknown-service] service "api" depends on "cache", which is not defined',
      'extra.toml:6: [unused-variable] variable "unused_one" is not used by template "suite.md.liquid" or any render step',
    ]);
  });

  it('reports a missing field and an unknown template by rule', () => {
    const missing = lintProject(projectWithTest('template = "suite.md.liquid"\n[[scenarios]]\nname = "a"\n'));
    expect(missing.map((i) => `${i.line} ${i.rule} ${i.message}`)).toEqual([
      '1 missing-field missing required field "name"',
    ]);
    const unknown = lintProject(
      projectWithTest('name = "a"\n\ntemplate = "gone.liquid"\n[[scenarios]]\nname = "a"\n'),
    );
    expect(unknown.map((i) => `${i.line} ${i.rule}`)).toEqual(['3 unknown-template']);
    expect(unknown[0]?.message).toContain('known: partials/service.md.liquid, suite.md.liquid');
  });

  it('reports a TOML syntax error with its line', () => {
    const issues = lintProject(projectWithTest('name = "a"\n\nscenarios = [\n'));
    expect(issues.map((i) => `${i.line} ${i.rule}`)).toEqual(['4 toml-syntax']);
  });
});

describe('fmt', () => {
  it('sorts keys at every depth, keeps array order, and is idempotent', () => {
    const text =
      'zeta = 1\nalpha = "a"\n\n[[list]]\nb = 2\na = 1\n\n[[list]]\nz = 0\n\n[table]\ny = true\nx = [3, 1, 2]\n';
    const formatted = formatToml(text);
    expect(formatted).toBe(
      'alpha = "a"\nzeta = 1\n\n[[list]]\na = 1\nb = 2\n\n[[list]]\nz = 0\n\n[table]\nx = [ 3, 1, 2 ]\ny = true\n',
    );
    expect(formatToml(formatted)).toBe(formatted);
  });

  it('with check, lists files that would change and writes nothing', () => {
    const temp = copyOfStarter('fmt');
    cleanups.push(temp.cleanup);
    const file = path.join(temp.dir, 'tests', 'smoke.toml');
    const messy = `template = "suite.md.liquid"\n${readFileSync(file, 'utf8').replace('template = "suite.md.liquid"\n', '')}`;
    writeFileSync(file, messy);
    expect(formatFiles([file], { check: true })).toEqual([file]);
    expect(readFileSync(file, 'utf8')).toBe(messy);
    expect(formatFiles([file], { check: false })).toEqual([file]);
    expect(formatFiles([file], { check: true })).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(STARTER, 'tests', 'smoke.toml'), 'utf8'));
  });
});
