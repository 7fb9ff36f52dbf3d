/**
 * A minimal profile.proto decoder, hand-written because speed is a requirement here: pprof-format's
 * generic `Profile.decode` builds an object per field and a subarray per value, and took 5.8 s for a
 * 1,000,000-sample profile on the 2-core reference machine. This reads the handful of fields the
 * model needs straight off the bytes (samples as flat arrays) and skips the rest (mappings, labels,
 * comments). Field numbers are those of github.com/google/pprof/proto/profile.proto.
 */

/** The decoded subset of profile.proto; numbers are plain JS numbers (int64 beyond 2^53 loses precision). */
export interface RawPprof {
  sampleTypes: { type: number; unit: number }[];
  /**
   * Samples as flat columns, so a million samples cost a few typed arrays instead of two million
   * small ones (garbage collection dominated the first version). Sample `s` has location ids
   * `locationIds[locationStart[s] .. locationStart[s + 1])`, leaf first as in the file, and values
   * `values[valueStart[s] .. valueStart[s + 1])`.
   */
  samples: {
    count: number;
    locationStart: Uint32Array;
    locationIds: Float64Array;
    valueStart: Uint32Array;
    values: Float64Array;
  };
  locations: RawLocation[];
  functions: RawFunction[];
  strings: string[];
  timeNanos: number;
  durationNanos: number;
  periodType: { type: number; unit: number } | undefined;
  period: number;
  defaultSampleType: number;
}

/** A profile.proto Location: an id and its (possibly inlined) lines. */
export interface RawLocation {
  id: number;
  address: number;
  /** Inlined lines, innermost first as in the file. */
  lines: { functionId: number; line: number; column: number }[];
}

/** A profile.proto Function; `name` and `filename` index the string table. */
export interface RawFunction {
  id: number;
  name: number;
  filename: number;
  startLine: number;
}

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

function valueType(r: Reader, end: number): { type: number; unit: number } {
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
  const f: RawFunction = { id: 0, name: 0, filename: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.varint();
    const field = tag >>> 3;
    if ((tag & 7) !== VARINT) r.skip(tag & 7);
    else if (field === 1) f.id = r.varint();
    else if (field === 2) f.name = r.varint();
    else if (field === 4) f.filename = r.varint();
    else if (field === 5) f.startLine = r.varint();
    else r.varint();
  }
  return f;
}

/** Decodes profile.proto bytes (not gzipped); throws WireError when they are not valid protobuf. */
export function decodePprof(bytes: Uint8Array): RawPprof {
  const r = new Reader(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: RawPprof = {
    sampleTypes: [],
    samples: {
      count: 0,
      locationStart: new Uint32Array(0),
      locationIds: new Float64Array(0),
      valueStart: new Uint32Array(0),
      values: new Float64Array(0),
    },
    locations: [],
    functions: [],
    strings: [],
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    defaultSampleType: 0,
  };
  const locationStart = new Column(new Uint32Array(1024), uint32);
  const locationIds = new Column(new Float64Array(8192), float64);
  const valueStart = new Column(new Uint32Array(1024), uint32);
  const values = new Column(new Float64Array(2048), float64);
  const length = bytes.length;
  while (r.pos < length) {
    const tag = r.varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType === LENGTH_DELIMITED && field >= 1 && field <= 11 && field !== 3) {
      const end = r.lengthEnd();
      if (field === 2) {
        locationStart.push(locationIds.length);
        valueStart.push(values.length);
        while (r.pos < end) {
          const t = r.varint();
          const f = t >>> 3;
          if (f === 1) r.repeated(t & 7, locationIds);
          else if (f === 2) r.repeated(t & 7, values);
          else r.skip(t & 7);
        }
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
  const count = locationStart.length;
  locationStart.push(locationIds.length);
  valueStart.push(values.length);
  out.samples = {
    count,
    locationStart: locationStart.trimmed(),
    locationIds: locationIds.trimmed(),
    valueStart: valueStart.trimmed(),
    values: values.trimmed(),
  };
  return out;
}
