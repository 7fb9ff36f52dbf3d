/**
 * Merges profiles into one, e.g. the profiles of every thread of every OS process of one workload,
 * each under root frames naming its process and thread so the flamegraph shows them side by side.
 */
import { type Profile, ProfileBuilder, type ProfileMeta, type ValueType } from './profile.js';

/** One input of `mergeProfiles`: a profile and, optionally, extra root frames for all its stacks. */
export interface MergePart {
  profile: Profile;
  /** Names of the frames put above its stacks, outermost first: `['node app.js (pid 123)', 'worker 2 (pool.js)']`. */
  roots?: string[];
}

/**
 * One profile holding every part's samples, with frames re-interned. Value types are matched by
 * type and unit, in order of first appearance; a part without a type contributes 0 to it. The
 * default value type is the first part's.
 */
export function mergeProfiles(parts: MergePart[]): Profile {
  const valueTypes: ValueType[] = [];
  const typeIndex = new Map<string, number>();
  const indexOf = (vt: ValueType): number => {
    const key = `${vt.type}\u0000${vt.unit}`;
    let index = typeIndex.get(key);
    if (index === undefined) {
      index = valueTypes.push({ type: vt.type, unit: vt.unit }) - 1;
      typeIndex.set(key, index);
    }
    return index;
  };
  // Per part, where each of its value types lands in the merged list.
  const columns = parts.map(({ profile }) => profile.valueTypes.map(indexOf));
  const first = parts[0]?.profile;
  const firstDefault = first?.valueTypes[first.defaultValueIndex];
  const defaultValueIndex = firstDefault ? indexOf(firstDefault) : 0;

  const builder = new ProfileBuilder(valueTypes, mergedMeta(parts.map((p) => p.profile)), defaultValueIndex);
  const width = valueTypes.length;
  parts.forEach(({ profile, roots = [] }, p) => {
    const column = columns[p] as number[];
    const frameIds = profile.frames.map((frame) => builder.frameId(frame));
    const rootIds = roots.map((name) => builder.frameId({ name }));
    const offset = rootIds.length;
    for (const sample of profile.samples) {
      const stack = new Array<number>(sample.stack.length + offset);
      for (let r = 0; r < offset; r++) stack[r] = rootIds[r] as number;
      for (let i = 0; i < sample.stack.length; i++)
        stack[i + offset] = frameIds[sample.stack[i] as number] as number;
      const values = new Array<number>(width).fill(0);
      for (let v = 0; v < column.length; v++) values[column[v] as number] = sample.values[v] ?? 0;
      builder.addSample(stack, values);
    }
  });
  return builder.build();
}

/** Earliest start, and a duration reaching the latest end; fields all parts agree on are kept. */
function mergedMeta(profiles: Profile[]): ProfileMeta {
  const meta: ProfileMeta = {};
  const metas = profiles.map((p) => p.meta);
  for (const key of ['title', 'engine', 'suite', 'workload'] as const) {
    const value = metas[0]?.[key];
    if (value !== undefined && metas.every((m) => m[key] === value)) meta[key] = value;
  }
  const period = metas[0]?.period;
  if (period && metas.every((m) => JSON.stringify(m.period) === JSON.stringify(period))) meta.period = period;

  const starts = metas.flatMap((m) => (m.startTime === undefined ? [] : [m.startTime]));
  const durations = metas.flatMap((m) => (m.durationNanos === undefined ? [] : [m.durationNanos]));
  if (starts.length > 0) meta.startTime = Math.min(...starts);
  if (starts.length > 0 && starts.length === metas.length && durations.length === metas.length) {
    // Every part is placed in time: span from the earliest start to the latest end.
    const start = meta.startTime as number;
    const ends = metas.map((m) => ((m.startTime as number) - start) * 1e6 + (m.durationNanos as number));
    meta.durationNanos = Math.max(...ends);
  } else if (durations.length > 0) {
    meta.durationNanos = Math.max(...durations);
  }
  return meta;
}
