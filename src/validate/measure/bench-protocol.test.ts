import { describe, expect, it } from 'vitest';
import { UserError } from '../../util/user-error.js';
import { compilePattern, describeGroups, keepEvenlySpaced, selectBenchmarks } from './bench-protocol.js';

const groups = { render: ['simple', 'medium', 'complex'], parse: ['small', 'large'] };

describe('selectBenchmarks', () => {
  it('selects everything, in definition order, without filters', () => {
    expect(selectBenchmarks(groups, [])).toEqual({
      selected: ['render/simple', 'render/medium', 'render/complex', 'parse/small', 'parse/large'],
      unmatched: [],
    });
  });

  it('matches a substring of the group or of "group/name"', () => {
    expect(selectBenchmarks(groups, ['parse']).selected).toEqual(['parse/small', 'parse/large']);
    expect(selectBenchmarks(groups, ['render/me']).selected).toEqual(['render/medium']);
    expect(selectBenchmarks(groups, ['l']).selected).toEqual([
      'render/simple',
      'render/complex',
      'parse/small',
      'parse/large',
    ]);
  });

  it('matches /regex/ against the group name (whole group) or "group/name"', () => {
    expect(selectBenchmarks(groups, ['/^render$/']).selected).toEqual([
      'render/simple',
      'render/medium',
      'render/complex',
    ]);
    expect(selectBenchmarks(groups, ['/^parse\\/s/']).selected).toEqual(['parse/small']);
    expect(selectBenchmarks(groups, ['/LARGE/i']).selected).toEqual(['parse/large']);
  });

  it('unions several filters and reports the ones that matched nothing', () => {
    expect(selectBenchmarks(groups, ['small', 'nope', '/^x/', 'complex'])).toEqual({
      selected: ['render/complex', 'parse/small'],
      unmatched: ['nope', '/^x/'],
    });
  });

  it('a global-flag regex gives the same answer on every call', () => {
    const test = compilePattern('/a/g');
    expect([test('parse'), test('parse'), test('parse')]).toEqual([true, true, true]);
  });

  it('an invalid regex is a UserError that says how to write a filter', () => {
    expect(() => compilePattern('/(/')).toThrow(UserError);
    expect(() => compilePattern('/(/')).toThrow('benchmark filter /(/ is not a valid regular expression');
  });
});

describe('keepEvenlySpaced', () => {
  it('keeps short arrays whole (as a copy)', () => {
    const values = [1, 2, 3];
    const kept = keepEvenlySpaced(values, 3);
    expect(kept).toEqual([1, 2, 3]);
    expect(kept).not.toBe(values);
  });

  it('keeps the first, the last and evenly spaced ranks in between', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(keepEvenlySpaced(values, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(keepEvenlySpaced(values, 2)).toEqual([0, 100]);
    expect(keepEvenlySpaced(values, 1)).toEqual([0]);
  });

  it('keeps the median of a large sample', () => {
    const values = Array.from({ length: 1_000_001 }, (_, i) => i / 1000);
    const kept = keepEvenlySpaced(values);
    expect(kept).toHaveLength(10_000);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(1000);
    // 10,000 values: the median lies between the two middle ones, around 500 ms.
    expect(kept[4999]).toBeCloseTo(499.95, 0);
    expect(kept[5000]).toBeCloseTo(500.05, 0);
  });
});

describe('describeGroups', () => {
  it('lists groups with their functions', () => {
    expect(describeGroups(groups)).toBe('render: simple, medium, complex; parse: small, large');
    expect(describeGroups({})).toBe('(none)');
  });
});
