/**
 * The call tree the page works on: FlameData's preorder decoded into typed arrays, each node's
 * subtree being the nodes from it up to its `end`. Flat because a profile can hold 100,000 nodes
 * and the page only ever draws a few thousand of them: building an object per node took a quarter
 * of a second in Chromium, the arrays take milliseconds. Objects are made for the drawn frames only
 * (draw-limit.ts). Pure: unit-tested under Node, bundled into the page.
 */
import type { FlameData } from '../../src/report/page-data.js';

/** A call tree in preorder; node 0 is the synthetic root "all" (frame -1). */
export interface FlameTree {
  /** The frame table (FlameData.frames): name, file, line, kind. */
  frames: FlameData['frames'];
  /** Per node: index into `frames`, -1 for the root. */
  frame: Int32Array;
  /** Per node: its total value. */
  total: Float64Array;
  /** Per node: its total minus its children's (never below 0). */
  self: Float64Array;
  /** Per node: the index after its last descendant; its children are i+1, end[i+1], ... before end[i]. */
  end: Int32Array;
  size: number;
}

/** The root's name, as the SVG renderer calls it. */
export const ROOT_NAME = 'all';

/** A node's name. */
export function nameOf(tree: FlameTree, node: number): string {
  const frame = tree.frame[node] as number;
  return frame < 0 ? ROOT_NAME : (tree.frames[frame]?.[0] ?? '');
}

/** A node's kind index into FRAME_KINDS, or -1 (the root, grouping frames). */
export function kindOf(tree: FlameTree, node: number): number {
  const frame = tree.frame[node] as number;
  return frame < 0 ? -1 : (tree.frames[frame]?.[3] ?? -1);
}

/** The children of `node`, in order. */
export function childrenOf(tree: FlameTree, node: number): number[] {
  const children: number[] = [];
  for (let c = node + 1; c < (tree.end[node] as number); c = tree.end[c] as number) children.push(c);
  return children;
}

/** Each node's parent (-1 for the root). */
export function parentsOf(tree: FlameTree): Int32Array {
  const parent = new Int32Array(tree.size).fill(-1);
  for (let i = 0; i < tree.size; i++) {
    for (let c = i + 1; c < (tree.end[i] as number); c = tree.end[c] as number) parent[c] = i;
  }
  return parent;
}

/** Every node's self value: its total minus its children's totals, never below 0. */
function computeSelf(tree: Omit<FlameTree, 'self'>): Float64Array {
  const self = new Float64Array(tree.size);
  for (let i = 0; i < tree.size; i++) {
    let children = 0;
    for (let c = i + 1; c < (tree.end[i] as number); c = tree.end[c] as number)
      children += tree.total[c] as number;
    self[i] = Math.max(0, (tree.total[i] as number) - children);
  }
  return self;
}

/**
 * Decodes the preorder `[frame, total, childCount, ...]` array, without recursion. A malformed
 * array throws an Error saying where, which the page shows in place of the graph.
 */
export function decodeFlameData(data: FlameData): FlameTree {
  const nodes = data.nodes;
  if (nodes.length < 3 || nodes.length % 3 !== 0) {
    throw new Error(`flame data has ${nodes.length} numbers: expected a multiple of 3, at least 3`);
  }
  const size = nodes.length / 3;
  const frame = new Int32Array(size);
  const total = new Float64Array(size);
  const end = new Int32Array(size);
  // Open nodes and how many of their children are still to come.
  const open: number[] = [];
  const remaining: number[] = [];
  for (let n = 0; n < size; n++) {
    while (remaining.length > 0 && remaining[remaining.length - 1] === 0) {
      end[open.pop() as number] = n;
      remaining.pop();
    }
    if (n > 0) {
      if (remaining.length === 0) throw new Error(`flame data node ${n} has no parent left to belong to`);
      remaining[remaining.length - 1] = (remaining[remaining.length - 1] as number) - 1;
    }
    const f = nodes[3 * n] as number;
    if (n > 0 && (f < 0 || f >= data.frames.length || !Number.isInteger(f))) {
      throw new Error(`flame data node ${n} names frame ${f}, which is not in the frame table`);
    }
    frame[n] = n === 0 ? -1 : f;
    total[n] = nodes[3 * n + 1] as number;
    open.push(n);
    remaining.push(nodes[3 * n + 2] as number);
  }
  while (remaining.length > 0 && remaining[remaining.length - 1] === 0) {
    end[open.pop() as number] = size;
    remaining.pop();
  }
  if (remaining.length > 0) throw new Error('flame data ends before the children its nodes announce');
  const tree = { frames: data.frames, frame, total, end, size };
  return { ...tree, self: computeSelf(tree) };
}

/** Children in a stable order: by name, then by frame index (the order the Node side writes). */
function compareFrames(frames: FlameData['frames'], a: number, b: number): number {
  const an = frames[a]?.[0] ?? '';
  const bn = frames[b]?.[0] ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a - b;
}

/**
 * Builds a tree node by node, merging a child into its parent's existing child of the same frame,
 * and writes it out in preorder with every node's children by name. The kind filter and the
 * inverted view both make their trees with it.
 */
export class TreeBuilder {
  private readonly frameOf: number[] = [-1];
  private readonly parentOf: number[] = [-1];
  private readonly totalOf: number[];
  private readonly kids: number[][] = [[]];
  private readonly index = new Map<number, number>();

  constructor(
    private readonly frames: FlameData['frames'],
    rootTotal: number,
  ) {
    this.totalOf = [rootTotal];
  }

  /** The child of `parent` for `frame` (made on first use), with `value` added to its total. */
  add(parent: number, frame: number, value: number): number {
    const key = parent * (this.frames.length + 1) + frame + 1;
    let child = this.index.get(key);
    if (child === undefined) {
      child = this.frameOf.length;
      this.frameOf.push(frame);
      this.parentOf.push(parent);
      this.totalOf.push(0);
      this.kids.push([]);
      (this.kids[parent] as number[]).push(child);
      this.index.set(key, child);
    }
    this.totalOf[child] = (this.totalOf[child] as number) + value;
    return child;
  }

  build(): FlameTree {
    const size = this.frameOf.length;
    // Subtree sizes bottom-up: a node is always made after its parent.
    const subtree = new Int32Array(size).fill(1);
    for (let node = size - 1; node > 0; node--) {
      const parent = this.parentOf[node] as number;
      subtree[parent] = (subtree[parent] as number) + (subtree[node] as number);
    }
    const frame = new Int32Array(size);
    const total = new Float64Array(size);
    const end = new Int32Array(size);
    const byName = (a: number, b: number) =>
      compareFrames(this.frames, this.frameOf[a] as number, this.frameOf[b] as number);
    const stack = [0];
    let at = 0;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      frame[at] = this.frameOf[node] as number;
      total[at] = this.totalOf[node] as number;
      end[at] = at + (subtree[node] as number);
      at++;
      const kids = (this.kids[node] as number[]).sort(byName);
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k] as number);
    }
    const tree = { frames: this.frames, frame, total, end, size };
    return { ...tree, self: computeSelf(tree) };
  }
}
