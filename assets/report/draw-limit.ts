/**
 * What a graph draws at once. d3-flame-graph builds a hierarchy of every node it is given and makes
 * five elements and three listeners per drawn frame: a profile pruned to a pixel on the Node side
 * can still hold 100,000 frames a pixel wide (deep stacks), which took 8 s to open in Chromium here.
 * So it is given a display tree: the `max` widest frames of the view's tree (a frame is never wider
 * than its caller, so they form a tree from the root down), each pointing at its source node. A
 * click that zooms into a frame replaces that frame's children with the widest frames under it at
 * the new width (`expandDisplay`), so zooming still reaches every frame.
 */
import { type FlameTree, kindOf, nameOf } from './flame-tree.js';

/**
 * A drawn frame, as d3-flame-graph reads it (`name`, `value`, `children`), with what the details
 * line says and the node of the view's tree it stands for.
 */
export interface DisplayNode {
  name: string;
  /** The node's total: d3-flame-graph sizes frames by it (children it is not given show as gaps). */
  value: number;
  children: DisplayNode[];
  self: number;
  /** Index into the tree's frame table; -1 for the root. */
  frame: number;
  kind: number;
  file: string;
  line: number;
  /** The node of the view's tree. */
  index: number;
}

/** The display node of a tree node, without children. */
export function displayNode(tree: FlameTree, index: number): DisplayNode {
  const frame = tree.frame[index] as number;
  const row = frame >= 0 ? tree.frames[frame] : undefined;
  return {
    name: nameOf(tree, index),
    value: tree.total[index] as number,
    children: [],
    self: tree.self[index] as number,
    frame,
    kind: kindOf(tree, index),
    file: row?.[1] ?? '',
    line: row?.[2] ?? 0,
    index,
  };
}

/** Nodes of a display tree, its root included. */
export function countDisplay(root: DisplayNode): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DisplayNode;
    count++;
    for (const child of node.children) stack.push(child);
  }
  return count;
}

interface Entry {
  index: number;
  value: number;
  parent: DisplayNode;
}

/** A binary max-heap of entries by value (ties: the earlier pushed first, so results are stable). */
class Heap {
  private readonly items: Entry[] = [];
  private readonly seq: number[] = [];
  private next = 0;

  get size(): number {
    return this.items.length;
  }

  private before(i: number, j: number): boolean {
    const a = this.items[i] as Entry;
    const b = this.items[j] as Entry;
    return a.value > b.value || (a.value === b.value && (this.seq[i] as number) < (this.seq[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j] as Entry, this.items[i] as Entry];
    [this.seq[i], this.seq[j]] = [this.seq[j] as number, this.seq[i] as number];
  }

  push(entry: Entry): void {
    this.items.push(entry);
    this.seq.push(this.next++);
    let i = this.items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.before(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }

  pop(): Entry | undefined {
    const top = this.items[0];
    const last = this.items.length - 1;
    if (last < 0) return undefined;
    this.swap(0, last);
    this.items.pop();
    this.seq.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < last && this.before(l, best)) best = l;
      if (r < last && this.before(r, best)) best = r;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}

/**
 * Gives `target` (a display node) the widest frames of its tree node's subtree as descendants: at
 * most `max` of them, none of value `minValue` or less. Returns how many it placed, and how many
 * frames above `minValue` were left out for the limit (not counting their callees).
 */
export function expandDisplay(
  tree: FlameTree,
  target: DisplayNode,
  max: number,
  minValue: number,
): { drawn: number; left: number } {
  target.children = [];
  const heap = new Heap();
  const pushChildren = (node: number, parent: DisplayNode) => {
    for (let c = node + 1; c < (tree.end[node] as number); c = tree.end[c] as number) {
      const value = tree.total[c] as number;
      if (value > minValue) heap.push({ index: c, value, parent });
    }
  };
  pushChildren(target.index, target);
  const placed: { display: DisplayNode; parent: DisplayNode }[] = [];
  while (placed.length < max) {
    const entry = heap.pop();
    if (entry === undefined) break;
    const display = displayNode(tree, entry.index);
    placed.push({ display, parent: entry.parent });
    pushChildren(entry.index, display);
  }
  // Children in the tree's order (preorder indices), not in the order the heap gave them.
  placed.sort((a, b) => a.display.index - b.display.index);
  for (const { display, parent } of placed) parent.children.push(display);
  return { drawn: placed.length, left: heap.size };
}

/** The display tree of `tree`: at most `max` frames besides the root, the widest, each above `minValue`. */
export function displayTree(
  tree: FlameTree,
  max: number,
  minValue: number,
): { root: DisplayNode; drawn: number; left: number } {
  const root = displayNode(tree, 0);
  return { root, ...expandDisplay(tree, root, max, minValue) };
}
