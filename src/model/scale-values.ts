/**
 * A profile with every sample value multiplied by `factor`: a server's run profiled under load made
 * "per 1,000 requests" (factor 1000 / requests), so that runs serving different numbers of requests
 * compare function by function.
 */
import type { Profile } from './profile.js';

export function scaleValues(profile: Profile, factor: number): Profile {
  return {
    ...profile,
    samples: profile.samples.map((s) => ({ stack: s.stack, values: s.values.map((v) => v * factor) })),
  };
}
