/**
 * What `profile diff` found: per compared workload, every function's change (src/attribution) and
 * the differential flamegraph written. The terminal summary and `--json` (docs/diff-json.md) read it.
 */
import type { Attribution, Normalize } from '../attribution/index.js';

/** One argument of the command, as given and as understood. */
export interface DiffSideInfo {
  argument: string;
  kind: 'files' | 'directory' | 'baseline';
}

/** One comparison: a workload both sides have (or the files given). */
export interface PairDiff {
  /** `suite/workload`; null when files were compared as given. */
  key: string | null;
  /** The run files of each side, one run each, pooled. */
  baseFiles: string[];
  newFiles: string[];
  attribution: Attribution;
  /** The differential flamegraph written, or null when none was. */
  svg: string | null;
}

export interface DiffResult {
  schemaVersion: 1;
  base: DiffSideInfo;
  new: DiffSideInfo;
  normalize: Normalize;
  pairs: PairDiff[];
  /** Workloads of one side only, not compared. */
  onlyInBase: string[];
  onlyInNew: string[];
}
