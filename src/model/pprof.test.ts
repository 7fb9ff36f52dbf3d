import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Profile as PprofProfile, StringTable } from 'pprof-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPprof, toPprof } from './pprof.js';
import { type Profile, ProfileBuilder, ProfileFormatError, totalValue } from './profile.js';

const fixtureScript = new URL('../../test/fixtures/profiles/make-pprof-fixtures.mjs', import.meta.url)
  .pathname;

/** Share of the default value held by samples whose stack contains a frame named `name`. */
function shareWith(profile: Profile, name: string): number {
  const ids = new Set(profile.frames.flatMap((f, i) => (f.name === name ? [i] : [])));
  let hit = 0;
  for (const s of profile.samples) {
    if (s.stack.some((id) => ids.has(id))) hit += s.values[profile.defaultValueIndex] ?? 0;
  }
  return hit / totalValue(profile);
}

const names = (profile: Profile, stack: number[]) => stack.map((id) => profile.frames[id]?.name);

describe('fromPprof on profiles written by @datadog/pprof', () => {
  let dir: string;
  const load = (file: string) => {
    const profile = fromPprof(readFileSync(join(dir, file)), file);
    if (!profile) throw new Error(`${file} was not recognised`);
    return profile;
  };

  beforeAll(() => {
    // Really run the profiler in a child process, so the fixtures are what it emits today.
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-pprof-'));
    execFileSync(process.execPath, [fixtureScript, dir], { stdio: 'pipe' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a wall-time profile: types, default, period, times and a dominant hot function', () => {
    const before = Date.now();
    const profile = load('time.pb.gz');
    expect(profile.valueTypes).toEqual([
      { type: 'sample', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ]);
    expect(profile.defaultValueIndex).toBe(1);
    expect(profile.meta.period?.type).toEqual({ type: 'wall', unit: 'nanoseconds' });
    expect(profile.meta.period?.value).toBeGreaterThan(0);
    expect(profile.meta.durationNanos).toBeGreaterThan(200e6);
    expect(profile.meta.startTime).toBeGreaterThan(before - 60_000);
    expect(profile.meta.startTime).toBeLessThanOrEqual(Date.now());
    expect(shareWith(profile, 'hotLoop')).toBeGreaterThan(0.5);
  });

  it('puts callers before callees (root first) and keeps files and lines', () => {
    const profile = load('time.pb.gz');
    const hot = profile.samples.find((s) => names(profile, s.stack).at(-1) === 'hotLoop');
    expect(hot).toBeDefined();
    const stack = names(profile, hot?.stack ?? []);
    expect(stack.indexOf('coldCaller')).toBeGreaterThanOrEqual(0);
    expect(stack.indexOf('coldCaller')).toBeLessThan(stack.indexOf('hotLoop'));
    const hotFrame = profile.frames.find((f) => f.name === 'hotLoop');
    expect(hotFrame?.file).toBe(fixtureScript);
    // hotLoop is declared on line 15 of the fixture script.
    expect(hotFrame?.line).toBe(15);
  });

  it('reads a heap profile: in-use space is the default, the allocator holds the bytes', () => {
    const profile = load('heap.pb.gz');
    expect(profile.valueTypes).toEqual([
      { type: 'inuse_objects', unit: 'count' },
      { type: 'inuse_space', unit: 'bytes' },
    ]);
    expect(profile.defaultValueIndex).toBe(1);
    expect(profile.meta.durationNanos).toBeUndefined();
    expect(shareWith(profile, 'retainChunks')).toBeGreaterThan(0.5);
  });

  it('round-trips every real profile through toPprof unchanged', () => {
    for (const file of ['time.pb.gz', 'time-lines.pb.gz', 'heap.pb.gz']) {
      const profile = load(file);
      const again = fromPprof(toPprof(profile), file);
      expect(again?.frames).toEqual(profile.frames);
      expect(again?.samples).toEqual(profile.samples);
      expect(again?.valueTypes).toEqual(profile.valueTypes);
      expect(again?.defaultValueIndex).toBe(profile.defaultValueIndex);
      expect(again?.meta.period).toEqual(profile.meta.period);
      expect(again?.meta.durationNanos).toBe(profile.meta.durationNanos);
      expect(again?.meta.startTime).toBeCloseTo(profile.meta.startTime ?? 0, 3);
    }
  });
});

describe('toPprof', () => {
  const builder = new ProfileBuilder([
    { type: 'alloc_space', unit: 'bytes' },
    { type: 'alloc_objects', unit: 'count' },
  ]);
  const main = builder.frameId({ name: 'main', file: '/app/main.js', line: 1, column: 5 });
  const work = builder.frameId({ name: 'work', file: '/app/work.js', line: 10 });
  const workOther = builder.frameId({ name: 'work', file: '/app/work.js', line: 12 });
  const native = builder.frameId({ name: '(program)' });
  builder.addSample([main, work], [1024, 2]);
  builder.addSample([main, workOther], [-512, -1]);
  builder.addSample([native], [3, 1]);
  const profile = { ...builder.build(), defaultValueIndex: 0 };
  profile.meta = {
    startTime: 1_700_000_000_123,
    durationNanos: 5e9,
    period: { type: { type: 'space', unit: 'bytes' }, value: 524288 },
  };

  it('writes a structurally valid profile.proto that an independent decoder reads', () => {
    const decoded = PprofProfile.decode(gunzipSync(toPprof(profile)));
    const strings = decoded.stringTable.strings;
    expect(strings[0]).toBe('');
    const inRange = (i: number | bigint) => Number(i) >= 0 && Number(i) < strings.length;
    const functionIds = new Set(decoded.function.map((f) => Number(f.id)));
    const locationIds = new Set(decoded.location.map((l) => Number(l.id)));
    expect(functionIds.has(0)).toBe(false);
    expect(locationIds.has(0)).toBe(false);
    // One function per (name, file): the two `work` lines share one.
    expect(decoded.function).toHaveLength(3);
    for (const f of decoded.function) expect([f.name, f.filename, f.systemName].every(inRange)).toBe(true);
    for (const loc of decoded.location) {
      for (const line of loc.line) expect(functionIds.has(Number(line.functionId))).toBe(true);
    }
    for (const s of decoded.sample) {
      expect(s.value).toHaveLength(2);
      for (const id of s.locationId) expect(locationIds.has(Number(id))).toBe(true);
    }
    expect(strings[Number(decoded.defaultSampleType)]).toBe('alloc_space');
    expect(Number(decoded.timeNanos)).toBeCloseTo(1_700_000_000_123e6, -6);
  });

  it('round-trips negative values, columns, a non-last default and frames without a file', () => {
    const again = fromPprof(toPprof(profile), 'synthetic');
    expect(again).toEqual({ ...profile, meta: { ...profile.meta, startTime: again?.meta.startTime } });
    expect(again?.meta.startTime).toBeCloseTo(1_700_000_000_123, 3);
  });

  it('writes one sample per distinct stack, with the values of its samples summed', () => {
    const repeated = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    const a = repeated.frameId({ name: 'a' });
    const b = repeated.frameId({ name: 'b' });
    // Equal stacks in separate arrays, as importers that build a stack per sample produce them.
    for (const stack of [[a, b], [a], [a, b], [b, a], [a, b]]) repeated.addSample([...stack], [2]);
    const decoded = PprofProfile.decode(gunzipSync(toPprof(repeated.build())));
    const written = decoded.sample.map((s) => [s.locationId.map(Number), s.value.map(Number)]);
    expect(written).toEqual([
      [[b + 1, a + 1], [6]],
      [[a + 1], [2]],
      [[a + 1, b + 1], [2]],
    ]);
  });

  it('round-trips a large profile with repeated stacks: same frames, same sum per stack', () => {
    const big = randomProfile(20_000, 500);
    const again = fromPprof(toPprof(big), 'big');
    expect(again?.frames).toEqual(big.frames);
    const sums = sumsByStack(big);
    expect(again?.samples).toHaveLength(sums.size);
    expect(again && sumsByStack(again)).toEqual(sums);
    for (const index of [0, 1]) expect(again && totalValue(again, index)).toBe(totalValue(big, index));
  });
});

/** `samples` samples over `stacks` random stacks, each sample with its own stack array. */
function randomProfile(samples: number, stacks: number): Profile {
  let seed = 7;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const builder = new ProfileBuilder([
    { type: 'samples', unit: 'count' },
    { type: 'wall', unit: 'nanoseconds' },
  ]);
  const frames = Array.from({ length: 300 }, (_, i) =>
    builder.frameId({ name: `f${i % 200}`, file: `/app/m${i % 7}.ts`, line: i + 1 }),
  );
  const pool = Array.from({ length: stacks }, () =>
    Array.from({ length: 1 + Math.floor(random() * 40) }, () => frames[Math.floor(random() * 300)] as number),
  );
  for (let i = 0; i < samples; i++) {
    const stack = pool[Math.floor(random() ** 2 * stacks)] as number[];
    builder.addSample([...stack], [1, Math.floor(random() * 3e9)]);
  }
  return builder.build();
}

/** Values summed per distinct stack, keyed by the stack's frame ids. */
function sumsByStack(profile: Profile): Map<string, number[]> {
  const sums = new Map<string, number[]>();
  for (const s of profile.samples) {
    const key = s.stack.join(',');
    const sum = sums.get(key) ?? s.values.map(() => 0);
    s.values.forEach((v, i) => {
      sum[i] = (sum[i] ?? 0) + v;
    });
    sums.set(key, sum);
  }
  return sums;
}

/** Encodes a hand-made pprof with pprof-format, the encoder @datadog/pprof itself uses. */
function encode(
  build: (s: (text: string) => number) => ConstructorParameters<typeof PprofProfile>[0],
): Uint8Array {
  const table = new StringTable();
  return new PprofProfile({ ...build((text) => table.dedup(text)), stringTable: table }).encode();
}

describe('fromPprof on hand-made and broken input', () => {
  it('expands inlined lines root first and honours default_sample_type', () => {
    const bytes = encode((s) => ({
      sampleType: [
        { type: s('samples'), unit: s('count') },
        { type: s('cpu'), unit: s('nanoseconds') },
      ],
      defaultSampleType: s('samples'),
      function: [
        { id: 1, name: s('outer'), filename: s('a.js') },
        { id: 2, name: s('inlinedLeaf'), filename: s('a.js') },
        { id: 3, name: s('caller'), filename: s('b.js'), startLine: 7 },
      ],
      location: [
        // pprof lists a location's lines innermost first.
        {
          id: 100,
          line: [
            { functionId: 2, line: 20 },
            { functionId: 1, line: 3 },
          ],
        },
        { id: 7_000_000_000, line: [{ functionId: 3 }] },
      ],
      sample: [
        { locationId: [100, 7_000_000_000], value: [1, 10] },
        { locationId: [100, 7_000_000_000], value: [2, 20] },
      ],
    }));
    const profile = fromPprof(bytes, 'inline.pb');
    expect(profile?.defaultValueIndex).toBe(0);
    expect(profile?.frames).toEqual([
      { name: 'outer', file: 'a.js', line: 3 },
      { name: 'inlinedLeaf', file: 'a.js', line: 20 },
      { name: 'caller', file: 'b.js', line: 7 },
    ]);
    // Equal stacks are merged; the stack runs caller -> outer -> its inlined callee.
    expect(profile?.samples).toEqual([{ stack: [2, 0, 1], values: [3, 30] }]);
  });

  it('merges samples with equal location lists, but not lists whose hashes collide', () => {
    // [24, 1617, 7] and [77, 1284, 7] have the same hashStack value (see stack-index.test.ts).
    const ids = [7, 24, 77, 1284, 1617];
    const bytes = encode((s) => ({
      sampleType: [{ type: s('samples'), unit: s('count') }],
      function: ids.map((id) => ({ id, name: s(`f${id}`) })),
      location: ids.map((id) => ({ id, line: [{ functionId: id }] })),
      sample: [
        { locationId: [24, 1617, 7], value: [1] },
        { locationId: [77, 1284, 7], value: [2] },
        { locationId: [24, 1617, 7], value: [4] },
      ],
    }));
    const profile = fromPprof(bytes, 'collide.pb');
    const stacks = profile?.samples.map((sample) => [names(profile, sample.stack), sample.values]);
    expect(stacks).toEqual([
      [['f7', 'f1617', 'f24'], [5]],
      [['f7', 'f1284', 'f77'], [2]],
    ]);
  });

  it('says "not mine" (null) for bytes that are not protobuf pprof', () => {
    const text = (t: string) => new TextEncoder().encode(t);
    expect(fromPprof(text('main;foo;bar 12\nmain;baz 3\n'), 'x.folded')).toBeNull();
    expect(fromPprof(text('{"nodes":[],"samples":[]}'), 'x.cpuprofile')).toBeNull();
    expect(fromPprof(new Uint8Array(0), 'empty')).toBeNull();
    expect(fromPprof(Uint8Array.from([0xff, 0xff, 0xff]), 'junk')).toBeNull();
  });

  it('throws ProfileFormatError for gzip data that is broken or not a profile', () => {
    const good = gzipSync(encode((s) => ({ sampleType: [{ type: s('samples'), unit: s('count') }] })));
    expect(() => fromPprof(good.subarray(0, good.length - 6), 'cut.pb.gz')).toThrow(ProfileFormatError);
    expect(() => fromPprof(gzipSync(Buffer.from('\u00ff\u00ff not protobuf')), 'text.pb.gz')).toThrow(
      /text\.pb\.gz: not a valid pprof profile/,
    );
  });

  it('throws ProfileFormatError naming what a recognised profile refers to but lacks', () => {
    const missingLocation = encode((s) => ({
      sampleType: [{ type: s('samples'), unit: s('count') }],
      sample: [{ locationId: [9], value: [1] }],
    }));
    expect(() => fromPprof(missingLocation, 'p.pb')).toThrow(/missing location 9/);
    const missingFunction = encode((s) => ({
      sampleType: [{ type: s('samples'), unit: s('count') }],
      location: [{ id: 1, line: [{ functionId: 4 }] }],
    }));
    expect(() => fromPprof(missingFunction, 'p.pb')).toThrow(/missing function 4/);
  });
});
