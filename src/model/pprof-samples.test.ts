import { describe, expect, it } from 'vitest';
import type { RawSamples } from './pprof-raw.js';
import { pprofSamples } from './pprof-samples.js';
import type { Frame, Profile, Sample } from './profile.js';
import { hashStack } from './stack-index.js';

/** Each written sample as its location ids (leaf first) and values. */
function rows(s: RawSamples): { ids: number[]; values: number[] }[] {
  return Array.from(s.list, (l, i) => ({
    ids: Array.from(s.locationIds.subarray(s.listStart[l], s.listStart[l + 1])),
    values: Array.from(s.values.subarray(s.valueStart[i], s.valueStart[i + 1])),
  }));
}

function profileOf(frameCount: number, width: number, samples: Sample[]): Profile {
  const frames: Frame[] = Array.from({ length: frameCount }, (_, i) => ({ name: `f${i}` }));
  const valueTypes = Array.from({ length: width }, (_, i) => ({ type: `t${i}`, unit: 'count' }));
  return { valueTypes, defaultValueIndex: 0, frames, samples, meta: {} };
}

describe('pprofSamples', () => {
  it('writes one sample per distinct stack, leaf first, summing values rounded one by one', () => {
    const profile = profileOf(3, 2, [
      { stack: [0, 1], values: [1, 1.4] },
      { stack: [0, 2], values: [1, 5] },
      { stack: [0, 1], values: [2, 1.4] },
      { stack: [], values: [1, -3] },
      { stack: [0, 1], values: [1, -0.6] },
    ]);
    // 1.4 + 1.4 - 0.6 is 1 + 1 - 1 once rounded, as a reader of the unmerged samples would add it up.
    expect(rows(pprofSamples(profile))).toEqual([
      { ids: [2, 1], values: [4, 1] },
      { ids: [3, 1], values: [1, 5] },
      { ids: [], values: [1, -3] },
    ]);
  });

  it('keeps stacks apart whose hashes collide', () => {
    const a = [24, 1617, 7];
    const b = [77, 1284, 7];
    expect(hashStack(a)).toBe(hashStack(b));
    const profile = profileOf(1618, 1, [
      { stack: a, values: [1] },
      { stack: b, values: [2] },
      { stack: [...a], values: [4] },
    ]);
    expect(rows(pprofSamples(profile))).toEqual([
      { ids: [8, 1618, 25], values: [5] },
      { ids: [8, 1285, 78], values: [2] },
    ]);
  });
});
