// The wording helpers every summary shares (words.ts): counts in the right number.
import { describe, expect, it } from 'vitest';
import { noun, plural } from './words.js';

describe('plural and noun', () => {
  it('use the singular for exactly one, the plural otherwise', () => {
    expect([0, 1, 2].map((n) => plural(n, 'run'))).toEqual(['0 runs', '1 run', '2 runs']);
    expect(plural(1, 'process', 'processes')).toBe('1 process');
    expect(plural(3, 'process', 'processes')).toBe('3 processes');
    expect(`1,402 ${noun(1402, 'sample')}`).toBe('1,402 samples');
    expect(noun(1, 'sample')).toBe('sample');
  });
});
