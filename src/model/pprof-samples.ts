/**
 * Converts samples between pprof's flat sample columns and the model, both ways. Samples with the
 * same location list are merged by summing their values: the model keeps no labels, so samples that
 * pprof writers keep apart only by label (per thread, per request) are indistinguishable there, and
 * pprof readers sum label-less samples with equal location lists anyway. Merging is what keeps
 * million-sample profiles cheap: one model sample, and one written sample, per distinct stack.
 *
 * Location id `i + 1` is frame `i` on export (pprof reserves id 0 for "none").
 */
import type { RawSamples } from './pprof-raw.js';
import { type Profile, type ProfileBuilder, ProfileFormatError, type Sample } from './profile.js';
import { StackIndex } from './stack-index.js';

/** Adds every sample of `samples` to `builder`; `locationFrames` maps a location id to its frames, root first. */
export function addPprofSamples(
  builder: ProfileBuilder,
  samples: RawSamples,
  locationFrames: Map<number, number[]>,
  source: string,
): void {
  const width = builder.valueTypes.length;
  const { count, list, valueStart, values, listCount, listStart, locationIds } = samples;
  // Location ids are usually 1..n: an array lookup beats a Map for a million ids.
  const denseFrames: number[][] = [];
  for (const [id, ids] of locationFrames) if (id > 0 && id < 1 << 24) denseFrames[id] = ids;
  const framesOf = (id: number): number[] => {
    const ids = denseFrames[id] ?? locationFrames.get(id);
    if (!ids) throw new ProfileFormatError('pprof', source, `a sample refers to missing location ${id}`);
    return ids;
  };

  const sums = new Float64Array(listCount * width);
  for (let s = 0; s < count; s++) {
    const first = valueStart[s] as number;
    const valueCount = (valueStart[s + 1] as number) - first;
    if (valueCount > width) {
      throw new ProfileFormatError(
        'pprof',
        source,
        `sample ${s} has ${valueCount} values for ${width} sample types`,
      );
    }
    const at = (list[s] as number) * width;
    for (let v = 0; v < valueCount; v++)
      sums[at + v] = (sums[at + v] as number) + (values[first + v] as number);
  }

  let inlined = false;
  for (const ids of locationFrames.values()) if (ids.length > 1) inlined = true;
  for (let l = 0; l < listCount; l++) {
    const first = listStart[l] as number;
    const last = (listStart[l + 1] as number) - 1;
    let depth = last - first + 1;
    if (inlined) {
      depth = 0;
      for (let i = first; i <= last; i++) depth += framesOf(locationIds[i] as number).length;
    }
    // Sized up front and filled by index: growing a million arrays by push is measurably slower.
    const stack = new Array<number>(depth);
    let at = 0;
    for (let i = last; i >= first; i--) {
      const ids = framesOf(locationIds[i] as number);
      if (ids.length === 1) stack[at++] = ids[0] as number;
      else for (const frameId of ids) stack[at++] = frameId;
    }
    const sampleValues = new Array<number>(width);
    for (let v = 0; v < width; v++) sampleValues[v] = sums[l * width + v] as number;
    builder.addSample(stack, sampleValues);
  }
}

/**
 * The samples of `profile` as pprof columns, one per distinct stack in order of first sight, with
 * values rounded (profile.proto values are integers) before they are summed, so the sums are what a
 * pprof reader would have added up from the unmerged samples.
 */
export function pprofSamples(profile: Profile): RawSamples {
  const width = profile.valueTypes.length;
  const index = new StackIndex();
  const samples = profile.samples;
  const stackOf = new Uint32Array(samples.length);
  for (let s = 0; s < samples.length; s++) stackOf[s] = index.idOf((samples[s] as Sample).stack);

  const stacks = index.stacks;
  const count = stacks.length;
  const values = new Float64Array(count * width);
  for (let s = 0; s < samples.length; s++) {
    const sampleValues = (samples[s] as Sample).values;
    const at = (stackOf[s] as number) * width;
    for (let v = 0; v < width; v++)
      values[at + v] = (values[at + v] as number) + Math.round(sampleValues[v] ?? 0);
  }

  const listStart = new Uint32Array(count + 1);
  for (let l = 0; l < count; l++)
    listStart[l + 1] = (listStart[l] as number) + (stacks[l] as number[]).length;
  const locationIds = new Float64Array(listStart[count] as number);
  for (let l = 0; l < count; l++) {
    const stack = stacks[l] as number[];
    // pprof stacks are leaf first.
    const end = listStart[l + 1] as number;
    for (let i = 0; i < stack.length; i++) locationIds[end - 1 - i] = (stack[i] as number) + 1;
  }
  const list = new Uint32Array(count);
  const valueStart = new Uint32Array(count + 1);
  for (let l = 0; l < count; l++) {
    list[l] = l;
    valueStart[l + 1] = (l + 1) * width;
  }
  return { count, list, valueStart, values, listCount: count, listStart, locationIds };
}
