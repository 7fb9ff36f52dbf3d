/**
 * One comparison of `profile diff`: the run files of each side read, every function's change
 * attributed (src/attribution), and the differential flamegraph of the pooled sides drawn. The
 * process and thread frames are left out of both: their pids differ from run to run, and they group
 * functions rather than being one.
 */
import {
  type AttributionOptions,
  compareProfiles,
  IncomparableSidesError,
  type Normalize,
  type SourcedProfile,
} from '../attribution/index.js';
import { chooseValueKind } from '../attribution/value-kind.js';
import { dropFrames } from '../model/drop-frames.js';
import { mergeProfiles } from '../model/merge.js';
import type { Profile, ValueType } from '../model/profile.js';
import { renderDiffFlamegraph } from '../render/flamegraph/index.js';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { looksLikeGroupingFrame } from '../workload/combine.js';
import type { DiffPair } from './pairs.js';
import type { PairDiff } from './result.js';

export interface ComparePairOptions {
  normalize: Normalize;
  /** What `shareOfRegression` is of (src/attribution/attribute.ts). @default none */
  regression?: AttributionOptions['regression'];
  /** The smallest change named, for profiles that do not count samples (heap). @default 0 */
  minChange?: number;
  /** Where the differential flamegraph goes; none is drawn without it. */
  svg?: string;
  /** How the graph names the sides: `BASE before/ (4 runs)`. */
  baseLabel: string;
  nextLabel: string;
}

/** A side's runs as one profile whose default value is the compared one. */
function pooled(profiles: Profile[], valueType: ValueType): Profile {
  const merged = mergeProfiles(
    profiles.map((profile) => ({ profile: dropFrames(profile, looksLikeGroupingFrame) })),
  );
  const index = merged.valueTypes.findIndex((vt) => vt.type === valueType.type && vt.unit === valueType.unit);
  // The runs ran one after another, each a process of its own: the side lasted the sum of their
  // durations, not the span from the first start to the last end that merging places them in.
  const durations = profiles.map((p) => p.meta.durationNanos);
  const meta = durations.every((d) => d !== undefined)
    ? { ...merged.meta, durationNanos: durations.reduce((sum: number, d) => sum + (d as number), 0) }
    : merged.meta;
  return { ...merged, meta, defaultValueIndex: index === -1 ? merged.defaultValueIndex : index };
}

/** Compares the profiles of `pair`'s files (read by the caller, same order) and draws the graph. */
export async function comparePair(
  pair: DiffPair,
  base: SourcedProfile[],
  next: SourcedProfile[],
  options: ComparePairOptions,
): Promise<PairDiff> {
  let attribution: PairDiff['attribution'];
  try {
    attribution = compareProfiles(base, next, {
      normalize: options.normalize,
      exclude: looksLikeGroupingFrame,
      ...(options.regression === undefined ? {} : { regression: options.regression }),
      ...(options.minChange === undefined ? {} : { minChange: options.minChange }),
    });
  } catch (error) {
    // CPU against heap, wall against CPU time: the user's mix-up, said with both files named.
    if (error instanceof IncomparableSidesError) {
      throw new UserError(`diff${pair.key ? ` ${pair.key}` : ''}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  let svg: string | null = null;
  if (options.svg !== undefined) {
    const { valueType } = chooseValueKind(base, next);
    const markup = renderDiffFlamegraph(
      pooled(
        base.map((b) => b.profile),
        valueType,
      ),
      pooled(
        next.map((n) => n.profile),
        valueType,
      ),
      {
        title: `Differential Flame Graph${pair.key ? `: ${pair.key}` : ''}`,
        baseLabel: options.baseLabel,
        nextLabel: options.nextLabel,
      },
    );
    await writeFileAtomic(options.svg, markup);
    svg = options.svg;
  }
  return { key: pair.key, baseFiles: pair.base, newFiles: pair.next, attribution, svg };
}
