/**
 * The rules the layering of src/ keeps, as pure functions over an import graph: no circle between
 * files, no circle between the folders of any one directory, and no import from a lower floor to a
 * higher one (the floors are written down once, in docs/ARCHITECTURE.md). Apart from the reading of
 * files (import-graph.ts) so that the rules themselves are tested on small made-up graphs.
 */

/** Files (paths relative to src/, `/`-separated) and the files each imports. */
export type ImportGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** Strongly connected components of more than one node (or a node importing itself): Tarjan's. */
export function circles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)?.has(v)) found.push(component.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * Circles between the entries (sub-folders and files) of every directory: `a/x/1.ts` importing
 * `a/y/2.ts` is an edge x -> y inside `a/`. A circle of files alone is reported by `circles`; this
 * finds the folders that import each other through different files.
 */
export function folderCircles(graph: ImportGraph): { dir: string; entries: string[] }[] {
  const byDir = new Map<string, Map<string, Set<string>>>();
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = from.split('/');
      const b = to.split('/');
      let i = 0;
      while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
      // Two entries of one directory, at least one of them a folder (files alone: `circles`).
      if (i === a.length - 1 && i === b.length - 1) continue;
      const dir = a.slice(0, i).join('/');
      const edges = byDir.get(dir) ?? new Map<string, Set<string>>();
      byDir.set(dir, edges);
      const set = edges.get(a[i] as string) ?? new Set<string>();
      edges.set(a[i] as string, set);
      set.add(b[i] as string);
    }
  }
  return [...byDir]
    .flatMap(([dir, edges]) => circles(edges).map((entries) => ({ dir: dir || '.', entries })))
    .sort((x, y) => x.dir.localeCompare(y.dir));
}

/** The floors, lowest first: each a list of top-level folders (or files of src/ without `.ts`). */
export type Floors = string[][];

const FLOORS_BLOCK = /<!-- floors[^>]*-->\s*```text\n([\s\S]*?)```/;

/**
 * The floors as docs/ARCHITECTURE.md writes them: the fenced block after a `<!-- floors -->`
 * comment, highest floor first, one floor a line, its folders before a `:` and a description after.
 */
export function parseFloors(markdown: string): Floors {
  const block = FLOORS_BLOCK.exec(markdown)?.[1];
  if (block === undefined) throw new Error('no <!-- floors --> block with a ```text fence found');
  return block
    .split('\n')
    .map((line) => (line.split(':')[0] ?? '').trim())
    .filter((names) => names.length > 0)
    .map((names) => names.split(/\s+/))
    .reverse();
}

/** The top-level name of a file under src/: its folder, or its own name without the extension. */
export function topLevel(file: string): string {
  const [first = '', ...rest] = file.split('/');
  return rest.length > 0 ? first : first.replace(/\.[cm]?ts$/, '');
}

/**
 * Imports that go from a floor to one that is not strictly lower (up, or sideways to another folder
 * of the same floor), and top-level names that are on no floor.
 */
export function floorViolations(graph: ImportGraph, floors: Floors): string[] {
  const floorOf = new Map<string, number>();
  floors.forEach((names, level) => {
    for (const name of names) floorOf.set(name, level);
  });
  const problems = new Set<string>();
  for (const [from, targets] of graph) {
    const a = topLevel(from);
    if (!floorOf.has(a)) problems.add(`${a}/ is on no floor: add it to the floors in docs/ARCHITECTURE.md`);
    for (const to of targets) {
      const b = topLevel(to);
      if (a === b || !floorOf.has(a) || !floorOf.has(b)) continue;
      if ((floorOf.get(b) as number) >= (floorOf.get(a) as number)) {
        const how = floorOf.get(b) === floorOf.get(a) ? 'on the same floor as' : 'on a higher floor than';
        problems.add(`${from} imports ${to}: ${b}/ is ${how} ${a}/`);
      }
    }
  }
  return [...problems].sort();
}

/** Every breach of the rules, one sentence each; empty when the tree keeps them. */
export function importProblems(graph: ImportGraph, floors: Floors): string[] {
  return [
    ...circles(graph).map((files) => `import circle between files: ${files.join(' -> ')}`),
    ...folderCircles(graph).map(
      ({ dir, entries }) => `import circle between the folders of ${dir}/: ${entries.join(' <-> ')}`,
    ),
    ...floorViolations(graph, floors),
  ];
}
