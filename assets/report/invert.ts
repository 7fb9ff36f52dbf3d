/**
 * The inverted (callers-first) view: the functions that hold self time at the top level, each with
 * its callers under it, their callers under those, and so on. Built in the page from the tree's
 * self values, so the file carries one tree, not two.
 */
import { type FlameTree, parentsOf, TreeBuilder } from './flame-tree.js';

/** The inverted tree, and what was left out of it for being narrower than the threshold. */
export interface InvertedTree {
  tree: FlameTree;
  /** Top-most nodes left out (each with its callers), and the value they held. */
  pruned: { nodes: number; value: number };
}

interface Member {
  /** The node of the input to follow next: a caller, or 0 (the root) when the stack has ended. */
  at: number;
  weight: number;
}

/**
 * Inverts `tree`. A node of the result is a stack read from its leaf upwards (a function, then its
 * caller, ...); its value is the self time of every stack that ends that way. A node whose value is
 * under `minValue` is left out with all its callers (they can only be narrower), so a deep tree with
 * many distinct stacks does not become millions of nodes nobody can see: the result is built level
 * by level and only the kept nodes' stacks are followed further.
 */
export function invertTree(tree: FlameTree, minValue = 0): InvertedTree {
  const parent = parentsOf(tree);
  const builder = new TreeBuilder(tree.frames, tree.total[0] as number);
  const pruned = { nodes: 0, value: 0 };
  const start: Member[] = [];
  for (let i = 1; i < tree.size; i++) {
    const self = tree.self[i] as number;
    if (self > 0) start.push({ at: i, weight: self });
  }
  const pending: [number, Member[]][] = [[0, start]];
  while (pending.length > 0) {
    const [target, members] = pending.pop() as [number, Member[]];
    const groups = new Map<number, { value: number; members: Member[] }>();
    for (const member of members) {
      if (member.at === 0) continue; // the stack ended: its weight is the target's own self time
      const frame = tree.frame[member.at] as number;
      let group = groups.get(frame);
      if (group === undefined) {
        group = { value: 0, members: [] };
        groups.set(frame, group);
      }
      group.value += member.weight;
      group.members.push({ at: parent[member.at] as number, weight: member.weight });
    }
    for (const [frame, group] of groups) {
      if (group.value < minValue) {
        pruned.nodes++;
        pruned.value += group.value;
        continue;
      }
      pending.push([builder.add(target, frame, group.value), group.members]);
    }
  }
  return { tree: builder.build(), pruned };
}
