/**
 * A profile with some frames taken out of every stack, e.g. the root frames naming a process and a
 * thread (`node app.js (pid 4242)`, `main thread`): their names change from run to run, so profiles
 * of several runs only line up, merge and compare without them. Samples left with an empty stack
 * are dropped; frames no sample uses any more are not kept.
 */
import { type Frame, type Profile, ProfileBuilder } from './profile.js';

export function dropFrames(profile: Profile, drop: (frame: Frame) => boolean): Profile {
  const dropped = profile.frames.map(drop);
  if (!dropped.includes(true)) return profile;
  const builder = new ProfileBuilder(profile.valueTypes, profile.meta, profile.defaultValueIndex);
  const ids: number[] = [];
  for (const sample of profile.samples) {
    const stack: number[] = [];
    for (const old of sample.stack) {
      if (dropped[old]) continue;
      stack.push((ids[old] ??= builder.frameId(profile.frames[old] as Frame)));
    }
    if (stack.length > 0) builder.addSample(stack, sample.values);
  }
  return builder.build();
}
