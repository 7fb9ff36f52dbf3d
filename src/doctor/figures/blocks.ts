/**
 * The blocks: each judged interval whose timers ran at least `blockMs` late (one block an interval,
 * its longest), with what ran in it, and the blocked time they add up to (event-loop-blocked).
 */
import type { Block } from '../result.js';
import { type Analyser, r2, sum } from './interval.js';

/** `blocks` longest first; `blockedMs` their lengths summed. */
export const analyseBlocks: Analyser<{ blocks: Block[]; blockedMs: number }> = (
  intervals,
  { startedAt, blockMs },
) => {
  const blocks: Block[] = [];
  for (const { pid, reading, late: ms, run } of intervals) {
    if (ms < blockMs) continue;
    // A loop busy through the whole interval in short turns (setImmediate) shows one long busy run
    // that holds the block somewhere: its functions are scaled down to the block's length.
    const scale = run && run.ms > ms ? ms / run.ms : 1;
    const functions = (run?.functions ?? []).slice(0, 5).map((fn) => ({ ...fn, ms: r2(fn.ms * scale) }));
    blocks.push({ pid, atSec: (reading.t - startedAt) / 1000, ms, functions });
  }
  // Summed in the order the blocks happened, before sorting: the same float whatever their lengths.
  return { blocks: [...blocks].sort((a, b) => b.ms - a.ms), blockedMs: sum(blocks.map((b) => b.ms)) };
};
