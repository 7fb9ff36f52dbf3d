/**
 * Every engine samples some of the agent's own work (its start-up, the profiler's stop, saving
 * source maps at exit). That is not the program's time, so the engines drop it here.
 */
import { sep } from 'node:path';
import type { Profile } from '../model/profile.js';
import { pathOf } from '../util/file-path.js';

/** The profile without the samples that have a frame in the agent's directory (path or file URL). */
export function withoutAgentSamples(profile: Profile, agentDir: string): Profile {
  const prefix = agentDir.endsWith(sep) ? agentDir : agentDir + sep;
  const isAgent = profile.frames.map((frame) => pathOf(frame.file ?? '').startsWith(prefix));
  const samples = profile.samples.filter((sample) => !sample.stack.some((id) => isAgent[id]));
  return { ...profile, samples };
}
