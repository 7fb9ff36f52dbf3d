import { describe, expect, it } from 'vitest';
import { topAllocations } from './allocations.js';
import { frameNamer } from './program-frame.js';

const namer = frameNamer('/app', '/agent', (frame) => frame);
const frame = (functionName: string, url = '', lineNumber = -1) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: -1,
});

describe('topAllocations', () => {
  it("sums each sample's bytes into the program's innermost function, leaving the agent's out", () => {
    const profile = {
      head: {
        callFrame: frame('(root)'),
        selfSize: 0,
        children: [
          {
            callFrame: frame('record', 'file:///app/src/store.js', 9),
            selfSize: 600,
            // Array.prototype.push allocates on record's behalf: it is record's.
            children: [{ callFrame: frame('push', 'node:internal/array'), selfSize: 300 }],
          },
          { callFrame: frame('parse', 'file:///app/src/parse.js', 1), selfSize: 100 },
          { callFrame: frame('read', 'file:///agent/doctor.cjs', 3), selfSize: 1000 },
        ],
      },
    };
    expect(topAllocations(profile, namer)).toEqual([
      { function: 'record', file: 'src/store.js', line: 10, bytes: 900, share: 0.45 },
      { function: 'parse', file: 'src/parse.js', line: 2, bytes: 100, share: 0.05 },
    ]);
  });

  it('gives nothing for what is not a heap profile', () => {
    expect(topAllocations({ nodes: [] }, namer)).toEqual([]);
    expect(topAllocations(null, namer)).toEqual([]);
  });
});
