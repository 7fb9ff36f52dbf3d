/**
 * The call tree a flamegraph draws: samples merged along identical paths of functions, one node per
 * distinct path. Hand-written rather than taken from d3-hierarchy because 100,000 stacks of 64 frames
 * (millions of nodes) must merge in a fraction of a second: nodes live in flat typed arrays.
 *
 * Frames are merged per function (name and file), not per line, so that a line-level profile still
 * shows a function once; a differential tree holds one value series per profile (base, next).
 */
import type { Frame, Profile } from '../../model/profile.js';
import { classifyFrame, type FrameKind } from './classify.js';

/** One function of the tree: what labels, details, colours and search read. */
export interface TreeFunction {
  name: string;
  file?: string;
  /** Smallest line among the merged frames, so the choice does not depend on sample order. */
  line?: number;
  kind: FrameKind;
}

/** One profile's contribution to a tree: which samples, and which value of each sample. */
export interface TreeInput {
  profile: Profile;
  valueIndex: number;
}

/**
 * Nodes in flat arrays indexed by node number; node 0 is the synthetic root ("all"). Nodes are
 * numbered in pre-order (a node before its callees). `func` indexes `functions`, which are sorted by
 * name then file, so children in `func` order are in name order.
 */
export interface CallTree {
  size: number;
  functions: TreeFunction[];
  parent: Int32Array;
  /** -1 for the root. */
  func: Int32Array;
  depth: Int32Array;
  /** Per input (series), inclusive value of each node. */
  total: Float64Array[];
  /** Per input (series), value of samples whose stack ends at the node. */
  self: Float64Array[];
  /** Children of node n are `children[childStart[n] .. childStart[n + 1])`, sorted by `func`. */
  childStart: Int32Array;
  children: Int32Array;
}

// Interns every frame of every input as a function (name + file), sorts the functions by name then
// file, and returns, per input, the function number of each frame index.
function internFunctions(inputs: TreeInput[]): { functions: TreeFunction[]; frameToFunc: Int32Array[] } {
  const byKey = new Map<string, { fn: TreeFunction; id: number }>();
  const unsorted: TreeFunction[] = [];
  const provisional = inputs.map(({ profile }) => {
    const hasFiles = profile.frames.some((frame) => frame.file !== undefined && frame.file !== '');
    return Int32Array.from(profile.frames, (frame: Frame) => {
      const key = `${frame.name}\u0000${frame.file ?? ''}`;
      let entry = byKey.get(key);
      if (entry === undefined) {
        const fn: TreeFunction = { name: frame.name, kind: classifyFrame(frame, hasFiles) };
        if (frame.file !== undefined) fn.file = frame.file;
        entry = { fn, id: unsorted.length };
        unsorted.push(fn);
        byKey.set(key, entry);
      }
      if (frame.line !== undefined && (entry.fn.line === undefined || frame.line < entry.fn.line)) {
        entry.fn.line = frame.line;
      }
      return entry.id;
    });
  });
  // Code-unit order, not localeCompare: identical on every machine and locale, and much faster.
  const order = unsorted.map((_, i) => i);
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  order.sort((a, b) => {
    const fa = unsorted[a] as TreeFunction;
    const fb = unsorted[b] as TreeFunction;
    return compare(fa.name, fb.name) || compare(fa.file ?? '', fb.file ?? '');
  });
  const rank = new Int32Array(unsorted.length);
  order.forEach((id, position) => {
    rank[id] = position;
  });
  const functions = order.map((id) => unsorted[id] as TreeFunction);
  const frameToFunc = provisional.map((ids) => ids.map((id) => rank[id] as number));
  return { functions, frameToFunc };
}

// Every sample as its path of function numbers, all paths in one flat array (no array per sample).
interface Paths {
  funcs: Int32Array;
  start: number[];
  length: number[];
  series: number[];
  value: number[];
}

function collectPaths(inputs: TreeInput[], frameToFunc: Int32Array[]): Paths {
  let capacity = 1024;
  for (const { profile } of inputs) for (const sample of profile.samples) capacity += sample.stack.length;
  const paths: Paths = { funcs: new Int32Array(capacity), start: [], length: [], series: [], value: [] };
  let at = 0;
  inputs.forEach(({ profile, valueIndex }, series) => {
    const toFunc = frameToFunc[series] as Int32Array;
    for (const sample of profile.samples) {
      const value = sample.values[valueIndex];
      if (value === undefined || !(value > 0) || value === Number.POSITIVE_INFINITY) continue;
      const start = at;
      for (const frameIndex of sample.stack) {
        const fn = toFunc[frameIndex];
        if (fn !== undefined) paths.funcs[at++] = fn; // a frame that does not exist is skipped
      }
      paths.start.push(start);
      paths.length.push(at - start);
      paths.series.push(series);
      paths.value.push(value);
    }
  });
  return paths;
}

/**
 * Builds the call tree of one or more profiles. With two inputs (base, next) every node carries both
 * values, which is what a differential flamegraph needs. Samples whose value is not a positive finite
 * number are skipped: a width cannot be negative.
 *
 * How: the samples' paths of function numbers are sorted (functions are numbered in name order), so
 * paths sharing a prefix are adjacent; each path then only adds the nodes past its common prefix with
 * the previous one (inferno merges sorted folded lines the same way). Nodes come out in pre-order
 * with children in name order, written one after the other: a hash table of (parent, function) did
 * the same merge four times slower here, bound by cache misses on millions of scattered nodes.
 */
export function buildCallTree(inputs: TreeInput[]): CallTree {
  const { functions, frameToFunc } = internFunctions(inputs);
  const paths = collectPaths(inputs, frameToFunc);
  const { funcs, start, length } = paths;
  const order = Array.from({ length: start.length }, (_, i) => i);
  order.sort((a, b) => {
    const sa = start[a] as number;
    const sb = start[b] as number;
    const la = length[a] as number;
    const lb = length[b] as number;
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
      const d = (funcs[sa + i] as number) - (funcs[sb + i] as number);
      if (d !== 0) return d;
    }
    return la - lb;
  });

  // At most one node per path element, plus the root.
  let capacity = 1;
  for (const n of length) capacity += n;
  const parent = new Int32Array(capacity);
  const func = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  const self = inputs.map(() => new Float64Array(capacity));
  parent[0] = -1;
  func[0] = -1;
  let size = 1;
  // pathNodes[d] is the node at depth d of the previous path; pathNodes[0] the root.
  const pathNodes = [0];
  let previousStart = 0;
  let previousLength = 0;
  for (const p of order) {
    const s = start[p] as number;
    const len = length[p] as number;
    let common = 0;
    const limit = Math.min(len, previousLength);
    while (common < limit && funcs[s + common] === funcs[previousStart + common]) common++;
    for (let d = common; d < len; d++) {
      const node = size++;
      parent[node] = pathNodes[d] as number;
      func[node] = funcs[s + d] as number;
      depth[node] = d + 1;
      pathNodes[d + 1] = node;
    }
    const leaf = pathNodes[len] as number;
    const series = self[paths.series[p] as number] as Float64Array;
    series[leaf] = (series[leaf] as number) + (paths.value[p] as number);
    previousStart = s;
    previousLength = len;
  }

  // Totals bottom-up: in pre-order every child comes after its parent.
  const total = self.map((values) => {
    const sums = values.slice(0, size);
    for (let n = size - 1; n > 0; n--) {
      const up = parent[n] as number;
      sums[up] = (sums[up] as number) + (sums[n] as number);
    }
    return sums;
  });
  // Views, not copies: the spare capacity is small and copying millions of nodes is not free.
  const trimmedParent = parent.subarray(0, size);
  return {
    size,
    functions,
    parent: trimmedParent,
    func: func.subarray(0, size),
    depth: depth.subarray(0, size),
    total,
    self: self.map((values) => values.subarray(0, size)),
    ...childLists(trimmedParent),
  };
}

// Compressed child lists by a counting sort on the parent. Nodes are numbered in pre-order with
// siblings in name order, so each list comes out already sorted by name.
function childLists(parent: Int32Array): { childStart: Int32Array; children: Int32Array } {
  const size = parent.length;
  const childStart = new Int32Array(size + 1);
  for (let n = 1; n < size; n++) {
    const slot = (parent[n] as number) + 1;
    childStart[slot] = (childStart[slot] as number) + 1;
  }
  for (let n = 0; n < size; n++)
    childStart[n + 1] = (childStart[n + 1] as number) + (childStart[n] as number);
  const fill = childStart.slice(0, size);
  const children = new Int32Array(Math.max(0, size - 1));
  for (let n = 1; n < size; n++) {
    const p = parent[n] as number;
    children[fill[p] as number] = n;
    fill[p] = (fill[p] as number) + 1;
  }
  return { childStart, children };
}
