/**
 * Which value of the profiles is compared, and in what unit it is reported. Both sides must measure
 * the same thing: wall time against wall time, CPU time against CPU time, bytes against bytes. A
 * sample count compares with any time profile that also counts its samples (pprof and .cpuprofile
 * do), so folded stacks can be set against a pprof profile.
 */
import type { Profile, ValueType } from '../model/profile.js';

/** Two sides that measure different things: the message names both and what to pass instead. */
export class IncomparableSidesError extends Error {
  override name = 'IncomparableSidesError';
}

/** The value compared, where it sits in each profile, and how one unit of it reads. */
export interface ValueKind {
  valueType: ValueType;
  /** What reports print after a number: `ms`, `samples`, `MB`. */
  unit: string;
  /** Multiplies a profile value into `unit`. */
  scale: number;
  /** Index of the value in each profile of a side, same order as the profiles. */
  baseIndex: number[];
  nextIndex: number[];
}

const TIME_SCALE: Record<string, number> = {
  nanoseconds: 1e-6,
  microseconds: 1e-3,
  milliseconds: 1,
  seconds: 1e3,
};

function describe(vt: ValueType): string {
  if (vt.unit === 'bytes') return `heap (${vt.type}/${vt.unit})`;
  if (vt.type === 'cpu') return `CPU time (${vt.type}/${vt.unit})`;
  if (vt.unit in TIME_SCALE) return `wall time (${vt.type}/${vt.unit})`;
  return `${vt.type}/${vt.unit}`;
}

const isCount = (vt: ValueType) => (vt.type === 'samples' || vt.type === 'sample') && vt.unit === 'count';

function indexOf(profile: Profile, wanted: ValueType): number {
  return profile.valueTypes.findIndex((vt) => vt.type === wanted.type && vt.unit === wanted.unit);
}

/**
 * The value both sides are compared on: the default value of the first base profile when every
 * profile has it, else the sample count when every profile has one; a mix of kinds (CPU against
 * heap, wall against CPU time) throws IncomparableSidesError naming the files.
 */
export function chooseValueKind(
  base: { profile: Profile; source: string }[],
  next: { profile: Profile; source: string }[],
): ValueKind {
  const all = [...base, ...next];
  const first = all[0];
  if (!first) throw new IncomparableSidesError('no profiles to compare');
  const preferred = first.profile.valueTypes[first.profile.defaultValueIndex];
  const candidates = preferred ? [preferred, { type: 'samples', unit: 'count' }] : [];
  for (const vt of candidates) {
    if (all.every(({ profile }) => indexOf(profile, vt) !== -1)) {
      const unit =
        vt.unit in TIME_SCALE ? 'ms' : vt.unit === 'bytes' ? 'MB' : isCount(vt) ? 'samples' : vt.unit;
      const scale = TIME_SCALE[vt.unit] ?? (vt.unit === 'bytes' ? 1e-6 : 1);
      return {
        valueType: vt,
        unit,
        scale,
        baseIndex: base.map(({ profile }) => indexOf(profile, vt)),
        nextIndex: next.map(({ profile }) => indexOf(profile, vt)),
      };
    }
  }
  const odd = all.find(({ profile }) => {
    const vt = profile.valueTypes[profile.defaultValueIndex];
    return !vt || !preferred || describe(vt) !== describe(preferred);
  });
  const oddType = odd?.profile.valueTypes[odd.profile.defaultValueIndex];
  throw new IncomparableSidesError(
    `${first.source} measures ${preferred ? describe(preferred) : 'nothing'}` +
      (odd && oddType ? ` but ${odd.source} measures ${describe(oddType)}` : '') +
      ': compare profiles of one kind (CPU profiles of both versions, or heap profiles of both)',
  );
}
