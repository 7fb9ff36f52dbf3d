/**
 * The comparisons two sides make: files against files is one; directories and baselines are
 * matched by `suite/workload`, one comparison per workload both have, and the rest listed.
 */
import { UserError } from '../util/user-error.js';
import type { Side } from './sides.js';

/** One comparison: the run files of each side; `key` is the workload, null for files given as such. */
export interface DiffPair {
  key: string | null;
  base: string[];
  next: string[];
}

export interface Pairing {
  pairs: DiffPair[];
  /** Workloads of one side only (none when a side is files). */
  onlyInBase: string[];
  onlyInNew: string[];
}

// Files against a directory compare only when the directory holds one workload.
function single(side: Side, other: Side): { key: string | null; files: string[] } {
  if (side.kind === 'files') return { key: null, files: side.files };
  if (side.runs.size === 1) {
    const [key, files] = [...side.runs][0] as [string, string[]];
    return { key, files };
  }
  throw new UserError(
    `${other.argument} is profile files but ${side.argument} holds ${side.runs.size} workloads ` +
      `(${[...side.runs.keys()].join(', ')}): give its files of one workload, or directories on both sides`,
  );
}

export function pairSides(base: Side, next: Side): Pairing {
  if (base.kind === 'files' || next.kind === 'files') {
    const b = single(base, next);
    const n = single(next, base);
    return { pairs: [{ key: b.key ?? n.key, base: b.files, next: n.files }], onlyInBase: [], onlyInNew: [] };
  }
  const pairs: DiffPair[] = [];
  for (const [key, files] of base.runs) {
    const nextFiles = next.runs.get(key);
    if (nextFiles) pairs.push({ key, base: files, next: nextFiles });
  }
  const onlyInBase = [...base.runs.keys()].filter((key) => !next.runs.has(key));
  const onlyInNew = [...next.runs.keys()].filter((key) => !base.runs.has(key));
  if (pairs.length === 0) {
    throw new UserError(
      `${base.argument} and ${next.argument} have no workload in common: ` +
        `${base.argument} has ${onlyInBase.join(', ')}; ${next.argument} has ${onlyInNew.join(', ')}`,
    );
  }
  return { pairs, onlyInBase, onlyInNew };
}
