/**
 * The filter by kind of code (own code, node_modules, Node internals, native/GC): the share of self
 * time each kind takes, and the tree with the unchecked kinds taken out.
 *
 * What hiding a frame means here (pprof's `-hide`, not its `-ignore`): the frame drops out of every
 * stack it is in, and nothing else does. Its callees move up to the nearest shown caller and merge
 * with that caller's own children of the same frame; its self time stays in that caller, as self
 * time. So the root keeps its width, every share still reads as a share of the whole profile (as in
 * the top tables and the kind shares beside the checkboxes), and hiding node_modules shows which of
 * the project's own functions the time under a dependency came back to. Dropping the samples
 * instead (`-ignore`) would rescale every share silently.
 */
import { FRAME_KINDS } from '../../src/report/page-data.js';
import { type FlameTree, kindOf, parentsOf, TreeBuilder } from './flame-tree.js';

/** The share of the root's value each kind holds as self time, in FRAME_KINDS order. */
export function kindShares(tree: FlameTree): number[] {
  const self = FRAME_KINDS.map(() => 0);
  for (let i = 1; i < tree.size; i++) {
    const kind = kindOf(tree, i);
    if (kind >= 0 && kind < self.length) self[kind] = (self[kind] as number) + (tree.self[i] as number);
  }
  const whole = tree.total[0] as number;
  return self.map((value) => (whole > 0 ? value / whole : 0));
}

/** True when every kind is shown: the filter is then the identity. */
export function showsEverything(shown: readonly boolean[]): boolean {
  return FRAME_KINDS.every((_, kind) => shown[kind] !== false);
}

/**
 * A new tree without the frames of the kinds `shown` marks false (the root and grouping frames,
 * kind -1, always stay); the tree itself when every kind is shown.
 */
export function filterKinds(tree: FlameTree, shown: readonly boolean[]): FlameTree {
  if (showsEverything(shown)) return tree;
  const parent = parentsOf(tree);
  const builder = new TreeBuilder(tree.frames, tree.total[0] as number);
  // Where each node went: its own new node, or (hidden) its nearest shown caller's. Preorder puts
  // every caller before its callees.
  const destination = new Int32Array(tree.size);
  for (let i = 1; i < tree.size; i++) {
    const caller = destination[parent[i] as number] as number;
    const kind = kindOf(tree, i);
    destination[i] =
      kind < 0 || shown[kind] !== false
        ? builder.add(caller, tree.frame[i] as number, tree.total[i] as number)
        : caller;
  }
  return builder.build();
}
