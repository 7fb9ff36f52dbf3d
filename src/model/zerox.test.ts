import { describe, expect, it } from 'vitest';
import { ProfileFormatError } from './profile.js';
import { fromZeroXTree } from './zerox.js';

const tree = {
  merged: {
    name: 'all stacks',
    value: 10,
    top: 0,
    children: [
      {
        name: 'run file:///app/main.ts:1:367 [INIT]',
        value: 9,
        top: 1,
        children: [
          { name: 'hotLoop file:///app/main.ts:1:131 [TURBOFAN]', value: 7, top: 7 },
          { name: 'coldLoop /app/main.js:3:5', value: 1, top: 1 },
        ],
      },
      { name: '__write@@GLIBC_2.2.5 [CPP]', value: 1, top: 1 },
    ],
  },
};

describe('fromZeroXTree', () => {
  it('turns self ticks into samples and parses names into frames', () => {
    const profile = fromZeroXTree(tree, 'stacks.json');
    expect(profile).not.toBeNull();
    const stacks = (profile?.samples ?? [])
      .map((s) => `${s.stack.map((i) => profile?.frames[i]?.name).join(';')} ${s.values[0]}`)
      .sort();
    expect(stacks).toEqual(['__write@@GLIBC_2.2.5 1', 'run 1', 'run;coldLoop 1', 'run;hotLoop 7']);
    expect(profile?.frames.find((f) => f.name === 'hotLoop')).toEqual({
      name: 'hotLoop',
      file: '/app/main.ts',
      line: 1,
      column: 131,
    });
    expect(profile?.frames.find((f) => f.name === 'coldLoop')?.file).toBe('/app/main.js');
  });

  it('says "not mine" for other JSON and "broken" for a tree without children', () => {
    expect(fromZeroXTree('{"nodes": []}', 'x.json')).toBeNull();
    expect(fromZeroXTree('not json', 'x.json')).toBeNull();
    expect(() => fromZeroXTree({ merged: { name: 'all stacks' } }, 'x.json')).toThrow(ProfileFormatError);
  });
});
