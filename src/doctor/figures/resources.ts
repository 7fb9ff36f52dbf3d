/**
 * The handles and requests figure: what kept the loop alive, by type, at most over any judged
 * reading; for the reader of a waiting program, not for a rule.
 */
import type { Analyser } from './interval.js';

export const analyseResources: Analyser<Record<string, number>> = (intervals) => {
  const resources: Record<string, number> = {};
  for (const { reading } of intervals)
    for (const [type, count] of Object.entries(reading.resources))
      resources[type] = Math.max(resources[type] ?? 0, count);
  return resources;
};
