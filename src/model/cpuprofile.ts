/**
 * Chrome / V8 `.cpuprofile` import (what `node --cpu-prof`, Chrome DevTools and the inspector's
 * `Profiler.stop` write).
 *
 * Sample durations follow Chrome DevTools and speedscope: `timeDeltas[i]` is the gap *before*
 * sample i, so a sample lasts until the next one (`timeDeltas[i + 1]`), and the last sample lasts
 * until `endTime`. Negative gaps (V8 occasionally records samples out of order) count as 0.
 * Profiles without `samples` (an old format) fall back to each node's `hitCount`, spreading the
 * profile's duration evenly over the hits.
 */
import { type Frame, type Profile, ProfileBuilder, ProfileFormatError } from './profile.js';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
  columnNumber?: number;
}

interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime?: number;
  endTime?: number;
  samples?: number[];
  timeDeltas?: number[];
}

const FORMAT = 'cpuprofile';

/** Frames V8 reports that are not JavaScript functions; only `(root)` is dropped from stacks. */
const ROOT_NAME = '(root)';

function looksLikeCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  const nodes = (value as { nodes?: unknown }).nodes;
  if (!Array.isArray(nodes)) return false;
  const first = nodes[0] as Partial<CpuProfileNode> | undefined;
  return first === undefined || (typeof first.id === 'number' && typeof first.callFrame === 'object');
}

export interface CpuProfileImportOptions {
  /** Drops the samples taken at or after this time (the profile's own microsecond clock). */
  untilMicros?: number;
}

/** Imports a `.cpuprofile` (JSON text or the parsed object); null when it is not one. */
export function fromCpuProfile(
  input: string | object,
  source: string,
  options: CpuProfileImportOptions = {},
): Profile | null {
  let data: unknown = input;
  if (typeof input === 'string') {
    if (!/^\s*\{/.test(input)) return null;
    try {
      data = JSON.parse(input);
    } catch {
      return null;
    }
  }
  if (!looksLikeCpuProfile(data)) return null;
  return convert(data, source, options.untilMicros ?? Number.POSITIVE_INFINITY);
}

function toFrame(callFrame: CallFrame): Frame {
  const frame: Frame = { name: callFrame.functionName || '(anonymous)' };
  if (callFrame.url) frame.file = callFrame.url;
  // V8 positions are 0-based and -1 when unknown; the model's are 1-based.
  if (typeof callFrame.lineNumber === 'number' && callFrame.lineNumber >= 0)
    frame.line = callFrame.lineNumber + 1;
  if (typeof callFrame.columnNumber === 'number' && callFrame.columnNumber >= 0) {
    frame.column = callFrame.columnNumber + 1;
  }
  return frame;
}

function convert(profile: CpuProfile, source: string, until: number): Profile {
  const nodes = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) {
    if (typeof node?.id !== 'number' || typeof node.callFrame !== 'object' || node.callFrame === null) {
      throw new ProfileFormatError(FORMAT, source, 'a node lacks a numeric id or a callFrame');
    }
    nodes.set(node.id, node);
  }
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      if (!nodes.has(child))
        throw new ProfileFormatError(FORMAT, source, `node ${node.id} has unknown child ${child}`);
      parent.set(child, node.id);
    }
  }

  const { startTime } = profile;
  const endTime = profile.endTime === undefined ? undefined : Math.min(profile.endTime, until);
  const meta: Profile['meta'] = {};
  // startTime/endTime are microseconds of a monotonic clock, not epoch: only their difference means anything.
  if (typeof startTime === 'number' && typeof endTime === 'number' && endTime >= startTime) {
    meta.durationNanos = (endTime - startTime) * 1000;
  }
  const builder = new ProfileBuilder(
    [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    meta,
  );

  // Stacks are built once per node (root first, `(root)` left out) and shared by its samples.
  const stacks = new Map<number, number[]>();
  const stackOf = (id: number): number[] => {
    const known = stacks.get(id);
    if (known) return known;
    const chain: CpuProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at);
      if (!node) throw new ProfileFormatError(FORMAT, source, `a sample refers to unknown node ${at}`);
      if (chain.length > nodes.size)
        throw new ProfileFormatError(FORMAT, source, 'the node tree has a cycle');
      chain.push(node);
    }
    const stack: number[] = [];
    for (let i = chain.length - 1; i >= 0; i--) {
      const callFrame = (chain[i] as CpuProfileNode).callFrame;
      if (i === chain.length - 1 && callFrame.functionName === ROOT_NAME) continue;
      stack.push(builder.frameId(toFrame(callFrame)));
    }
    stacks.set(id, stack);
    return stack;
  };

  // Per node: [sample count, wall nanoseconds]; the model keeps no timestamps, so samples of one
  // node are summed into one model sample.
  const totals = new Map<number, [number, number]>();
  const add = (id: number, count: number, nanos: number) => {
    const t = totals.get(id);
    if (t) {
      t[0] += count;
      t[1] += nanos;
    } else totals.set(id, [count, nanos]);
  };

  const { samples, timeDeltas } = profile;
  if (Array.isArray(samples) && samples.length > 0) {
    if (!Array.isArray(timeDeltas) || timeDeltas.length !== samples.length) {
      throw new ProfileFormatError(FORMAT, source, 'timeDeltas must have one entry per sample');
    }
    // Samples before `until` (V8 appends in time order, give or take the rare negative gap).
    let kept = 0;
    let lastTime = startTime ?? 0;
    for (; kept < samples.length; kept++) {
      const time = lastTime + (timeDeltas[kept] as number);
      if (time >= until) break;
      lastTime = time;
    }
    for (let i = 0; i < kept; i++) {
      const micros = i + 1 < kept ? (timeDeltas[i + 1] as number) : (endTime ?? lastTime) - lastTime;
      add(samples[i] as number, 1, Math.max(0, micros) * 1000);
    }
  } else {
    let hits = 0;
    for (const node of profile.nodes) hits += node.hitCount ?? 0;
    const perHit = hits > 0 && meta.durationNanos ? meta.durationNanos / hits : 0;
    for (const node of profile.nodes) if (node.hitCount) add(node.id, node.hitCount, node.hitCount * perHit);
  }

  for (const [id, [count, nanos]] of totals) {
    const stack = stackOf(id);
    // A sample of the bare root (no frames at all) has nothing to attribute time to.
    if (stack.length > 0) builder.addSample(stack, [count, nanos]);
  }
  return builder.build();
}
