/** The blocks figure (blocks.ts), with exact numbers: which intervals hold a block, and what ran in it. */
import { describe, expect, it } from 'vitest';
import { analyseBlocks } from './blocks.js';
import type { JudgedInterval } from './interval.js';

const run = { startedAt: 1_000, blockMs: 10 };
const fn = (name: string, ms: number) => ({ function: name, file: 'main.js', line: 1, ms });
const interval = (t: number, late: number, run?: JudgedInterval['run']): JudgedInterval => ({
  pid: 7,
  reading: { t, hrUs: 0, spanMs: 100, cpuUserMs: 0, cpuSystemMs: 0, gc: {}, resources: {} },
  samples: null,
  late,
  ...(run === undefined ? {} : { run }),
});

describe('analyseBlocks', () => {
  it('keeps the intervals at least blockMs late, longest first, with their summed length', () => {
    const { blocks, blockedMs } = analyseBlocks(
      [interval(1_500, 5), interval(2_000, 10), interval(3_500, 30.25)],
      run,
    );
    expect(blocks).toEqual([
      { pid: 7, atSec: 2.5, ms: 30.25, functions: [] },
      { pid: 7, atSec: 1, ms: 10, functions: [] },
    ]);
    expect(blockedMs).toBe(40.25);
  });

  it("scales a busy run longer than the block down to the block's length, its five largest functions", () => {
    const busy = {
      startUs: 0,
      ms: 60,
      loadingShare: 0,
      functions: [fn('a', 30), fn('b', 10), fn('c', 8), fn('d', 6), fn('e', 4), fn('f', 2)],
    };
    const [block] = analyseBlocks([interval(2_000, 20, busy)], run).blocks;
    expect(block?.functions).toEqual([fn('a', 10), fn('b', 3.33), fn('c', 2.67), fn('d', 2), fn('e', 1.33)]);
  });

  it('leaves a busy run shorter than the block as it is', () => {
    const busy = { startUs: 0, ms: 15, loadingShare: 0, functions: [fn('a', 15)] };
    expect(analyseBlocks([interval(2_000, 20, busy)], run).blocks[0]?.functions).toEqual([fn('a', 15)]);
  });

  it('finds none in none', () => {
    expect(analyseBlocks([], run)).toEqual({ blocks: [], blockedMs: 0 });
  });
});
