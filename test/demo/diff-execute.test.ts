/** The Myers line diff (checked against GNU diff) and the step/assertion evaluator. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { diffRendered } from '../../examples/demo/src/commands/diff.js';
import { parseDefinition } from '../../examples/demo/src/lib/definition.js';
import { diffLines, unifiedDiff } from '../../examples/demo/src/lib/diff.js';
import { checkAssertion, executeDefinition } from '../../examples/demo/src/lib/execute.js';
import { renderTestFile } from '../../examples/demo/src/lib/pipeline.js';
import { loadProject } from '../../examples/demo/src/lib/project.js';
import { createRenderer } from '../../examples/demo/src/lib/render.js';
import { copyOfStarter, tempDir } from './helpers.js';

describe('diffLines', () => {
  it('finds the shortest edit script (Myers paper example: D = 5)', () => {
    const edits = diffLines([...'ABCABBA'], [...'CBABAC']);
    expect(edits.filter((e) => e.kind !== ' ')).toHaveLength(5);
    expect(edits.filter((e) => e.kind !== '+').map((e) => e.line)).toEqual([...'ABCABBA']);
    expect(edits.filter((e) => e.kind !== '-').map((e) => e.line)).toEqual([...'CBABAC']);
  });

  it('handles empty sides', () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines(['a'], [])).toEqual([{ kind: '-', line: 'a' }]);
    expect(diffLines([], ['b'])).toEqual([{ kind: '+', line: 'b' }]);
  });
});

describe('unifiedDiff', () => {
  const temp = tempDir('diff');
  afterAll(temp.cleanup);

  it.each([
    [
      'two hunks',
      '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n',
      '1\n2\nX\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n15\n16\n',
    ],
    ['insert at start', 'b\nc\n', 'a\nb\nc\n'],
    ['delete all', 'a\nb\n', ''],
    ['merged hunk', 'a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nB\nc\nd\ne\nf\nG\nh\n'],
  ])('matches GNU diff -u for %s', async (_name, a, b) => {
    const aFile = path.join(temp.dir, 'a.txt');
    const bFile = path.join(temp.dir, 'b.txt');
    writeFileSync(aFile, a);
    writeFileSync(bFile, b);
    const gnu = await execa('diff', ['-u', '--label', 'a', '--label', 'b', aFile, bFile], { reject: false });
    expect(unifiedDiff(a, b, { a: 'a', b: 'b' })).toBe(`${gnu.stdout}\n`);
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('x\ny\n', 'x\ny\n', { a: 'a', b: 'b' })).toBe('');
  });
});

describe('diffRendered', () => {
  it('without a second file, compares a fresh render with the last rendered output', () => {
    const temp = copyOfStarter('diff-last');
    try {
      const project = loadProject(temp.dir);
      const file = path.join(temp.dir, 'tests', 'smoke.toml');
      expect(() => diffRendered(file)).toThrow(/no previous output/);
      renderTestFile(project, createRenderer(project.templatesDir), file);
      expect(diffRendered(file)).toBe('');
      writeFileSync(file, readFileSync(file, 'utf8').replace('environment = "local"', 'environment = "ci"'));
      const text = diffRendered(file);
      expect(text).toContain('-# smoke (local)\n+# smoke (ci)');
      expect(text).toMatch(/^--- out\/smoke.md \(last rendered\)|^--- .*smoke.md \(last rendered\)/);
    } finally {
      temp.cleanup();
    }
  });
});

describe('executeDefinition', () => {
  const renderer = createRenderer(tempDir('exec').dir);
  const definition = parseDefinition(
    `name = "calc"
template = "t.liquid"
[vars]
who = "team"
[[scenarios]]
name = "all ops"
steps = [
  { op = "sum", input = [1, 2, 3.5], expect = 6.5 },
  { op = "product", input = [2, 3, 4], expect = 24 },
  { op = "concat", input = ["a", 1, "b"], expect = "a1b" },
  { op = "sort", input = ["b", "c", "a"], expect = "a,b,c" },
  { op = "upper", input = "hi", expect = "HI" },
  { op = "lower", input = "HI", expect = "hi" },
  { op = "length", input = "four", expect = 4 },
  { op = "render", input = "{{ scenario.name }} by {{ vars.who }}", expect = "all ops by team" },
]
assertions = [{ contains = "calc" }, { min_lines = 2 }]
[[scenarios]]
name = "failing"
steps = [
  { op = "sum", input = [1, 1], expect = 3 },
  { op = "sum", input = "not a list", expect = 0 },
]
assertions = [{ not_contains = "calc" }, { matches = "^nope$" }]
`,
    'calc.toml',
  );

  it('computes each op and checks assertions against the rendered text', () => {
    const [ok, failing] = executeDefinition(definition, 'report for calc\nline 2', renderer, 'p');
    expect(ok?.passed).toBe(true);
    expect(ok?.checks).toHaveLength(10);
    expect(failing?.passed).toBe(false);
    expect(failing?.checks.map((c) => [c.passed, c.detail])).toEqual([
      [false, 'expected "3", got "2"'],
      [false, 'sum needs a list of numbers'],
      [false, 'found'],
      [false, 'no match'],
    ]);
  });

  it('reports the line count when min_lines fails', () => {
    expect(checkAssertion({ min_lines: 5 }, 'a\nb')).toEqual({
      label: 'at least 5 lines',
      passed: false,
      detail: '2 lines',
    });
  });
});
