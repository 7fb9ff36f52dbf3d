/**
 * The functions that allocated most, from a sampling heap profile that kept the samples of collected
 * objects (agent/doctor.cts): each sample's bytes are put down to a function as program-frame.ts says
 * (the agent's own allocations left out), summed by function.
 */
import { type CallFrame, type FrameNamer, functionKey } from './program-frame.js';
import type { AllocatingFunction } from './result.js';

interface HeapProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  children?: HeapProfileNode[];
}

/** The `limit` functions that allocated most, most first; none when `profile` is not a heap profile. */
export function topAllocations(profile: unknown, namer: FrameNamer, limit = 10): AllocatingFunction[] {
  const head = (profile as { head?: HeapProfileNode } | null)?.head;
  if (!head || typeof head !== 'object') return [];
  const bytes = new Map<string, AllocatingFunction>();
  let total = 0;
  // Depth-first with the chain of frames from the root; each node's own bytes go to its pick.
  const walk = (node: HeapProfileNode, chain: CallFrame[]): void => {
    const here = [node.callFrame, ...chain];
    if (node.selfSize > 0) {
      total += node.selfSize;
      const picked = namer.pick(here);
      if (picked !== 'agent') {
        const fn = namer.describe(picked);
        const known = bytes.get(functionKey(fn));
        if (known) known.bytes += node.selfSize;
        else bytes.set(functionKey(fn), { ...fn, bytes: node.selfSize, share: 0 });
      }
    }
    for (const child of node.children ?? []) walk(child, here);
  };
  walk(head, []);
  return [...bytes.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map((fn) => ({ ...fn, share: total > 0 ? Number((fn.bytes / total).toFixed(4)) : 0 }));
}
