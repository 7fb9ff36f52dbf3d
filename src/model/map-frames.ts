/**
 * The profile with every frame its samples use rewritten (source mapping, path clean-up). Frames
 * that become equal are interned as one, so two generated locations of one original function are
 * one frame; frames no sample uses are left out.
 */
import { type Frame, type Profile, ProfileBuilder } from './profile.js';

export function mapFrames(profile: Profile, rewrite: (frame: Frame) => Frame): Profile {
  const builder = new ProfileBuilder(profile.valueTypes, profile.meta, profile.defaultValueIndex);
  const ids: number[] = [];
  const idOf = (old: number): number => {
    let id = ids[old];
    if (id === undefined) {
      id = builder.frameId(rewrite(profile.frames[old] as Frame));
      ids[old] = id;
    }
    return id;
  };
  for (const sample of profile.samples) builder.addSample(sample.stack.map(idOf), sample.values);
  return builder.build();
}
