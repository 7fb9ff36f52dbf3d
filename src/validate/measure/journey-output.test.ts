import { describe, expect, it } from 'vitest';
import { LineSplitter } from './journey-output.js';

describe('LineSplitter', () => {
  it('returns whole lines only, joining lines split across chunks', () => {
    const lines = new LineSplitter();
    expect(lines.push('star')).toEqual([]);
    expect(lines.push('ting\nwatch')).toEqual(['starting']);
    expect(lines.push('ing src\r\n\nre')).toEqual(['watching src', '']);
    expect(lines.flush()).toEqual(['re']);
    expect(lines.flush()).toEqual([]);
  });
});
