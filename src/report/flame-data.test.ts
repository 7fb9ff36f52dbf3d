import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../model/profile.js';
import { toFlameData } from './flame-data.js';
import { FRAME_KINDS } from './page-data.js';

describe('toFlameData', () => {
  const b = new ProfileBuilder([{ type: 'wall', unit: 'nanoseconds' }]);
  const proc = b.frameId({ name: 'node app.js (pid 7)' });
  const main = b.frameId({ name: 'main', file: '/app/main.js', line: 1 });
  const lib = b.frameId({ name: 'parse', file: '/app/node_modules/lib/index.js', line: 9 });
  const gc = b.frameId({ name: '(garbage collector)' });
  const tiny = b.frameId({ name: 'tiny', file: '/app/tiny.js', line: 2 });
  b.addSample([proc, main, lib], [6000]);
  b.addSample([proc, main], [3000]);
  b.addSample([proc, gc], [990]);
  b.addSample([proc, main, tiny], [5]);
  const profile = b.build();

  it('writes the call tree in preorder with frame kinds, the root first', () => {
    const data = toFlameData(profile, { measure: 'wall time', pruneFraction: 0 });
    const name = (i: number) => (i === -1 ? 'all' : data.frames[i]?.[0]);
    const rows: [string | undefined, number, number][] = [];
    for (let i = 0; i < data.nodes.length; i += 3) {
      rows.push([name(data.nodes[i] as number), data.nodes[i + 1] as number, data.nodes[i + 2] as number]);
    }
    expect(rows).toEqual([
      ['all', 9995, 1],
      ['node app.js (pid 7)', 9995, 2],
      ['(garbage collector)', 990, 0],
      ['main', 9005, 2],
      ['parse', 6000, 0],
      ['tiny', 5, 0],
    ]);
    const kindOf = (n: string) => data.frames.find((f) => f[0] === n)?.[3];
    expect(kindOf('node app.js (pid 7)')).toBe(-1);
    expect(kindOf('main')).toBe(FRAME_KINDS.indexOf('app'));
    expect(kindOf('parse')).toBe(FRAME_KINDS.indexOf('dependency'));
    expect(kindOf('(garbage collector)')).toBe(FRAME_KINDS.indexOf('native'));
    expect(data).toMatchObject({ measure: 'wall time', unit: 'nanoseconds', pruned: { nodes: 0, value: 0 } });
  });

  it('leaves out nodes narrower than a pixel at full width, and says how much', () => {
    const data = toFlameData(profile, { measure: 'wall time' });
    expect(data.nodes.length / 3).toBe(5);
    // 5 is under 9995 / 1200.
    expect(data.pruned).toEqual({ nodes: 1, value: 5 });
    // The parent keeps its whole value, and counts only the children that are drawn.
    expect(data.nodes.slice(9, 12)).toEqual([data.frames.findIndex((f) => f[0] === 'main'), 9005, 1]);
  });
});
