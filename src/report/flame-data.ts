/**
 * A profile as the report page's flamegraph reads it (FlameData, page-data.ts): the call tree the
 * SVG renderer builds (render/flamegraph/call-tree.ts), in preorder as flat numbers, without the
 * frames narrower than a pixel at full width. d3-flame-graph draws every node it is given, so a
 * 100,000-stack profile would be millions of nodes; pruned, it is what a screen can show, and the
 * page states what was left out.
 */
import type { Profile } from '../model/profile.js';
import { buildCallTree } from '../render/flamegraph/call-tree.js';
import { type FlameData, FRAME_KINDS, type PageFrameKind } from './page-data.js';

/** The page's flamegraph is about 1,200 px wide, as the SVG renderer's: a node under 1/1200 of the root is under a pixel. */
export const PRUNE_FRACTION = 1 / 1200;

/**
 * The frames perfsuite adds to group a workload's processes and threads (workload/combine.ts,
 * memory/heap-profiles.ts): drawn, but of no kind of code.
 */
const GROUPING_FRAME =
  /^(?:node .* \(pid \d+\)|process \(pid \d+\)|pid \d+|main thread|worker \d+(?: \(.*\))?)$/;

/** Whether a frame without a file is one of those grouping frames. */
export function isGroupingFrameName(name: string): boolean {
  return GROUPING_FRAME.test(name);
}

function kindIndex(kind: string): number {
  return FRAME_KINDS.indexOf(kind as PageFrameKind);
}

export interface FlameDataOptions {
  /** What the widths count, for the page's text: `wall time`, `in-use bytes`. */
  measure: string;
  /** Which of the profile's values to draw. @default profile.defaultValueIndex */
  valueIndex?: number;
  /** @default PRUNE_FRACTION */
  pruneFraction?: number;
}

export function toFlameData(profile: Profile, options: FlameDataOptions): FlameData {
  const valueIndex = options.valueIndex ?? profile.defaultValueIndex;
  const tree = buildCallTree([{ profile, valueIndex }]);
  const total = tree.total[0] as Float64Array;
  const frames: FlameData['frames'] = tree.functions.map((fn) => {
    const grouping = !fn.file && isGroupingFrameName(fn.name);
    return [fn.name, fn.file ?? '', fn.line ?? 0, grouping ? -1 : kindIndex(fn.kind)];
  });
  const threshold = (total[0] ?? 0) * (options.pruneFraction ?? PRUNE_FRACTION);
  const nodes: number[] = [];
  const pruned = { nodes: 0, value: 0 };
  // Iterative preorder: deep stacks must not overflow ours. A node's child count is written once
  // its kept children are known, at the slot reserved for it.
  const pending: number[] = [0];
  const countSlotOf = new Int32Array(tree.size).fill(-1);
  while (pending.length > 0) {
    const n = pending.pop() as number;
    const parent = tree.parent[n] as number;
    if (n !== 0 && (total[n] as number) < threshold) {
      pruned.nodes += subtreeSize(tree, n);
      pruned.value += total[n] as number;
      continue;
    }
    nodes.push(tree.func[n] as number, total[n] as number, 0);
    countSlotOf[n] = nodes.length - 1;
    if (n !== 0) nodes[countSlotOf[parent] as number] = (nodes[countSlotOf[parent] as number] as number) + 1;
    // Children pushed in reverse so that they come out in order (by name, as the tree sorts them).
    for (let c = (tree.childStart[n + 1] as number) - 1; c >= (tree.childStart[n] as number); c--) {
      pending.push(tree.children[c] as number);
    }
  }
  return { measure: options.measure, unit: unitOf(profile, valueIndex), frames, nodes, pruned };
}

function unitOf(profile: Profile, valueIndex: number): string {
  return profile.valueTypes[valueIndex]?.unit ?? 'count';
}

function subtreeSize(tree: ReturnType<typeof buildCallTree>, n: number): number {
  let size = 0;
  const stack = [n];
  while (stack.length > 0) {
    const m = stack.pop() as number;
    size++;
    for (let c = tree.childStart[m] as number; c < (tree.childStart[m + 1] as number); c++) {
      stack.push(tree.children[c] as number);
    }
  }
  return size;
}
