/**
 * pprof (profile.proto) import and export, through the hand-written decoder and encoder of
 * pprof-decode.ts and pprof-encode.ts (pprof-format's were too slow for million-sample profiles).
 * Labels are not kept, so samples with equal stacks are merged, both ways (pprof-samples.ts).
 *
 * Frame lines: a Frame's `line` is the location's line (`Line.line`) when it is set, else the
 * function's `startLine`. That is what pprof itself shows at line granularity, and it is what
 * @datadog/pprof writes: with `lineNumbers: false` every location of a function carries the
 * function's own line, with `lineNumbers: true` the sampled line. `toPprof` writes `Frame.line` back
 * into `Line.line` (and leaves `startLine` 0), so a round trip keeps every frame as it was.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodePprof, WireError } from './pprof-decode.js';
import { encodePprof } from './pprof-encode.js';
import type { RawFunction, RawLocation, RawPprof, RawValueType } from './pprof-raw.js';
import { addPprofSamples, pprofSamples } from './pprof-samples.js';
import { type Frame, type Profile, ProfileBuilder, ProfileFormatError, type ValueType } from './profile.js';

const FORMAT = 'pprof';

/**
 * zlib's default level, kept after measuring the lower ones on profiles as toPprof writes them (equal
 * stacks merged; medians of 5 on the 2-core reference machine). On a real 22,600-stack CPU profile
 * of tsc (3.1 MB before gzip) level 1 took 13 ms instead of 33 but wrote 334 KB instead of 288 (+16%;
 * level 3: 14 ms, +13%). On the synthetic 1,000,000-sample profile (8.1 MB) level 1 saved 45 ms of
 * 1 s of export for a 1% larger file, and on 1,000 samples every level takes under a millisecond.
 * Once samples are merged, gzip is a small share of export time, so the smaller file wins.
 */
const GZIP_LEVEL = 6;

/** True when `bytes` start with the gzip magic number, as `.pb.gz` files do. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decodes a pprof profile: the one importer every pprof-producing engine goes through. */
export function fromPprof(bytes: Uint8Array, source: string): Profile | null {
  const gzipped = isGzip(bytes);
  let raw = bytes;
  if (gzipped) {
    try {
      raw = gunzipSync(bytes);
    } catch (cause) {
      throw new ProfileFormatError(FORMAT, source, 'gzip data is corrupt or truncated', { cause });
    }
  }
  let decoded: RawPprof;
  try {
    decoded = decodePprof(raw);
  } catch (cause) {
    if (!(cause instanceof WireError)) throw cause;
    if (!gzipped) return null;
    const why = `gzip data is not a profile.proto message (${cause.message})`;
    throw new ProfileFormatError(FORMAT, source, why, { cause });
  }
  // Bytes that merely happen to parse as protobuf have neither sample types nor a string table
  // that starts with "" (profile.proto requires both).
  if (decoded.sampleTypes.length === 0 || decoded.strings[0] !== '') {
    if (!gzipped) return null;
    throw new ProfileFormatError(
      FORMAT,
      source,
      'no sample types, or a string table that does not start with ""',
    );
  }
  return convert(decoded, source);
}

function convert(decoded: RawPprof, source: string): Profile {
  const strings = decoded.strings;
  const str = (index: number, what: string): string => {
    const s = strings[index];
    if (s === undefined)
      throw new ProfileFormatError(FORMAT, source, `${what} refers to missing string ${index}`);
    return s;
  };
  const valueType = (vt: { type: number; unit: number }): ValueType => ({
    type: str(vt.type, 'sample type'),
    unit: str(vt.unit, 'sample unit'),
  });
  const valueTypes = decoded.sampleTypes.map(valueType);
  // pprof's rule: default_sample_type names the type to show; when unset, the last one.
  let defaultValueIndex = valueTypes.length - 1;
  if (decoded.defaultSampleType !== 0) {
    const wanted = str(decoded.defaultSampleType, 'default sample type');
    const found = valueTypes.findIndex((vt) => vt.type === wanted);
    if (found >= 0) defaultValueIndex = found;
  }

  const meta: Profile['meta'] = {};
  if (decoded.timeNanos > 0) meta.startTime = decoded.timeNanos / 1e6;
  if (decoded.durationNanos > 0) meta.durationNanos = decoded.durationNanos;
  if (decoded.periodType && (decoded.periodType.type !== 0 || decoded.period !== 0)) {
    meta.period = { type: valueType(decoded.periodType), value: decoded.period };
  }

  const builder = new ProfileBuilder(valueTypes, meta, defaultValueIndex);
  const functions = new Map<number, RawFunction>();
  for (const f of decoded.functions) functions.set(f.id, f);

  // Each location becomes its frames root first: pprof lists inlined lines innermost first.
  const locationFrames = new Map<number, number[]>();
  for (const loc of decoded.locations) {
    const ids: number[] = [];
    for (let i = loc.lines.length - 1; i >= 0; i--) {
      const line = loc.lines[i] as RawLocation['lines'][number];
      const f = functions.get(line.functionId);
      if (!f) {
        throw new ProfileFormatError(
          FORMAT,
          source,
          `location ${loc.id} refers to missing function ${line.functionId}`,
        );
      }
      ids.push(builder.frameId(lineFrame(f, line, str)));
    }
    // A location without lines (an unsymbolized address) still counts as a frame.
    if (ids.length === 0) ids.push(builder.frameId({ name: `0x${loc.address.toString(16)}` }));
    locationFrames.set(loc.id, ids);
  }

  addPprofSamples(builder, decoded.samples, locationFrames, source);
  return builder.build();
}

function lineFrame(
  f: RawFunction,
  line: RawLocation['lines'][number],
  str: (index: number, what: string) => string,
): Frame {
  const frame: Frame = { name: str(f.name, 'function name') || '(unknown)' };
  const file = str(f.filename, 'function file name');
  if (file) frame.file = file;
  const lineNo = line.line || f.startLine;
  if (lineNo > 0) frame.line = lineNo;
  if (line.column > 0) frame.column = line.column;
  return frame;
}

/**
 * Encodes a profile as gzipped profile.proto, the format `go tool pprof`, speedscope and Pyroscope
 * read. One Function per distinct (name, file), one Location per frame, one Sample per distinct
 * stack.
 */
export function toPprof(profile: Profile): Uint8Array {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (text: string): number => {
    let id = stringIds.get(text);
    if (id === undefined) {
      id = strings.push(text) - 1;
      stringIds.set(text, id);
    }
    return id;
  };
  str('');
  const valueType = (vt: ValueType): RawValueType => ({ type: str(vt.type), unit: str(vt.unit) });

  const functionIds = new Map<string, number>();
  const functions: RawFunction[] = [];
  const locations: RawLocation[] = profile.frames.map((frame, index) => {
    const fnKey = `${frame.name}\u0000${frame.file ?? ''}`;
    let functionId = functionIds.get(fnKey);
    if (functionId === undefined) {
      functionId = functions.length + 1;
      functionIds.set(fnKey, functionId);
      const name = str(frame.name);
      functions.push({
        id: functionId,
        name,
        systemName: name,
        filename: str(frame.file ?? ''),
        startLine: 0,
      });
    }
    // Location ids are frame index + 1: pprof reserves id 0 for "none".
    const line = { functionId, line: frame.line ?? 0, column: frame.column ?? 0 };
    return { id: index + 1, address: 0, lines: [line] };
  });

  const meta = profile.meta;
  const defaultType = profile.valueTypes[profile.defaultValueIndex];
  const raw: RawPprof = {
    sampleTypes: profile.valueTypes.map(valueType),
    samples: pprofSamples(profile),
    locations,
    functions,
    strings,
    timeNanos: meta.startTime !== undefined ? Math.round(meta.startTime * 1e6) : 0,
    durationNanos: meta.durationNanos !== undefined ? Math.round(meta.durationNanos) : 0,
    periodType: meta.period ? valueType(meta.period.type) : undefined,
    period: meta.period ? Math.round(meta.period.value) : 0,
    // Written only when it differs from pprof's own default (the last sample type).
    defaultSampleType:
      defaultType && profile.defaultValueIndex !== profile.valueTypes.length - 1 ? str(defaultType.type) : 0,
  };
  return gzipSync(encodePprof(raw), { level: GZIP_LEVEL });
}
