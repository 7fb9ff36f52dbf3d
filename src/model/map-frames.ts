/**
 * The profile with every frame rewritten (source mapping, path clean-up). Frames that become equal
 * are interned as one, so two generated locations of one original function are one frame.
 */
import { type Frame, type Profile, ProfileBuilder } from './profile.js';

export function mapFrames(profile: Profile, rewrite: (frame: Frame) => Frame): Profile {
  const builder = new ProfileBuilder(profile.valueTypes, profile.meta, profile.defaultValueIndex);
  const ids = profile.frames.map((frame) => builder.frameId(rewrite(frame)));
  for (const sample of profile.samples) {
    builder.addSample(
      sample.stack.map((id) => ids[id] as number),
      sample.values,
    );
  }
  return builder.build();
}
