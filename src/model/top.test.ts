import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from './profile.js';
import { topFunctions } from './top.js';

describe('topFunctions', () => {
  const b = new ProfileBuilder([
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ]);
  const main = b.frameId({ name: 'main', file: '/m.js', line: 1 });
  const fib12 = b.frameId({ name: 'fib', file: '/f.js', line: 12 });
  const fib14 = b.frameId({ name: 'fib', file: '/f.js', line: 14 });
  const otherFib = b.frameId({ name: 'fib', file: '/other.js', line: 3 });
  const gc = b.frameId({ name: '(garbage collector)' });
  b.addSample([main, fib12, fib14, fib12], [1, 60]); // recursive: fib counted once in total
  b.addSample([main, fib14], [1, 20]);
  b.addSample([main], [1, 5]);
  b.addSample([main, otherFib], [1, 5]);
  b.addSample([gc], [1, 10]);
  const profile = b.build();

  it('groups by name and file, counts recursion once, and ranks by self', () => {
    expect(topFunctions(profile)).toEqual([
      { name: 'fib', file: '/f.js', line: 12, self: 80, total: 80, selfShare: 0.8, totalShare: 0.8 },
      { name: '(garbage collector)', self: 10, total: 10, selfShare: 0.1, totalShare: 0.1 },
      { name: 'main', file: '/m.js', line: 1, self: 5, total: 90, selfShare: 0.05, totalShare: 0.9 },
      { name: 'fib', file: '/other.js', line: 3, self: 5, total: 5, selfShare: 0.05, totalShare: 0.05 },
    ]);
  });

  it('ranks by total, uses another value and limits rows', () => {
    expect(topFunctions(profile, { sortBy: 'total', limit: 2 }).map((f) => [f.name, f.total])).toEqual([
      ['main', 90],
      ['fib', 80],
    ]);
    const bySamples = topFunctions(profile, { valueIndex: 0 });
    expect(bySamples[0]).toMatchObject({ name: 'fib', file: '/f.js', self: 2, total: 2, selfShare: 0.4 });
  });

  it('returns nothing for an empty profile', () => {
    expect(topFunctions(new ProfileBuilder([{ type: 'samples', unit: 'count' }]).build())).toEqual([]);
  });
});
