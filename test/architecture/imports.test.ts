import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readImportGraph } from '../support/import-graph.js';
import {
  circles,
  type Floors,
  floorViolations,
  folderCircles,
  type ImportGraph,
  importProblems,
  parseFloors,
} from '../support/import-rules.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const floors = parseFloors(readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8'));

const graphOf = (edges: Record<string, string[]>): ImportGraph =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

describe('the imports of src/', () => {
  it('keep the floors of docs/ARCHITECTURE.md, with no circle between files or folders', () => {
    expect(importProblems(readImportGraph(join(root, 'src')), floors)).toEqual([]);
  });

  it('put every top-level folder of src/ on a floor, and no name twice', () => {
    const names = floors.flat();
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['model', 'workload', 'cpu', 'memory', 'doctor', 'cli']));
  });
});

describe('the rules themselves', () => {
  const small: Floors = [['model'], ['cpu', 'memory'], ['cli']];

  it('find a circle between files, however long', () => {
    const graph = graphOf({ 'a/1.ts': ['a/2.ts'], 'a/2.ts': ['a/3.ts'], 'a/3.ts': ['a/1.ts'], 'a/4.ts': [] });
    expect(circles(graph)).toEqual([['a/1.ts', 'a/2.ts', 'a/3.ts']]);
    expect(circles(graphOf({ 'a/1.ts': ['a/1.ts'] }))).toEqual([['a/1.ts']]);
  });

  it('find folders that import each other through different files, at any depth', () => {
    const graph = graphOf({
      'v/m/x.ts': ['v/r/y.ts'],
      'v/r/z.ts': ['v/m/w.ts'],
      'v/r/y.ts': [],
      'v/m/w.ts': [],
    });
    expect(circles(graph)).toEqual([]);
    expect(folderCircles(graph)).toEqual([{ dir: 'v', entries: ['m', 'r'] }]);
  });

  it('refuse an import up a floor or sideways on one, and a folder on no floor', () => {
    const graph = graphOf({
      'model/p.ts': ['cpu/c.ts'],
      'cpu/c.ts': ['memory/m.ts', 'model/q.ts'],
      'memory/m.ts': [],
      'model/q.ts': [],
      'extra/e.ts': ['model/q.ts'],
    });
    expect(floorViolations(graph, small)).toEqual([
      'cpu/c.ts imports memory/m.ts: memory/ is on the same floor as cpu/',
      'extra/ is on no floor: add it to the floors in docs/ARCHITECTURE.md',
      'model/p.ts imports cpu/c.ts: cpu/ is on a higher floor than model/',
    ]);
  });

  it('accept imports down the floors and within a folder', () => {
    const graph = graphOf({
      'cli/main.ts': ['cpu/c.ts', 'model/q.ts'],
      'cpu/c.ts': ['model/q.ts'],
      'model/q.ts': [],
    });
    expect(importProblems(graph, small)).toEqual([]);
  });

  it('read the floors highest first from the block, descriptions after the colon', () => {
    const md =
      '# x\n<!-- floors: highest first -->\n```text\ncli        : commands\ncpu memory : two\nmodel\n```\n';
    expect(parseFloors(md)).toEqual(small);
    expect(() => parseFloors('# nothing')).toThrow(/floors/);
  });
});

describe('on a copy of src/ bent on purpose', () => {
  const copy = mkdtempSync(join(tmpdir(), 'perfsuite-imports-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(join(root, 'src'), copy, { recursive: true });

  it('fails when the model imports a renderer back (a circle and an import up)', () => {
    const file = join(copy, 'model/profile.ts');
    writeFileSync(file, `import '../render/flamegraph/index.js';\n${readFileSync(file, 'utf8')}`);
    const problems = importProblems(readImportGraph(copy), floors);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^import circle between files: .*model\/profile\.ts.*render\/flamegraph/),
        expect.stringMatching(/^import circle between the folders of \.\/: .*model <-> render/),
        expect.stringMatching(
          /^model\/profile\.ts imports render\/flamegraph\/index\.ts: render\/ is on a higher floor/,
        ),
      ]),
    );
  });
});
