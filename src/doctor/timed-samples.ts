/**
 * The samples of a `.cpuprofile` on their own clock, for asking what ran in a stretch of time: the
 * profile model keeps no timestamps, so doctor reads the inspector's output itself.
 *
 * Times follow model/cpuprofile.ts: `timeDeltas[i]` is the gap before sample i, and a sample lasts
 * until the next one. Each sample is put down to a function as program-frame.ts says; samples in the
 * agent's own code (its readings) are busy time but name no function.
 */
import { type CallFrame, type FrameNamer, type FunctionAt, functionKey } from './program-frame.js';
import type { BlockingFunction } from './result.js';

interface CpuProfileJson {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimedSamples {
  /** When each sample starts and how long it lasts, microseconds on the profile's monotonic clock. */
  startUs: Float64Array;
  durationUs: Float64Array;
  /** False for `(idle)`: the loop waiting in the OS for something to do. */
  busy: Uint8Array;
  /** True where Node's module loader is on the stack (`node:internal/modules/`): loading code, not running it. */
  loading: Uint8Array;
  /** Index into `functions` of each sample's attributed frame; AGENT for the agent's own samples. */
  frame: Uint32Array;
  functions: FunctionAt[];
}

export const AGENT = 0xffffffff;

/**
 * The first sample that starts after `us`: where a scan of an interval begins. Samples are in time
 * order, so each interval costs its own samples, not the whole run's (a reading every 100 ms over a
 * long run would otherwise rescan the profile from its start every time).
 */
function firstAfter(startUs: Float64Array, us: number): number {
  let low = 0;
  let high = startUs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((startUs[middle] as number) <= us) low = middle + 1;
    else high = middle;
  }
  return low;
}
const MODULE_LOADER = 'node:internal/modules/';

/** The samples of a parsed .cpuprofile, named by `namer`; null when it has no timed samples. */
export function readTimedSamples(profile: unknown, namer: FrameNamer): TimedSamples | null {
  const p = profile as Partial<CpuProfileJson> | null;
  if (!p || !Array.isArray(p.nodes) || !Array.isArray(p.samples) || !Array.isArray(p.timeDeltas)) return null;
  if (typeof p.startTime !== 'number' || typeof p.endTime !== 'number') return null;
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of p.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const functions: FunctionAt[] = [];
  const functionIndex = new Map<string, number>();
  const attributed = new Map<number, number>();
  const chainOf = function* (leafId: number): Generator<CallFrame> {
    for (let at: number | undefined = leafId; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) yield frame;
    }
  };
  const attribute = (leafId: number): number => {
    const known = attributed.get(leafId);
    if (known !== undefined) return known;
    const picked = namer.pick(chainOf(leafId));
    let index = AGENT;
    if (picked !== 'agent') {
      const fn = namer.describe(picked);
      index = functionIndex.get(functionKey(fn)) ?? functions.push(fn) - 1;
      functionIndex.set(functionKey(fn), index);
    }
    attributed.set(leafId, index);
    return index;
  };

  const n = p.samples.length;
  const startUs = new Float64Array(n);
  const durationUs = new Float64Array(n);
  const busy = new Uint8Array(n);
  const loading = new Uint8Array(n);
  const loadingOf = new Map<number, number>();
  const isLoading = (leafId: number): number => {
    let known = loadingOf.get(leafId);
    if (known === undefined) {
      known = 0;
      for (let at: number | undefined = leafId; at !== undefined && !known; at = parent.get(at))
        if (byId.get(at)?.callFrame.url?.startsWith(MODULE_LOADER)) known = 1;
      loadingOf.set(leafId, known);
    }
    return known;
  };
  const frame = new Uint32Array(n);
  let t = p.startTime;
  for (let i = 0; i < n; i++) {
    t += Math.max(0, p.timeDeltas[i] ?? 0);
    startUs[i] = t;
    const id = p.samples[i] as number;
    busy[i] = byId.get(id)?.callFrame.functionName === '(idle)' ? 0 : 1;
    frame[i] = attribute(id);
    loading[i] = isLoading(id);
  }
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? (startUs[i + 1] as number) : Math.max(p.endTime, startUs[i] as number);
    durationUs[i] = next - (startUs[i] as number);
  }
  return { startUs, durationUs, busy, loading, frame, functions };
}

/**
 * The longest run of busy samples (none idle in between) that starts in (fromUs, toUs], and what
 * ran in it by attributed frame, most first. A blocked loop is one such run.
 */
export function longestBusyRun(
  samples: TimedSamples,
  fromUs: number,
  toUs: number,
): { startUs: number; ms: number; loadingShare: number; functions: BlockingFunction[] } | null {
  let best: { from: number; to: number; us: number } | null = null;
  let runFrom = -1;
  let runUs = 0;
  const close = (end: number): void => {
    if (runFrom >= 0 && (!best || runUs > best.us)) best = { from: runFrom, to: end, us: runUs };
    runFrom = -1;
    runUs = 0;
  };
  const { startUs, durationUs, busy } = samples;
  let i = firstAfter(startUs, fromUs);
  for (; i < startUs.length; i++) {
    if ((startUs[i] as number) > toUs) break;
    if (busy[i]) {
      if (runFrom < 0) runFrom = i;
      runUs += durationUs[i] as number;
    } else close(i);
  }
  close(i);
  if (!best) return null;
  const { from, to, us } = best as { from: number; to: number; us: number };
  const byFrame = new Map<number, number>();
  let loadingUs = 0;
  for (let i = from; i < to; i++) {
    if (samples.loading[i]) loadingUs += durationUs[i] as number;
    const f = samples.frame[i] as number;
    if (f === AGENT) continue;
    byFrame.set(f, (byFrame.get(f) ?? 0) + (durationUs[i] as number));
  }
  const functions = [...byFrame]
    .map(([f, fnUs]) => ({ ...(samples.functions[f] as FunctionAt), ms: fnUs / 1000 }))
    .sort((a, b) => b.ms - a.ms);
  return {
    startUs: startUs[from] as number,
    ms: us / 1000,
    loadingShare: us > 0 ? loadingUs / us : 0,
    functions,
  };
}

/**
 * The share of (fromUs, toUs] that the samples show busy (not idle), or null with fewer than
 * `minSamples` samples there: the loop's utilization, from the profile rather than from libuv.
 */
export function busyShare(
  samples: TimedSamples,
  fromUs: number,
  toUs: number,
  minSamples = 5,
): number | null {
  let busyUs = 0;
  let allUs = 0;
  let count = 0;
  const { startUs, durationUs, busy } = samples;
  for (let i = firstAfter(startUs, fromUs); i < startUs.length; i++) {
    if ((startUs[i] as number) > toUs) break;
    count++;
    allUs += durationUs[i] as number;
    if (busy[i]) busyUs += durationUs[i] as number;
  }
  return count >= minSamples && allUs > 0 ? busyUs / allUs : null;
}
