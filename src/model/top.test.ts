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

describe('topFunctions: anonymous functions and grouping frames', () => {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  const proc = b.frameId({ name: 'node app.js (pid 1)' });
  const thread = b.frameId({ name: 'worker 1 (app.js)' });
  const first = b.frameId({ name: '(anonymous)', file: '/a.js', line: 3, column: 5 });
  const second = b.frameId({ name: '(anonymous)', file: '/a.js', line: 9, column: 12 });
  b.addSample([proc, thread, first], [3]);
  b.addSample([proc, thread, second], [1]);
  const profile = b.build();

  it('tells anonymous functions of one file apart by their position, and leaves out excluded frames', () => {
    const top = topFunctions(profile, { exclude: (f) => f.file === undefined });
    expect(top).toEqual([
      {
        name: '(anonymous)',
        file: '/a.js',
        line: 3,
        column: 5,
        self: 3,
        total: 3,
        selfShare: 0.75,
        totalShare: 0.75,
      },
      {
        name: '(anonymous)',
        file: '/a.js',
        line: 9,
        column: 12,
        self: 1,
        total: 1,
        selfShare: 0.25,
        totalShare: 0.25,
      },
    ]);
    expect(topFunctions(profile, { sortBy: 'total' })[0]).toMatchObject({
      name: 'node app.js (pid 1)',
      total: 4,
    });
  });
});
