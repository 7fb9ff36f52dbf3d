import { describe, expect, it } from 'vitest';
import { hashStack, StackIndex } from './stack-index.js';

describe('StackIndex', () => {
  it('gives equal stacks one number and different stacks different numbers', () => {
    const index = new StackIndex();
    expect(index.idOf([1, 2, 3])).toBe(0);
    expect(index.idOf([1, 2])).toBe(1);
    expect(index.idOf([3, 2, 1])).toBe(2);
    expect(index.idOf([1, 2, 3])).toBe(0);
    expect(index.idOf([])).toBe(3);
    expect(index.stacks).toEqual([[1, 2, 3], [1, 2], [3, 2, 1], []]);
  });

  it('keeps stacks apart when their hashes collide', () => {
    // Found by brute force: two different stacks with the same 32-bit hash.
    const a = [24, 1617, 7];
    const b = [77, 1284, 7];
    expect(hashStack(a)).toBe(hashStack(b));
    const index = new StackIndex();
    expect([index.idOf(a), index.idOf(b), index.idOf([...a]), index.idOf([...b])]).toEqual([0, 1, 0, 1]);
  });

  it('hashes a range of a typed array like the array of the same ids', () => {
    const flat = Float64Array.of(9, 24, 1617, 7, 9);
    expect(hashStack(flat, 1, 4)).toBe(hashStack([24, 1617, 7]));
    expect(hashStack(flat, 1, 3)).not.toBe(hashStack([24, 1617, 7]));
  });
});
