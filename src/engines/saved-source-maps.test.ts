import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../model/profile.js';
import { applySourceMaps } from './saved-source-maps.js';

// A map of one generated line: column 0 comes from line 5 of app.ts, column 20 from line 9.
// Segments are base64 VLQ: "AAIA" = [0, 0, +4, 0], "oBAIA" = [+20, 0, +4, 0].
const map = {
  version: 3,
  sources: ['file:///src/app.ts'],
  names: [],
  mappings: 'AAIA,oBAIA',
};

function profileOf(frames: { name: string; file?: string; line?: number; column?: number }[]) {
  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  const ids = frames.map((f) => builder.frameId(f));
  for (const id of ids) builder.addSample([id], [1]);
  return builder.build();
}

describe('applySourceMaps', () => {
  it('maps frames of a script with a map to the original file and line, keeping the name', () => {
    const profile = profileOf([
      { name: 'start', file: 'file:///src/app.ts', line: 1, column: 1 },
      { name: 'hot', file: 'file:///src/app.ts', line: 1, column: 25 },
    ]);
    const mapped = applySourceMaps(profile, { startedUs: 0, maps: { 'file:///src/app.ts': map } });
    expect(mapped.frames).toEqual([
      { name: 'start', file: '/src/app.ts', line: 5, column: 1 },
      { name: 'hot', file: '/src/app.ts', line: 9, column: 1 },
    ]);
    expect(mapped.samples.map((s) => s.values[0])).toEqual([1, 1]);
  });

  it('leaves other frames where they were, with file URLs made paths, and merges frames that became one', () => {
    const profile = profileOf([
      { name: 'a', file: 'file:///lib/plain.js', line: 3, column: 2 },
      { name: 'a', file: '/lib/plain.js', line: 3, column: 2 },
      { name: 'readFile', file: 'node:fs', line: 10 },
      { name: '(idle)' },
    ]);
    const mapped = applySourceMaps(profile, undefined);
    expect(mapped.frames).toEqual([
      { name: 'a', file: '/lib/plain.js', line: 3, column: 2 },
      { name: 'readFile', file: 'node:fs', line: 10 },
      { name: '(idle)' },
    ]);
    expect(mapped.samples).toEqual([
      { stack: [0], values: [1] },
      { stack: [0], values: [1] },
      { stack: [1], values: [1] },
      { stack: [2], values: [1] },
    ]);
  });

  it('keeps the generated position when a saved map is unusable', () => {
    const profile = profileOf([{ name: 'f', file: 'file:///src/app.ts', line: 1, column: 25 }]);
    const broken = { startedUs: 0, maps: { 'file:///src/app.ts': 'not a map' as unknown as object } };
    expect(applySourceMaps(profile, broken).frames).toEqual([
      { name: 'f', file: '/src/app.ts', line: 1, column: 25 },
    ]);
  });

  it('finds the map of an ES module by URL for a frame that names its path (0x writes paths)', () => {
    const profile = profileOf([{ name: 'hot', file: '/src/app.ts', line: 1, column: 25 }]);
    const mapped = applySourceMaps(profile, { startedUs: 0, maps: { 'file:///src/app.ts': map } });
    expect(mapped.frames).toEqual([{ name: 'hot', file: '/src/app.ts', line: 9, column: 1 }]);
  });
});
