import { describe, expect, it } from 'vitest';
import { SliceInterner } from './slice-interner.js';

describe('SliceInterner', () => {
  it('tells apart labels that share every sampled character', () => {
    // Same length, same first and last 8 and same middle: only the comparison can tell them apart.
    const a = `abcdefgh${'x'.repeat(10)}MMMM${'y'.repeat(10)}12345678`;
    const b = `abcdefgh${'x'.repeat(9)}zMMMM${'y'.repeat(10)}12345678`;
    expect(a.length).toBe(b.length);
    const text = `${a};${b};${a}`;
    const interner = new SliceInterner();
    const first = interner.intern(text, 0, a.length);
    const second = interner.intern(text, a.length + 1, 2 * a.length + 1);
    const third = interner.intern(text, 2 * a.length + 2, text.length);
    expect([first, second, third]).toEqual([0, 1, 0]);
    expect(interner.strings).toEqual([a, b]);
  });

  it('keeps every number stable while its table grows', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const interner = new SliceInterner();
    let at = 0;
    const ids = words.map((w) => {
      const id = interner.intern(text, at, at + w.length);
      at += w.length + 1;
      return id;
    });
    at = 0;
    const again = words.map((w) => {
      const id = interner.intern(text, at, at + w.length);
      at += w.length + 1;
      return id;
    });
    const inOrder = ids.every((id, i) => id === i);
    expect(inOrder && again.every((id, i) => id === i)).toBe(true);
    expect(interner.strings).toHaveLength(5000);
  });
});
