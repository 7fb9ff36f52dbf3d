/**
 * A minimal profile.proto decoder, hand-written because speed is a requirement here: pprof-format's
 * generic `Profile.decode` builds an object per field and a subarray per value, and took 5.8 s for a
 * 1,000,000-sample profile on the 2-core reference machine. This reads the handful of fields the
 * model needs straight off the bytes (samples as flat arrays) and skips the rest (mappings, labels,
 * comments). Field numbers are those of github.com/google/pprof/proto/profile.proto.
 */
import { HashSlots } from './hash-slots.js';
import type { RawFunction, RawLocation, RawPprof, RawValueType } from './pprof-raw.js';
import { hashStack } from './stack-index.js';

/** Raised when the bytes are not well-formed protobuf; the importer decides what that means. */
export class WireError extends Error {
  override name = 'WireError';
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** An append-only column of numbers that grows by doubling. */
class Column<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  /** Makes room for `extra` more values, so a caller can then write `data` directly. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const bigger = this.make(Math.max(this.data.length * 2, this.length + extra));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  trimmed(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const float64 = (size: number) => new Float64Array(size);
const uint32 = (size: number) => new Uint32Array(size);

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  /** Reads a varint as a signed 64-bit number (as protobuf int64 is), exact up to 2^53. */
  varint(): number {
    const buf = this.buf;
    let byte = buf[this.pos++] as number;
    if (byte < 0x80) return byte;
    let result = byte & 0x7f;
    let factor = 0x80;
    // Seven bytes hold 49 bits, still exact in a double; longer ones (negative int64) go the slow way.
    for (let i = 1; i < 7; i++) {
      byte = buf[this.pos++] as number;
      if (byte === undefined) throw new WireError('truncated varint');
      result += (byte & 0x7f) * factor;
      if (byte < 0x80) return result;
      factor *= 0x80;
    }
    return this.bigVarint(this.pos - 7);
  }

  private bigVarint(start: number): number {
    let value = 0n;
    let shift = 0n;
    this.pos = start;
    for (let i = 0; i < 10; i++) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new WireError('truncated varint');
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return Number(BigInt.asIntN(64, value));
      shift += 7n;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  /** End offset of the length-delimited field that starts here. */
  lengthEnd(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw new WireError('length-delimited field runs past the end');
    return end;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === LENGTH_DELIMITED) this.pos = this.lengthEnd();
    else if (wireType === FIXED64) this.pos += 8;
    else if (wireType === FIXED32) this.pos += 4;
    else throw new WireError(`unsupported wire type ${wireType}`);
    if (this.pos > this.buf.length) throw new WireError('field runs past the end');
  }

  /** Appends a repeated integer field, packed or not, to `into`. */
  repeated(wireType: number, into: Column<Float64Array>): void {
    if (wireType === VARINT) {
      into.push(this.varint());
      return;
    }
    if (wireType !== LENGTH_DELIMITED)
      throw new WireError(`bad wire type ${wireType} for a repeated integer`);
    const end = this.lengthEnd();
    // A packed run of n bytes holds at most n values.
    into.reserve(end - this.pos);
    const buf = this.buf;
    const data = into.data;
    let length = into.length;
    let pos = this.pos;
    while (pos < end) {
      // Up to three bytes (21 bits: ids, most values) inline; longer varints take the general path.
      const start = pos;
      let byte = buf[pos++] as number;
      let value = byte & 0x7f;
      if (byte >= 0x80) {
        byte = buf[pos++] as number;
        value |= (byte & 0x7f) << 7;
        if (byte >= 0x80) {
          byte = buf[pos++] as number;
          value |= (byte & 0x7f) << 14;
          if (byte >= 0x80) {
            this.pos = start;
            value = this.varint();
            pos = this.pos;
          }
        }
      }
      data[length++] = value;
    }
    into.length = length;
    this.pos = pos;
    if (pos !== end) throw new WireError('packed field overruns its length');
  }
}

function valueType(r: Reader, end: number): RawValueType {
  const vt = { type: 0, unit: 0 };
  while (r.pos < end) {
    const tag = r.varint();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === VARINT) vt.type = r.varint();
    else if (field === 2 && (tag & 7) === VARINT) vt.unit = r.varint();
    else r.skip(tag & 7);
  }
  return vt;
}

function location(r: Reader, end: number): RawLocation {
  const loc: RawLocation = { id: 0, address: 0, lines: [] };
  while (r.pos < end) {
    const tag = r.varint();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === VARINT) loc.id = r.varint();
    else if (field === 3 && (tag & 7) === VARINT) loc.address = r.varint();
    else if (field === 4 && (tag & 7) === LENGTH_DELIMITED) {
      const lineEnd = r.lengthEnd();
      const line = { functionId: 0, line: 0, column: 0 };
      while (r.pos < lineEnd) {
        const t = r.varint();
        const f = t >>> 3;
        if (f === 1 && (t & 7) === VARINT) line.functionId = r.varint();
        else if (f === 2 && (t & 7) === VARINT) line.line = r.varint();
        else if (f === 3 && (t & 7) === VARINT) line.column = r.varint();
        else r.skip(t & 7);
      }
      loc.lines.push(line);
    } else r.skip(tag & 7);
  }
  return loc;
}

function fn(r: Reader, end: number): RawFunction {
  const f: RawFunction = { id: 0, name: 0, systemName: 0, filename: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.varint();
    const field = tag >>> 3;
    if ((tag & 7) !== VARINT) r.skip(tag & 7);
    else if (field === 1) f.id = r.varint();
    else if (field === 2) f.name = r.varint();
    else if (field === 3) f.systemName = r.varint();
    else if (field === 4) f.filename = r.varint();
    else if (field === 5) f.startLine = r.varint();
    else r.varint();
  }
  return f;
}

/**
 * The distinct location lists of the samples. A sample's ids are appended to `ids`, then `intern`
 * keeps them as a new list or, when an equal list is known, drops them again: hashing ids while they
 * are still in the cache is cheaper than a second pass, and the column stays as small as the
 * distinct stacks (for 1,000,000 samples over 100,000 stacks, 3.6 rather than 36 million ids).
 */
class LocationLists {
  readonly ids = new Column(new Float64Array(8192), float64);
  /** Where each list starts in `ids`, then where the next one will. */
  readonly starts = new Column(new Uint32Array(1024), uint32);
  private readonly slots = new HashSlots();

  constructor() {
    this.starts.push(0);
  }

  /** Number of the list appended to `ids` since the previous call. */
  intern(): number {
    const starts = this.starts.data;
    const count = this.starts.length - 1;
    const first = starts[count] as number;
    const end = this.ids.length;
    const ids = this.ids.data;
    const list = this.slots.idOf(hashStack(ids, first, end), (known) => {
      const start = starts[known] as number;
      if ((starts[known + 1] as number) - start !== end - first) return false;
      for (let i = first; i < end; i++) if (ids[i] !== ids[start + i - first]) return false;
      return true;
    });
    if (list === count) this.starts.push(end);
    else this.ids.length = first;
    return list;
  }
}

/** Decodes profile.proto bytes (not gzipped); throws WireError when they are not valid protobuf. */
export function decodePprof(bytes: Uint8Array): RawPprof {
  const r = new Reader(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lists = new LocationLists();
  const sampleList = new Column(new Uint32Array(1024), uint32);
  const valueStart = new Column(new Uint32Array(1024), uint32);
  const values = new Column(new Float64Array(2048), float64);
  const out: Omit<RawPprof, 'samples'> = {
    sampleTypes: [],
    locations: [],
    functions: [],
    strings: [],
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    defaultSampleType: 0,
  };
  const length = bytes.length;
  while (r.pos < length) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType === LENGTH_DELIMITED && field >= 1 && field <= 11 && field !== 3) {
      const end = r.lengthEnd();
      if (field === 2) {
        valueStart.push(values.length);
        while (r.pos < end) {
          const t = r.varint();
          const f = t >>> 3;
          if (f === 1) r.repeated(t & 7, lists.ids);
          else if (f === 2) r.repeated(t & 7, values);
          else r.skip(t & 7);
        }
        sampleList.push(lists.intern());
      } else if (field === 1) out.sampleTypes.push(valueType(r, end));
      else if (field === 4) out.locations.push(location(r, end));
      else if (field === 5) out.functions.push(fn(r, end));
      else if (field === 6) {
        try {
          out.strings.push(decoder.decode(bytes.subarray(r.pos, end)));
        } catch (cause) {
          throw new WireError('string table entry is not UTF-8', { cause });
        }
      } else if (field === 11) out.periodType = valueType(r, end);
      if (field !== 6 && r.pos !== end) throw new WireError(`field ${field} overruns its length`);
      r.pos = end;
    } else if (wireType === VARINT && field === 9) out.timeNanos = r.varint();
    else if (wireType === VARINT && field === 10) out.durationNanos = r.varint();
    else if (wireType === VARINT && field === 12) out.period = r.varint();
    else if (wireType === VARINT && field === 14) out.defaultSampleType = r.varint();
    else if (field === 0) throw new WireError('field number 0');
    else r.skip(wireType);
    if (r.pos > length) throw new WireError('message runs past the end');
  }
  valueStart.push(values.length);
  const samples = {
    count: sampleList.length,
    list: sampleList.trimmed(),
    valueStart: valueStart.trimmed(),
    values: values.trimmed(),
    listCount: lists.starts.length - 1,
    listStart: lists.starts.trimmed(),
    locationIds: lists.ids.trimmed(),
  };
  return { ...out, samples };
}
