import { describe, expect, it } from 'vitest';
import { HashSlots } from './hash-slots.js';

/** Numbers `keys` through a table where every key has the same hash, so only `same` tells them apart. */
function numberAll(keys: string[], hash: (key: string) => number): number[] {
  const table = new HashSlots();
  const known: string[] = [];
  return keys.map((key) => {
    const id = table.idOf(hash(key), (candidate) => known[candidate] === key);
    if (id === known.length) known.push(key);
    return id;
  });
}

describe('HashSlots', () => {
  it('keeps keys apart when all their hashes collide', () => {
    expect(numberAll(['a', 'b', 'a', 'c', 'b'], () => 0)).toEqual([0, 1, 0, 2, 1]);
  });

  it('keeps every id while the table grows, with colliding and distinct hashes alike', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    const twice = [...keys, ...keys];
    // Four hashes for 5,000 keys: long probe runs that must survive every rehash.
    const ids = numberAll(twice, (key) => Number(key.slice(1)) % 4);
    expect(ids).toEqual(twice.map((key) => Number(key.slice(1))));
    const spread = numberAll(twice, (key) => Math.imul(Number(key.slice(1)), 0x9e3779b1));
    expect(spread).toEqual(ids);
  });
});
