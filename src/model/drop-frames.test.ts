import { describe, expect, it } from 'vitest';
import { dropFrames } from './drop-frames.js';
import { fromFolded, toFolded } from './folded.js';

describe('dropFrames', () => {
  it('takes the frames out of every stack and merges what became the same stack', () => {
    const profile = fromFolded(
      ['node a.js (pid 1);main thread;main;work 5', 'node a.js (pid 2);main;work 3', 'node a.js (pid 2) 1'].join(
        '\n',
      ),
      'runs.folded',
    );
    if (!profile) throw new Error('not folded');
    const out = dropFrames(profile, (frame) => /\(pid \d+\)$/.test(frame.name) || frame.name === 'main thread');
    expect(toFolded(out)).toBe('main;work 8\n');
    expect(out.frames.map((f) => f.name).sort()).toEqual(['main', 'work']);
  });

  it('returns the profile itself when nothing matches', () => {
    const profile = fromFolded('main;work 1', 'one.folded');
    if (!profile) throw new Error('not folded');
    expect(dropFrames(profile, () => false)).toBe(profile);
  });
});
