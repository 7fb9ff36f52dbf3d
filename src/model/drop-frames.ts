/**
 * The profile with some frames taken out of every stack, their callers and callees joined: e.g. the
 * process and thread root frames (`node app.js (pid 4242)`, `main thread`), whose pids differ from
 * run to run, so that profiles of several runs merge and compare by their functions. A sample whose
 * stack loses every frame keeps its values under the root; frames no sample uses are left out.
 */
import { type Frame, type Profile, ProfileBuilder } from './profile.js';

export function dropFrames(profile: Profile, drop: (frame: Frame) => boolean): Profile {
  const builder = new ProfileBuilder(profile.valueTypes, profile.meta, profile.defaultValueIndex);
  // Per old frame: its new id, or -1 when it is dropped; filled on first use.
  const ids = new Int32Array(profile.frames.length).fill(-2);
  const idOf = (old: number): number => {
    let id = ids[old] as number;
    if (id === -2) {
      const frame = profile.frames[old] as Frame;
      id = drop(frame) ? -1 : builder.frameId(frame);
      ids[old] = id;
    }
    return id;
  };
  for (const sample of profile.samples) {
    const stack: number[] = [];
    for (const old of sample.stack) {
      const id = idOf(old);
      if (id !== -1) stack.push(id);
    }
    builder.addSample(stack, sample.values);
  }
  return builder.build();
}
