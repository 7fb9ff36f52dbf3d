/**
 * Importer for clinic flame's samples (`<pid>.clinic-flame-samples` in its data directory): a JSON
 * array with one stack per V8 tick, root first, each frame `{ name: "fn file:line:col", type }`
 * (`JS`, `CPP`, `SHARED_LIB`). Names are read as 0x's are (clinic flame runs 0x).
 */
import { type Profile, ProfileBuilder, ProfileFormatError } from './profile.js';
import { frameOfTick } from './zerox.js';

export function fromClinicFlameSamples(input: string, source: string): Profile | null {
  let doc: unknown;
  try {
    doc = JSON.parse(input);
  } catch {
    return null;
  }
  if (!Array.isArray(doc)) return null;
  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }], { engine: 'clinic' });
  for (const tick of doc) {
    if (!Array.isArray(tick))
      throw new ProfileFormatError('clinic flame', source, 'a sample is not a list of frames');
    if (tick.length === 0) continue;
    const stack = tick.map((frame: { name?: unknown }) =>
      builder.frameId(frameOfTick(String(frame?.name ?? '?'))),
    );
    builder.addSample(stack, [1]);
  }
  return builder.build();
}
