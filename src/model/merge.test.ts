import { describe, expect, it } from 'vitest';
import { toFolded } from './folded.js';
import { mergeProfiles } from './merge.js';
import { ProfileBuilder } from './profile.js';

function cpu(startTime: number, durationNanos: number, leaf: string, wall: number) {
  const b = new ProfileBuilder(
    [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    { startTime, durationNanos, engine: 'pprof' },
  );
  b.addSample([b.frameId({ name: 'main', file: '/a.js', line: 1 }), b.frameId({ name: leaf })], [1, wall]);
  return b.build();
}

describe('mergeProfiles', () => {
  it('re-interns frames and puts each part under its own root frame', () => {
    const merged = mergeProfiles([
      { profile: cpu(1000, 2e9, 'parse', 10), roots: ['node main.js (pid 1)'] },
      { profile: cpu(1500, 1e9, 'render', 20), roots: ['node worker.js (pid 2)'] },
      { profile: cpu(1200, 1e9, 'parse', 5) },
    ]);
    expect(toFolded(merged)).toBe(
      [
        'main (/a.js:1);parse 5',
        'node main.js (pid 1);main (/a.js:1);parse 10',
        'node worker.js (pid 2);main (/a.js:1);render 20',
        '',
      ].join('\n'),
    );
    // `main` is one frame shared by all parts.
    expect(merged.frames.filter((f) => f.name === 'main')).toHaveLength(1);
    expect(merged.meta.startTime).toBe(1000);
    // Part two ends last: 500 ms after the first start plus its 1 s.
    expect(merged.meta.durationNanos).toBe(2e9);
    expect(merged.meta.engine).toBe('pprof');
  });

  it('matches value types by type and unit; a part without a type contributes 0', () => {
    const heap = new ProfileBuilder([
      { type: 'inuse_space', unit: 'bytes' },
      { type: 'samples', unit: 'count' },
    ]);
    heap.addSample([heap.frameId({ name: 'alloc' })], [4096, 3]);
    const merged = mergeProfiles([{ profile: cpu(0, 5, 'x', 7) }, { profile: heap.build() }]);
    expect(merged.valueTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
      { type: 'inuse_space', unit: 'bytes' },
    ]);
    expect(merged.defaultValueIndex).toBe(1);
    expect(merged.samples.map((s) => s.values)).toEqual([
      [1, 7, 0],
      [3, 0, 4096],
    ]);
  });

  it('uses the longest duration when parts have no start times, and handles no parts', () => {
    const a = { ...cpu(0, 3e9, 'a', 1), meta: { durationNanos: 3e9 } };
    const b = { ...cpu(0, 5e9, 'b', 1), meta: { durationNanos: 5e9 } };
    expect(mergeProfiles([{ profile: a }, { profile: b }]).meta).toEqual({ durationNanos: 5e9 });
    expect(mergeProfiles([])).toEqual({
      valueTypes: [],
      defaultValueIndex: 0,
      frames: [],
      samples: [],
      meta: {},
    });
  });
});
