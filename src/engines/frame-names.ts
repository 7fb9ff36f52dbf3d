/**
 * One naming rule for every engine, so the same function reads the same in the top tables and
 * flamegraphs whichever engine recorded it:
 * - an anonymous function is `(anonymous)`, with its file, line and column in the frame's location.
 *   @datadog/pprof names it `(anonymous:L#26:C#35)` and writes no column, so the name's position
 *   moves into the location;
 * - garbage collection is V8's `(garbage collector)` at the root, as in .cpuprofile files (Chrome
 *   DevTools, speedscope); @datadog/pprof writes `Garbage Collection` under a root `Node.js` frame.
 */
import { type Frame, type Profile, ProfileBuilder } from '../model/profile.js';

const DATADOG_ANONYMOUS = /^\(anonymous:L#(\d+)(?::C#(\d+))?\)$/;
export const GC_FRAME = '(garbage collector)';

function renamed(frame: Frame): Frame {
  if (!frame.file && frame.name === 'Garbage Collection') return { name: GC_FRAME };
  const anonymous = DATADOG_ANONYMOUS.exec(frame.name);
  if (!anonymous) return frame;
  const out: Frame = { ...frame, name: '(anonymous)' };
  out.line ??= Number(anonymous[1]);
  if (anonymous[2] !== undefined) out.column ??= Number(anonymous[2]);
  return out;
}

/** The profile with runtime frames named by the rule above; a profile that needs nothing is returned as is. */
export function runtimeNames(profile: Profile): Profile {
  const wrapper = profile.frames.findIndex((f) => f.name === 'Node.js' && !f.file);
  const changed = profile.frames.map(renamed);
  if (wrapper === -1 && changed.every((frame, i) => frame === profile.frames[i])) return profile;

  const builder = new ProfileBuilder(profile.valueTypes, profile.meta, profile.defaultValueIndex);
  // Interned on first use, so frames no sample keeps (the wrapper) are left out.
  const ids: number[] = [];
  const idOf = (old: number): number => (ids[old] ??= builder.frameId(changed[old] as Frame));
  for (const sample of profile.samples) {
    const from = sample.stack[0] === wrapper ? 1 : 0;
    const stack = new Array<number>(sample.stack.length - from);
    for (let i = from; i < sample.stack.length; i++) stack[i - from] = idOf(sample.stack[i] as number);
    if (stack.length > 0) builder.addSample(stack, sample.values);
  }
  return builder.build();
}
