import { describe, expect, it } from 'vitest';
import { dropFrames } from './drop-frames.js';
import { fromFolded, toFolded } from './folded.js';
import { mergeProfiles } from './merge.js';
import type { Frame } from './profile.js';

const grouping = (frame: Frame) => frame.file === undefined && /\(pid \d+\)$|^main thread$/.test(frame.name);

describe('dropFrames', () => {
  it('takes matching frames out of every stack and joins what was above and below them', () => {
    const profile =
      fromFolded(
        [
          'node a.js (pid 1);main thread;main (/a.js:1);work (/a.js:5) 7',
          'node a.js (pid 1);main thread;main (/a.js:1) 3',
          'node a.js (pid 1);(garbage collector) 2',
          'node a.js (pid 1) 1',
          '',
        ].join('\n'),
        'a.folded',
      ) ?? fail();
    const dropped = dropFrames(profile, grouping);
    expect(toFolded(dropped)).toBe(
      ['(garbage collector) 2', 'main (/a.js:1) 3', 'main (/a.js:1);work (/a.js:5) 7', ''].join('\n'),
    );
    // The sample left with no frame keeps its value; unused frames are gone.
    expect(dropped.samples.reduce((sum, s) => sum + (s.values[0] as number), 0)).toBe(13);
    expect(dropped.frames.map((f) => f.name)).toEqual(['main', 'work', '(garbage collector)']);
    expect(dropped.valueTypes).toEqual(profile.valueTypes);
  });

  it('lets runs with different pids merge into one tree', () => {
    const run = (pid: number, value: number) =>
      fromFolded(`node a.js (pid ${pid});main (/a.js:1);work (/a.js:5) ${value}\n`, `${pid}.folded`);
    const parts = [run(11, 4), run(12, 6)].map((p) => ({ profile: dropFrames(p ?? fail(), grouping) }));
    expect(toFolded(mergeProfiles(parts))).toBe('main (/a.js:1);work (/a.js:5) 10\n');
  });

  it('returns the same stacks when nothing matches', () => {
    const text = 'main (/a.js:1);work (/a.js:5) 7\n';
    expect(toFolded(dropFrames(fromFolded(text, 'x') ?? fail(), () => false))).toBe(text);
  });
});

function fail(): never {
  throw new Error('folded stacks not read');
}
