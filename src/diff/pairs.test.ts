import { describe, expect, it } from 'vitest';
import { pairSides } from './pairs.js';
import type { Side } from './sides.js';

describe('pairSides', () => {
  const files = (...paths: string[]): Side => ({ argument: paths.join(','), kind: 'files', files: paths });
  const tree = (argument: string, runs: Record<string, string[]>): Side => ({
    argument,
    kind: 'directory',
    runs: new Map(Object.entries(runs)),
  });

  it('pairs files with files as one comparison', () => {
    expect(pairSides(files('a', 'b'), files('c'))).toEqual({
      pairs: [{ key: null, base: ['a', 'b'], next: ['c'] }],
      onlyInBase: [],
      onlyInNew: [],
    });
  });

  it('pairs directories by workload and lists the rest', () => {
    const base = tree('before', { 'd/a': ['1'], 'd/b': ['2'], 'd/old': ['3'] });
    const next = tree('after', { 'd/a': ['4', '5'], 'd/b': ['6'], 'd/new': ['7'] });
    expect(pairSides(base, next)).toEqual({
      pairs: [
        { key: 'd/a', base: ['1'], next: ['4', '5'] },
        { key: 'd/b', base: ['2'], next: ['6'] },
      ],
      onlyInBase: ['d/old'],
      onlyInNew: ['d/new'],
    });
  });

  it('pairs files with a directory of one workload, and refuses one of several', () => {
    expect(pairSides(files('x'), tree('after', { 'd/a': ['4'] })).pairs).toEqual([
      { key: 'd/a', base: ['x'], next: ['4'] },
    ]);
    expect(() => pairSides(files('x'), tree('after', { 'd/a': ['4'], 'd/b': ['5'] }))).toThrow(
      'x is profile files but after holds 2 workloads (d/a, d/b): give its files of one workload, or directories on both sides',
    );
  });

  it('says when two directories have no workload in common', () => {
    expect(() => pairSides(tree('before', { 'd/a': ['1'] }), tree('after', { 'e/a': ['2'] }))).toThrow(
      'before and after have no workload in common: before has d/a; after has e/a',
    );
  });
});
