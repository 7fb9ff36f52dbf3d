import { Profile as PprofProfile } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { decodePprof } from './pprof-decode.js';
import { encodePprof } from './pprof-encode.js';
import type { RawPprof } from './pprof-raw.js';

// Ids of 1..199: one- and two-byte varints; the 70-id list makes a sample longer than 127 bytes, so
// its length prefix takes two bytes.
const longList = Array.from({ length: 70 }, (_, i) => 130 + i);
const locationIds = [3, 2, 1, ...longList];
const longName = `${'x'.repeat(200)}é☃😀`;

/** Exercises what the encoder special-cases: big, negative and zero numbers, long fields, inlined lines. */
const raw: RawPprof = {
  sampleTypes: [
    { type: 1, unit: 2 },
    { type: 3, unit: 4 },
  ],
  samples: {
    count: 4,
    list: Uint32Array.of(0, 1, 0, 2),
    valueStart: Uint32Array.of(0, 2, 4, 6, 8),
    values: Float64Array.of(1, 0, -512, 2 ** 32 + 5, 3, 2 ** 53, 0, -1),
    listCount: 3,
    listStart: Uint32Array.of(0, 3, 73, 73),
    locationIds: Float64Array.from(locationIds),
  },
  locations: [
    {
      id: 1,
      address: 0x4000,
      lines: [
        { functionId: 2, line: 0, column: 3 },
        { functionId: 1, line: 10, column: 0 },
      ],
    },
    { id: 2, address: 0, lines: [{ functionId: 1, line: 11, column: 0 }] },
    { id: 3, address: 0, lines: [{ functionId: 1, line: 12, column: 0 }] },
    ...longList.map((id) => ({ id, address: 0, lines: [{ functionId: 2, line: id, column: 0 }] })),
  ],
  functions: [
    { id: 1, name: 5, systemName: 5, filename: 6, startLine: 0 },
    { id: 2, name: 7, systemName: 0, filename: 0, startLine: 12 },
  ],
  strings: ['', 'samples', 'count', 'wall', 'nanoseconds', 'main', longName, 'inlined'],
  // Beyond 2^53, as epoch nanoseconds are (this one is exact as a double).
  timeNanos: 1_700_000_000_123_456_800,
  durationNanos: 5e9,
  periodType: { type: 3, unit: 4 },
  period: 1e6,
  defaultSampleType: 1,
};

/** A pprof-format integer (a number, or a bigint holding the unsigned 64 bits) as a signed number. */
const int64 = (value: number | bigint) => Number(BigInt.asIntN(64, BigInt(value)));

describe('encodePprof', () => {
  it('writes what pprof-format, an independent decoder, reads back field by field', () => {
    const decoded = PprofProfile.decode(encodePprof(raw));
    expect(decoded.stringTable.strings).toEqual(raw.strings);
    expect(decoded.sampleType.map((vt) => [int64(vt.type), int64(vt.unit)])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(decoded.sample.map((s) => ({ ids: s.locationId.map(int64), values: s.value.map(int64) }))).toEqual(
      [
        { ids: [3, 2, 1], values: [1, 0] },
        { ids: longList, values: [-512, 2 ** 32 + 5] },
        { ids: [3, 2, 1], values: [3, 2 ** 53] },
        { ids: [], values: [0, -1] },
      ],
    );
    const first = decoded.location[0];
    expect([int64(first?.id ?? 0), int64(first?.address ?? 0)]).toEqual([1, 0x4000]);
    expect(first?.line.map((l) => [int64(l.functionId), int64(l.line), int64(l.column)])).toEqual([
      [2, 0, 3],
      [1, 10, 0],
    ]);
    expect(decoded.location.map((l) => int64(l.id))).toEqual(raw.locations.map((l) => l.id));
    expect(
      decoded.function.map((f) => [f.id, f.name, f.systemName, f.filename, f.startLine].map(int64)),
    ).toEqual([
      [1, 5, 5, 6, 0],
      [2, 7, 0, 0, 12],
    ]);
    expect(BigInt(decoded.timeNanos)).toBe(BigInt(raw.timeNanos));
    expect(int64(decoded.durationNanos)).toBe(5e9);
    expect([int64(decoded.periodType?.type ?? 0), int64(decoded.period)]).toEqual([3, 1e6]);
    expect(int64(decoded.defaultSampleType)).toBe(1);
  });

  it('writes the very bytes pprof-format writes for the same profile', () => {
    const bytes = encodePprof(raw);
    expect(Buffer.from(PprofProfile.decode(bytes).encode()).equals(bytes)).toBe(true);
  });

  it('round-trips through decodePprof', () => {
    expect(decodePprof(encodePprof(raw))).toEqual(raw);
  });
});
