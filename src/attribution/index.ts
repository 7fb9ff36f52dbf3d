/**
 * Regressions attributed to functions: two sides of profiles (one file per run) in, every function's
 * change with its significance out. The entry point the CLI, validate and reports use.
 */
import type { Frame, Profile } from '../model/profile.js';
import { type Attribution, type AttributionOptions, attribute } from './attribute.js';
import { type Normalize, sideRuns } from './function-runs.js';
import { chooseValueKind } from './value-kind.js';

export { type Attribution, type AttributionOptions, causes, type FunctionChange } from './attribute.js';
export type { Normalize } from './function-runs.js';
export { IncomparableSidesError } from './value-kind.js';

/** A profile and where it came from (a path, for messages). */
export interface SourcedProfile {
  profile: Profile;
  source: string;
}

export interface CompareProfilesOptions extends AttributionOptions {
  /** @default 'run' */
  normalize?: Normalize;
  /** Frames that only group functions (process and thread root frames): left out. */
  exclude?: (frame: Frame) => boolean;
}

/** How every function changed from the `base` runs to the `next` runs. */
export function compareProfiles(
  base: SourcedProfile[],
  next: SourcedProfile[],
  options: CompareProfilesOptions = {},
): Attribution {
  const kind = chooseValueKind(base, next);
  const normalize = options.normalize ?? 'run';
  const side = (profiles: SourcedProfile[], valueIndex: number[]) =>
    sideRuns(
      profiles.map((p) => p.profile),
      { valueIndex, scale: kind.scale, normalize, ...(options.exclude ? { exclude: options.exclude } : {}) },
    );
  const unit = normalize === 'sample' ? '%' : kind.unit;
  return attribute(side(base, kind.baseIndex), side(next, kind.nextIndex), unit, normalize, options);
}
