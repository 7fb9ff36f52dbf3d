import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPprof } from '../model/pprof.js';
import { type Frame, type Profile, ProfileBuilder, type ProfileMeta } from '../model/profile.js';
import { heapSiteGrowth, inuseBytesIndex } from './heap-growth.js';

const heapTypes = [
  { type: 'inuse_objects', unit: 'count' },
  { type: 'inuse_space', unit: 'bytes' },
];

/** A heap profile from `[stack (root first), objects, bytes]` rows. */
function heapProfile(
  rows: [Frame[], number, number][],
  valueTypes = heapTypes,
  meta: ProfileMeta = {},
): Profile {
  const builder = new ProfileBuilder(valueTypes, meta);
  const bytesAt = valueTypes.findIndex((vt) => vt.unit === 'bytes');
  for (const [stack, objects, bytes] of rows) {
    const values = valueTypes.map((_, i) => (i === bytesAt ? bytes : objects));
    builder.addSample(
      stack.map((f) => builder.frameId(f)),
      values,
    );
  }
  return builder.build();
}

const main: Frame = { name: 'main', file: '/app/main.js', line: 1 };
const leak: Frame = { name: 'remember', file: '/app/cache.js', line: 10 };
const steady: Frame = { name: 'buffer', file: '/app/io.js', line: 5 };
const shrink: Frame = { name: 'warmup', file: '/app/boot.js', line: 2 };

describe('heapSiteGrowth', () => {
  it('sums each leaf site over its stacks and lists only growers, largest first', () => {
    const early = heapProfile([
      [[main, leak], 1, 1000],
      [[main, steady], 1, 5000],
      [[main, shrink], 1, 9000],
    ]);
    const other: Frame = { name: 'handler', file: '/app/h.js', line: 3 };
    const late = heapProfile([
      [[main, leak], 1, 4000],
      [[main, other, leak], 1, 3000], // same site reached through another caller
      [[main, steady], 1, 5000],
      [[main, shrink], 1, 100],
      [[main, other], 1, 2500], // a new site: early is 0
    ]);
    expect(heapSiteGrowth(early, late)).toEqual([
      {
        name: 'remember',
        file: '/app/cache.js',
        line: 10,
        earlyBytes: 1000,
        lateBytes: 7000,
        growthBytes: 6000,
      },
      { name: 'handler', file: '/app/h.js', line: 3, earlyBytes: 0, lateBytes: 2500, growthBytes: 2500 },
    ]);
  });

  it('keeps sites apart by line and file, and honours the limit', () => {
    const a1: Frame = { name: 'f', file: '/a.js', line: 1 };
    const a2: Frame = { name: 'f', file: '/a.js', line: 2 };
    const b1: Frame = { name: 'f', file: '/b.js', line: 1 };
    const late = heapProfile([
      [[a1], 1, 300],
      [[a2], 1, 200],
      [[b1], 1, 100],
    ]);
    const all = heapSiteGrowth(heapProfile([]), late);
    expect(all.map((s) => [s.file, s.line, s.growthBytes])).toEqual([
      ['/a.js', 1, 300],
      ['/a.js', 2, 200],
      ['/b.js', 1, 100],
    ]);
    expect(heapSiteGrowth(heapProfile([]), late, { limit: 1 })).toHaveLength(1);
  });

  it('finds the bytes value by its type, whatever its position', () => {
    const reordered = [
      { type: 'inuse_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' },
    ];
    const late = heapProfile([[[leak], 7, 4096]], reordered);
    expect(inuseBytesIndex(late)).toBe(0);
    expect(heapSiteGrowth(heapProfile([], reordered), late)[0]?.growthBytes).toBe(4096);
  });

  it('leaves out growth of about one sampling interval, which one stray sample explains', () => {
    const sampled = { period: { type: { type: 'inuse_space', unit: 'bytes' }, value: 1000 } };
    const late = heapProfile(
      [
        [[leak], 3, 3100],
        [[steady], 1, 1050],
      ],
      heapTypes,
      sampled,
    );
    expect(heapSiteGrowth(heapProfile([]), late).map((s) => s.name)).toEqual(['remember']);
    expect(heapSiteGrowth(heapProfile([]), late, { minGrowthBytes: 0 })).toHaveLength(2);
    expect(() => heapSiteGrowth(late, late, { minGrowthBytes: -1 })).toThrow(/minGrowthBytes/);
  });

  it('refuses a profile without a bytes value', () => {
    const cpu = heapProfile([[[main], 1, 1]], [{ type: 'samples', unit: 'count' }]);
    expect(() => heapSiteGrowth(cpu, cpu)).toThrow(/no value is measured in bytes.*samples\/count/);
  });
});

// A workload that retains what `leakyCache` allocates and throws away what `churn` allocates, under
// @datadog/pprof's heap sampler, with heap profiles taken early and late. Inlining is off because V8
// attributes an inlined function's allocations to its caller (see heap-growth.ts).
const leakingScript = `
const { heap, encodeSync } = require(process.argv[2]);
const { writeFileSync } = require('node:fs');
heap.start(128 * 1024, 64);
const retained = [];
function leakyCache(i) {
  const chunk = [];
  for (let j = 0; j < 64; j++) chunk.push({ i, j, tag: 'k' + j });
  retained.push(chunk);
}
function churn(i) {
  let sum = 0;
  for (let j = 0; j < 64; j++) sum += { i, j }.j;
  return sum;
}
for (let i = 0; i < 300; i++) { leakyCache(i); churn(i); }
writeFileSync(process.argv[3] + '/early.pb.gz', encodeSync(heap.profile()));
for (let i = 0; i < 4000; i++) { leakyCache(i); churn(i); }
writeFileSync(process.argv[3] + '/late.pb.gz', encodeSync(heap.profile()));
`;

describe('heapSiteGrowth on real @datadog/pprof heap profiles', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perfsuite-heap-growth-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the leaking function as the top grower', async () => {
    const script = join(dir, 'leak.cjs');
    await writeFile(script, leakingScript);
    const pprofModule = createRequire(import.meta.url).resolve('@datadog/pprof');
    await promisify(execFile)(process.execPath, ['--no-turbo-inlining', script, pprofModule, dir]);
    const load = async (name: string): Promise<Profile> => {
      const path = join(dir, name);
      const profile = fromPprof(await readFile(path), path);
      if (profile === null) throw new Error(`${path} is not pprof`);
      return profile;
    };
    const sites = heapSiteGrowth(await load('early.pb.gz'), await load('late.pb.gz'));
    const top = sites[0];
    expect(top?.name).toBe('leakyCache');
    expect(top?.file).toBe(script);
    // About 4000 chunks of 64 small objects are retained: several MB, sampled every 128 KiB on average.
    expect(top?.growthBytes).toBeGreaterThan(4e6);
    expect(top?.lateBytes).toBeGreaterThan(top?.earlyBytes ?? Number.POSITIVE_INFINITY);
    expect(sites.some((s) => s.name === 'churn')).toBe(false);
    // The sampling interval is in the profile, and single-sample noise is filtered against it.
    const late = await load('late.pb.gz');
    expect(late.meta.period?.value).toBe(128 * 1024);
    for (const site of sites) expect(site.growthBytes).toBeGreaterThan(1.5 * 128 * 1024);
  });
});
