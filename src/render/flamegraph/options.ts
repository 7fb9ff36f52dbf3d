/**
 * Every option of the flamegraph renderer, with its default, in one place (STYLE.md point 7): the
 * CLI and the suite runner only map their flags onto this object.
 */
import type { Profile } from '../../model/profile.js';

/** What a caller may set; `renderFlamegraph` accepts any subset and fills in the rest. */
export interface FlamegraphOptions {
  /**
   * Big title line at the top.
   * @default profile.meta.title, else `Flame Graph` (`Icicle Graph` when inverted, `Differential Flame Graph` for a diff)
   */
  title: string;
  /**
   * Smaller line under the title.
   * @default built from profile.meta: engine, duration, sample count and date, when known
   */
  subtitle: string;
  /**
   * Icicle layout: root at the top and callees growing downwards, instead of a flame with the root at
   * the bottom.
   * @default false
   */
  inverted: boolean;
  /**
   * Frames narrower than this many pixels are left out (with all their callees) so that file size and
   * browser time stay bounded; the number of frames and the share of the total left out is written on
   * the graph. 0.1 px is the default of flamegraph.pl and inferno.
   * @default 0.1
   */
  minWidthPx: number;
  /**
   * Width of the whole SVG in pixels.
   * @default 1200
   */
  width: number;
  /**
   * Height of one frame row in pixels.
   * @default 16
   */
  frameHeight: number;
  /**
   * Font size of labels and details in pixels.
   * @default 12
   */
  fontSize: number;
  /**
   * Which of `profile.valueTypes` sizes the frames (for heap profiles: objects or bytes).
   * @default profile.defaultValueIndex
   */
  valueIndex: number;
  /**
   * Label of the base profile in a differential graph (its details say "before").
   * @default `BASE`
   */
  baseLabel: string;
  /**
   * Label of the new profile in a differential graph.
   * @default `NEW`
   */
  nextLabel: string;
}

/** Defaults of the options that do not depend on the profile being drawn. */
export const defaultFlamegraphOptions = {
  inverted: false,
  minWidthPx: 0.1,
  width: 1200,
  frameHeight: 16,
  fontSize: 12,
  baseLabel: 'BASE',
  nextLabel: 'NEW',
} satisfies Partial<FlamegraphOptions>;

/** Rejects option values that would produce a broken or empty SVG, naming the option. */
export function validateFlamegraphOptions(options: Partial<FlamegraphOptions>): void {
  const positive: (keyof FlamegraphOptions)[] = ['width', 'frameHeight', 'fontSize'];
  for (const key of positive) {
    const value = options[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new RangeError(`flamegraph option ${key} must be a positive number, got ${String(value)}`);
    }
  }
  const minWidth = options.minWidthPx;
  if (minWidth !== undefined && !(Number.isFinite(minWidth) && minWidth >= 0)) {
    throw new RangeError(`flamegraph option minWidthPx must be a number >= 0, got ${String(minWidth)}`);
  }
  const index = options.valueIndex;
  if (index !== undefined && !(Number.isInteger(index) && index >= 0)) {
    throw new RangeError(`flamegraph option valueIndex must be an integer >= 0, got ${String(index)}`);
  }
}

/** The value index to draw, checked against the profile so a wrong index fails with a clear message. */
export function chooseValueIndex(profile: Profile, requested: number | undefined): number {
  const index = requested ?? profile.defaultValueIndex;
  if (profile.valueTypes[index] === undefined) {
    const known = profile.valueTypes.map((t, i) => `${i}: ${t.type}/${t.unit}`).join(', ');
    throw new RangeError(`value index ${index} does not exist in this profile (it has ${known || 'none'})`);
  }
  return index;
}
