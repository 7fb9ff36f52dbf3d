import { describe, expect, it } from 'vitest';
import { type Frame, ProfileBuilder } from '../model/profile.js';
import { causes, compareProfiles, IncomparableSidesError, type SourcedProfile } from './index.js';

/** A seeded generator, so the noise of every test is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * One run's wall profile: each function's self time in ms (main -> fn), each with +-5% of noise,
 * sampled every 1 ms: what the pprof engine records of a run.
 */
function run(
  selfMs: Record<string, number>,
  random: () => number,
  file = (name: string) => `/app/${name}.js`,
) {
  const builder = new ProfileBuilder([
    { type: 'samples', unit: 'count' },
    { type: 'wall', unit: 'nanoseconds' },
  ]);
  const main = builder.frameId({ name: 'main', file: '/app/main.js', line: 1 });
  for (const [name, ms] of Object.entries(selfMs)) {
    const frame: Frame = { name, file: file(name), line: 10 };
    const samples = Math.round(ms * (0.95 + random() * 0.1));
    const id = builder.frameId(frame);
    for (let s = 0; s < samples; s++) builder.addSample([main, id], [1, 1e6]);
  }
  return builder.build();
}

function runs(count: number, selfMs: Record<string, number>, seed: number, file?: (name: string) => string) {
  const random = lcg(seed);
  return Array.from(
    { length: count },
    (_, i): SourcedProfile => ({
      profile: run(selfMs, random, file),
      source: `run${i}.pb.gz`,
    }),
  );
}

/** The runs with the first two stretched by `factor`: what a machine busy with other work does to them. */
function stretch(sides: SourcedProfile[], factor: number): SourcedProfile[] {
  return sides.map((side, i) =>
    i >= 2
      ? side
      : {
          ...side,
          profile: {
            ...side.profile,
            samples: side.profile.samples.map((s) => ({ ...s, values: s.values.map((v) => v * factor) })),
          },
        },
  );
}

describe('compareProfiles', () => {
  it('names the function made three times slower, and not the two unchanged ones', () => {
    const before = { parse: 400, render: 400, filter: 200 };
    const after = { parse: 400, render: 400, filter: 600 };
    const result = compareProfiles(runs(5, before, 1), runs(5, after, 2), { regression: 400 });
    expect(result.unit).toBe('ms');
    expect(result.tested).toBe(true);
    const named = causes(result.bySelf);
    expect(named.map((c) => c.function)).toEqual(['filter']);
    const filter = named[0];
    expect(filter?.delta).toBeGreaterThan(350);
    expect(filter?.shareOfRegression).toBeGreaterThan(0.85);
    expect(filter?.p).toBeLessThan(0.001);
    // By total, main is every sample of every run: its share cannot move, so it is no cause.
    expect(causes(result.byTotal).map((c) => c.function)).toEqual(['filter']);
  });

  it('names nothing when the whole of some runs was slowed by other work on the machine', () => {
    const same = { parse: 400, render: 400, filter: 200 };
    const result = compareProfiles(runs(5, same, 16), stretch(runs(5, same, 15), 1.6));
    expect(causes(result.bySelf)).toEqual([]);
  });

  it('still names a slowed function when two of its runs were slowed by other work as well', () => {
    const before = { parse: 400, render: 400, filter: 200 };
    const after = { parse: 400, render: 400, filter: 500 };
    const result = compareProfiles(runs(5, before, 18), stretch(runs(5, after, 17), 1.8));
    expect(causes(result.bySelf).map((c) => c.function)).toEqual(['filter']);
  });

  it('names nothing between two sets of runs of an unchanged program', () => {
    const same = { parse: 400, render: 400, filter: 200, a: 10, b: 5, c: 30 };
    const result = compareProfiles(runs(5, same, 3), runs(5, same, 4));
    expect(causes(result.bySelf)).toEqual([]);
    expect(causes(result.byTotal)).toEqual([]);
    expect(result.bySelf.every((c) => c.verdict === 'unchanged')).toBe(true);
  });

  it('matches a function whose file was renamed, and names no cause for the move', () => {
    const same = { parse: 400, render: 400, filter: 200 };
    const renamed = (name: string) => (name === 'filter' ? '/app/filters.js' : `/app/${name}.js`);
    const result = compareProfiles(runs(5, same, 5), runs(5, same, 6, renamed));
    expect(causes(result.bySelf)).toEqual([]);
    const filter = result.bySelf.find((c) => c.function === 'filter');
    expect(filter).toMatchObject({ file: '/app/filters.js', baselineFile: '/app/filter.js' });
    expect(Math.abs(filter?.delta ?? 0)).toBeLessThan(20);
  });

  it('names each of many small functions when all of them got slower', () => {
    const before: Record<string, number> = { main_work: 500 };
    const after: Record<string, number> = { main_work: 500 };
    for (let i = 0; i < 20; i++) {
      before[`helper${i}`] = 10;
      after[`helper${i}`] = 20;
    }
    const result = compareProfiles(runs(5, before, 7), runs(5, after, 8), { regression: 200 });
    const named = causes(result.bySelf);
    expect(named).toHaveLength(20);
    expect(named.every((c) => c.function.startsWith('helper'))).toBe(true);
    const share = named.reduce((sum, c) => sum + (c.shareOfRegression ?? 0), 0);
    expect(share).toBeGreaterThan(0.9);
  });

  it('does not name a function sampled once in every run of one side only (a start-up read that fell on a sample)', () => {
    const result = compareProfiles(runs(5, { work: 400 }, 13), runs(5, { work: 400, read: 1 }, 14));
    const read = result.bySelf.find((c) => c.function === 'read');
    // Too small to be tested at all: no change of one sample a run can pass the floor.
    expect(read?.p).toBeNull();
    expect(read?.verdict).toBe('unchanged');
  });

  it('does not test single profiles and names nothing from them', () => {
    const result = compareProfiles(runs(1, { a: 100 }, 9), runs(1, { a: 300 }, 10));
    expect(result.tested).toBe(false);
    expect(result.bySelf[0]).toMatchObject({ function: 'a', p: null, verdict: 'unchanged' });
    expect(result.bySelf[0]?.delta).toBeGreaterThan(150);
  });

  it('normalised per sample, compares shares of each run', () => {
    const result = compareProfiles(runs(3, { a: 100, b: 100 }, 11), runs(3, { a: 300, b: 300 }, 12), {
      normalize: 'sample',
    });
    expect(result.unit).toBe('%');
    expect(causes(result.bySelf)).toEqual([]);
  });

  it('refuses a heap profile against a CPU profile, naming both files', () => {
    const heap = new ProfileBuilder([{ type: 'inuse_space', unit: 'bytes' }]);
    heap.addSample([heap.frameId({ name: 'alloc' })], [1024]);
    expect(() =>
      compareProfiles(runs(1, { a: 1 }, 1), [{ profile: heap.build(), source: 'heap.pb.gz' }]),
    ).toThrow(IncomparableSidesError);
    expect(() =>
      compareProfiles(runs(1, { a: 1 }, 1), [{ profile: heap.build(), source: 'heap.pb.gz' }]),
    ).toThrow(/run0.pb.gz measures wall time .* but heap.pb.gz measures heap/);
  });
});
