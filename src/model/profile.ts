/**
 * The one profile model every engine imports into and every renderer reads from.
 *
 * It is deliberately close to pprof's own shape (interned frames, samples that carry a stack and
 * one value per value type) so that pprof round trips are lossless, while staying small enough that
 * folded stacks, Chrome .cpuprofile and heap profiles fit it too. Nothing in src/model imports any
 * other folder of this project.
 */

/** What one sample value measures, as pprof's ValueType: `{ type: 'wall', unit: 'nanoseconds' }`. */
export interface ValueType {
  type: string;
  /** `count`, `nanoseconds`, `microseconds`, `milliseconds` or `bytes`: renderers format by it. */
  unit: string;
}

/** One function location. Two frames are the same frame when all four fields are equal. */
export interface Frame {
  name: string;
  /** Source file as recorded (absolute path, `file://` URL or `node:internal/...`), if known. */
  file?: string;
  /** 1-based line of the function (or of the sample point, for line-level profiles). */
  line?: number;
  /** 1-based column, if known. */
  column?: number;
}

/** One stack with its values; `stack` holds indices into `Profile.frames`, root (caller) first. */
export interface Sample {
  stack: number[];
  /** One value per entry of `Profile.valueTypes`, same order. */
  values: number[];
}

/** Facts about where a profile came from; shown in titles and JSON, never needed for rendering. */
export interface ProfileMeta {
  /** e.g. `demo/template_render.simple`, or the ad hoc command line. */
  title?: string;
  engine?: string;
  suite?: string;
  workload?: string;
  /** Epoch milliseconds when sampling started. */
  startTime?: number;
  /** Wall-clock length of the profiled run, nanoseconds. */
  durationNanos?: number;
  /** Sampling period: `value` in `type.unit` per sample. */
  period?: { type: ValueType; value: number };
}

export interface Profile {
  valueTypes: ValueType[];
  /** Index into `valueTypes` used for widths, shares and top functions unless told otherwise. */
  defaultValueIndex: number;
  frames: Frame[];
  samples: Sample[];
  meta: ProfileMeta;
}

/** A broken input of a format that was recognised: says which file and what is wrong. */
export class ProfileFormatError extends Error {
  constructor(
    readonly format: string,
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: not a valid ${format} profile: ${message}`, options);
    this.name = 'ProfileFormatError';
  }
}

/** Key under which a frame is interned; identical locations share one index. */
export function frameKey(frame: Frame): string {
  return `${frame.name}\u0000${frame.file ?? ''}\u0000${frame.line ?? 0}\u0000${frame.column ?? 0}`;
}

/**
 * Builds a profile by interning frames and appending samples; importers use it so that every
 * profile in the program has deduplicated frames.
 */
export class ProfileBuilder {
  readonly frames: Frame[] = [];
  readonly samples: Sample[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly valueTypes: ValueType[],
    readonly meta: ProfileMeta = {},
    readonly defaultValueIndex = valueTypes.length - 1,
  ) {}

  /** Index of `frame`, adding it on first sight. */
  frameId(frame: Frame): number {
    const key = frameKey(frame);
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.frames.length;
      const copy: Frame = { name: frame.name };
      if (frame.file !== undefined) copy.file = frame.file;
      if (frame.line !== undefined) copy.line = frame.line;
      if (frame.column !== undefined) copy.column = frame.column;
      this.frames.push(copy);
      this.index.set(key, id);
    }
    return id;
  }

  /** Appends a sample; `stack` is root first. Samples whose values are all zero are dropped. */
  addSample(stack: number[], values: number[]): void {
    if (values.every((v) => v === 0)) return;
    this.samples.push({ stack, values });
  }

  build(): Profile {
    return {
      valueTypes: this.valueTypes,
      defaultValueIndex: this.defaultValueIndex,
      frames: this.frames,
      samples: this.samples,
      meta: this.meta,
    };
  }
}

/** Sum of one value over all samples. */
export function totalValue(profile: Profile, valueIndex = profile.defaultValueIndex): number {
  let total = 0;
  for (const s of profile.samples) total += s.values[valueIndex] ?? 0;
  return total;
}

/**
 * The number of samples, by pprof's convention: the sum of the value type named "samples" (or
 * "sample") counted in "count". Undefined for profiles without one (heap profiles, some folded
 * inputs): their other types are what the widths show, not a sample count.
 */
export function sampleCount(profile: Profile): number | undefined {
  const index = profile.valueTypes.findIndex(
    (t) => (t.type === 'samples' || t.type === 'sample') && t.unit === 'count',
  );
  return index === -1 ? undefined : totalValue(profile, index);
}
