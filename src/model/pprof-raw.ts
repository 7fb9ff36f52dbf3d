/**
 * The subset of profile.proto (github.com/google/pprof/proto/profile.proto) this project reads and
 * writes, shaped for speed rather than fidelity: pprof-decode.ts produces it, pprof-encode.ts
 * writes it. Mappings, labels and comments are left out. Numbers are plain JS numbers (an int64
 * beyond 2^53 loses precision); strings are indexes into `strings`.
 */
export interface RawPprof {
  sampleTypes: RawValueType[];
  samples: RawSamples;
  locations: RawLocation[];
  functions: RawFunction[];
  strings: string[];
  timeNanos: number;
  durationNanos: number;
  periodType: RawValueType | undefined;
  period: number;
  defaultSampleType: number;
}

export interface RawValueType {
  type: number;
  unit: number;
}

/**
 * Samples as flat columns, so a million samples cost a few typed arrays instead of two million
 * small ones (garbage collection dominated the first decoder). Equal location lists are stored
 * once: profiles repeat the same stack in many samples (pprof writers keep them apart by label,
 * which is not read here), and a million-sample profile's ids would otherwise take hundreds of
 * megabytes.
 *
 * Sample `s` has location list `list[s]` and values `values[valueStart[s] .. valueStart[s + 1])`.
 * List `l` holds the location ids `locationIds[listStart[l] .. listStart[l + 1])`, leaf first as in
 * the file.
 */
export interface RawSamples {
  count: number;
  list: Uint32Array;
  valueStart: Uint32Array;
  values: Float64Array;
  /** Number of distinct location lists. */
  listCount: number;
  listStart: Uint32Array;
  locationIds: Float64Array;
}

/** A profile.proto Location: an id and its (possibly inlined) lines. */
export interface RawLocation {
  id: number;
  address: number;
  /** Inlined lines, innermost first as in the file. */
  lines: { functionId: number; line: number; column: number }[];
}

/** A profile.proto Function; `name`, `systemName` and `filename` index the string table. */
export interface RawFunction {
  id: number;
  name: number;
  systemName: number;
  filename: number;
  startLine: number;
}
