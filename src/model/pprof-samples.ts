/**
 * Turns pprof's flat sample columns into model samples. Samples with the same location list are
 * merged by summing their values: the model keeps no labels, so those samples (which pprof writers
 * keep apart only by label, e.g. per thread or per request) are indistinguishable there, and merging
 * them avoids allocating a stack per raw sample, the dominant cost for million-sample profiles.
 */
import type { RawPprof } from './pprof-decode.js';
import { type ProfileBuilder, ProfileFormatError } from './profile.js';

/** Adds every sample of `samples` to `builder`; `locationFrames` maps a location id to its frames, root first. */
export function addPprofSamples(
  builder: ProfileBuilder,
  samples: RawPprof['samples'],
  locationFrames: Map<number, number[]>,
  source: string,
): void {
  const width = builder.valueTypes.length;
  const { count, locationStart, locationIds, valueStart, values } = samples;
  // Location ids are usually 1..n: an array lookup beats a Map for a million samples.
  const denseFrames: number[][] = [];
  for (const [id, ids] of locationFrames) if (id > 0 && id < 1 << 24) denseFrames[id] = ids;
  const framesOf = (s: number, id: number): number[] => {
    const ids = denseFrames[id] ?? locationFrames.get(id);
    if (!ids) throw new ProfileFormatError('pprof', source, `sample ${s} refers to missing location ${id}`);
    return ids;
  };

  // Distinct location lists in an open-addressing table of typed arrays (a Map of bucket arrays
  // made a million-distinct-stack import about twice as slow, mostly in garbage collection); equal
  // hashes are confirmed by comparing the ids themselves.
  let capacity = 1024;
  while (capacity < count * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const uniqueSample: number[] = [];
  const uniqueHash: number[] = [];
  let sums = new Float64Array(Math.max(16, width * 64));
  const sameLocations = (a: number, b: number): boolean => {
    const aStart = locationStart[a] as number;
    const bStart = locationStart[b] as number;
    const length = (locationStart[a + 1] as number) - aStart;
    if ((locationStart[b + 1] as number) - bStart !== length) return false;
    for (let i = 0; i < length; i++) if (locationIds[aStart + i] !== locationIds[bStart + i]) return false;
    return true;
  };

  for (let s = 0; s < count; s++) {
    const first = locationStart[s] as number;
    const end = locationStart[s + 1] as number;
    let hash = end - first;
    for (let i = first; i < end; i++)
      hash = Math.imul(hash ^ (locationIds[i] as number), 0x9e3779b1) ^ (hash >>> 15);
    const valueOffset = valueStart[s] as number;
    const valueCount = (valueStart[s + 1] as number) - valueOffset;
    if (valueCount > width) {
      throw new ProfileFormatError(
        'pprof',
        source,
        `sample ${s} has ${valueCount} values for ${width} sample types`,
      );
    }
    let slot = hash & mask;
    let unique = slots[slot] as number;
    while (
      unique >= 0 &&
      !(uniqueHash[unique] === hash && sameLocations(uniqueSample[unique] as number, s))
    ) {
      slot = (slot + 1) & mask;
      unique = slots[slot] as number;
    }
    if (unique < 0) {
      unique = uniqueSample.length;
      uniqueSample.push(s);
      uniqueHash.push(hash);
      slots[slot] = unique;
      if ((unique + 1) * width > sums.length) {
        const bigger = new Float64Array(sums.length * 2);
        bigger.set(sums);
        sums = bigger;
      }
    }
    const at = unique * width;
    for (let v = 0; v < valueCount; v++)
      sums[at + v] = (sums[at + v] as number) + (values[valueOffset + v] as number);
  }

  let inlined = false;
  for (const ids of locationFrames.values()) if (ids.length > 1) inlined = true;
  for (let u = 0; u < uniqueSample.length; u++) {
    const s = uniqueSample[u] as number;
    const first = locationStart[s] as number;
    const last = (locationStart[s + 1] as number) - 1;
    let depth = last - first + 1;
    if (inlined) {
      depth = 0;
      for (let i = first; i <= last; i++) depth += framesOf(s, locationIds[i] as number).length;
    }
    // Sized up front and filled by index: growing a million arrays by push is measurably slower.
    const stack = new Array<number>(depth);
    let at = 0;
    for (let i = last; i >= first; i--) {
      const ids = framesOf(s, locationIds[i] as number);
      if (ids.length === 1) stack[at++] = ids[0] as number;
      else for (const frameId of ids) stack[at++] = frameId;
    }
    const sampleValues = new Array<number>(width);
    for (let v = 0; v < width; v++) sampleValues[v] = sums[u * width + v] as number;
    builder.addSample(stack, sampleValues);
  }
}
