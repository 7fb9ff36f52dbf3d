import { describe, expect, it } from 'vitest';
import { benchmarkNames, defineBenchmarks, isBenchmarkDefinition } from './bench.js';

describe('defineBenchmarks', () => {
  it('returns the same object, marked so the harness recognises it', () => {
    const groups = { parse: { small: () => 1, large: () => 2 } };
    const defined = defineBenchmarks(groups);
    expect(defined).toBe(groups);
    expect(isBenchmarkDefinition(defined)).toBe(true);
    // The mark is not a key: spreading or listing the groups does not show it.
    expect(Object.keys(defined)).toEqual(['parse']);
    expect(isBenchmarkDefinition({ parse: { small: () => 1 } })).toBe(false);
    expect(isBenchmarkDefinition(undefined)).toBe(false);
  });

  it('treats setup and teardown as hooks, not benchmarks', () => {
    const defined = defineBenchmarks({ g: { setup: () => {}, run: () => 1, teardown: () => {} } });
    expect(benchmarkNames(defined.g)).toEqual(['run']);
  });

  it('rejects unsafe names, naming the group or function', () => {
    expect(() => defineBenchmarks({ 'a/b': { f: () => 1 } })).toThrow('group "a/b" is not a safe name');
    expect(() => defineBenchmarks({ g: { '..': () => 1 } })).toThrow('function ".." of group "g"');
    expect(() => defineBenchmarks({ g: { 'has space': () => 1 } })).toThrow('is not a safe name');
  });

  it('rejects empty definitions, empty groups and values that are not functions', () => {
    expect(() => defineBenchmarks({})).toThrow('no groups defined');
    expect(() => defineBenchmarks({ g: { setup: () => {} } })).toThrow('group "g" has no functions');
    expect(() => defineBenchmarks({ g: { f: 1 as unknown as () => unknown } })).toThrow(
      '"g/f" must be a function, got number',
    );
  });
});
