/**
 * The layout step between the call tree and the markup (STYLE.md point 5): which frames are drawn
 * and where, as plain numbers that unit tests can check without reading any SVG.
 */
import type { CallTree } from './call-tree.js';

/** One drawn frame. `start` and `value` are in the profile's unit; `x` and `width` in pixels. */
export interface FlameRect {
  node: number;
  /** Index into `tree.functions`; -1 for the root. */
  func: number;
  /** 0 for the root, 1 for its children, and so on. */
  depth: number;
  start: number;
  value: number;
  self: number;
  x: number;
  width: number;
}

/** Every drawn frame in pre-order (a frame before its callees, callees sorted by name). */
export interface FlameLayout {
  rects: FlameRect[];
  /** The root's value: the width of the whole graph in the profile's unit. */
  total: number;
  widthPx: number;
  maxDepth: number;
  /** Frames (with callees) left out for being narrower than the minimum width. */
  droppedFrames: number;
  /** Value under the frames left out: the part of the total whose stacks are drawn cut short. */
  droppedValue: number;
}

/** Where to draw: which value series of the tree, how wide, and the narrowest frame kept. */
export interface LayoutOptions {
  series: number;
  widthPx: number;
  minWidthPx: number;
}

/** Lays a call tree out left to right; each frame as wide as its value, callees on top of it. */
export function layoutFlamegraph(tree: CallTree, options: LayoutOptions): FlameLayout {
  const total = tree.total[options.series];
  const self = tree.self[options.series];
  if (total === undefined || self === undefined) {
    throw new RangeError(`call tree has no value series ${options.series}`);
  }
  const rootValue = total[0] as number;
  const layout: FlameLayout = {
    rects: [],
    total: rootValue,
    widthPx: options.widthPx,
    maxDepth: 0,
    droppedFrames: 0,
    droppedValue: 0,
  };
  if (!(rootValue > 0)) return layout;
  const scale = options.widthPx / rootValue;
  // Compare values, not pixels, so that no rounding decides which frame stays.
  const minValue = options.minWidthPx / scale;

  // Iterative pre-order walk: recursion would overflow on deep recursive stacks.
  const stackNodes: number[] = [0];
  const stackStarts: number[] = [0];
  while (stackNodes.length > 0) {
    const node = stackNodes.pop() as number;
    const start = stackStarts.pop() as number;
    const value = total[node] as number;
    const depth = tree.depth[node] as number;
    layout.rects.push({
      node,
      func: tree.func[node] as number,
      depth,
      start,
      value,
      self: self[node] as number,
      x: start * scale,
      width: value * scale,
    });
    if (depth > layout.maxDepth) layout.maxDepth = depth;

    const first = tree.childStart[node] as number;
    const end = tree.childStart[node + 1] as number;
    // Children are pushed last-first so that they pop in name order; each starts where the previous
    // sibling (drawn or not) ends, so a left-out frame leaves its gap instead of shifting the others.
    let childStart = start;
    const pending: number[] = [];
    for (let i = first; i < end; i++) {
      const child = tree.children[i] as number;
      const childValue = total[child] as number;
      if (childValue <= 0) continue; // absent from this series (a diff's other profile)
      if (childValue < minValue) {
        layout.droppedFrames += countNonZero(tree, total, child);
        layout.droppedValue += childValue;
      } else {
        pending.push(child, childStart);
      }
      childStart += childValue;
    }
    for (let i = pending.length - 2; i >= 0; i -= 2) {
      stackNodes.push(pending[i] as number);
      stackStarts.push(pending[i + 1] as number);
    }
  }
  return layout;
}

// Number of frames in the subtree under `node` (itself included) that carry a value in this series.
function countNonZero(tree: CallTree, total: Float64Array, node: number): number {
  let count = 0;
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if ((total[n] as number) <= 0) continue;
    count++;
    const end = tree.childStart[n + 1] as number;
    for (let i = tree.childStart[n] as number; i < end; i++) stack.push(tree.children[i] as number);
  }
  return count;
}
