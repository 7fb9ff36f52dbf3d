/**
 * One side of a comparison as per-run figures: for every function, its self and total time in each
 * run (one profile file is one run), in the reported unit. A function missing from a run took 0 in
 * it, which is what the test must see. Functions are keyed as the top tables key them (model/top.ts
 * functionKey: name and file; anonymous ones by position), so frames at different lines are one.
 */
import { type Frame, type Profile, sampleCount, totalValue } from '../model/profile.js';
import { functionKey, topFunctions } from '../model/top.js';

/** How a side's runs are made comparable: as they are (`run`) or as a share of each run's total (`sample`). */
export type Normalize = 'run' | 'sample';

/** One function's figures in every run of a side. */
export interface FunctionRuns {
  name: string;
  file?: string;
  line?: number;
  column?: number;
  self: number[];
  total: number[];
}

/** A side's runs: each run's total and every function's per-run figures, keyed by function. */
export interface SideRuns {
  runs: number;
  totals: number[];
  /**
   * What one sample is worth on average, in the unit (the sampling period, for a time profile); 0
   * for profiles that do not count their samples (heap profiles: their samples are stacks).
   */
  sampleValue: number;
  functions: Map<string, FunctionRuns>;
}

export interface SideOptions {
  /** Index of the compared value in each profile, same order. */
  valueIndex: number[];
  /** Multiplies a profile value into the reported unit. */
  scale: number;
  normalize: Normalize;
  /** Frames that only group functions (a process's or a thread's root frame). */
  exclude?: (frame: Frame) => boolean;
}

export function sideRuns(profiles: Profile[], options: SideOptions): SideRuns {
  const runs = profiles.length;
  const functions = new Map<string, FunctionRuns>();
  const totals: number[] = [];
  let samples = 0;
  let counted = true;
  profiles.forEach((profile, run) => {
    const count = sampleCount(profile);
    if (count === undefined) counted = false;
    else samples += count;
    const valueIndex = options.valueIndex[run] as number;
    const total = totalValue(profile, valueIndex);
    // Per sample: every figure becomes a percentage of its run's total.
    const factor = options.normalize === 'sample' ? (total > 0 ? 100 / total : 0) : options.scale;
    totals.push(total * factor);
    const stats = topFunctions(profile, {
      valueIndex,
      ...(options.exclude ? { exclude: options.exclude } : {}),
    });
    for (const stat of stats) {
      const key = functionKey(stat);
      let entry = functions.get(key);
      if (!entry) {
        entry = { name: stat.name, self: new Array(runs).fill(0), total: new Array(runs).fill(0) };
        if (stat.file !== undefined) entry.file = stat.file;
        if (stat.column !== undefined) entry.column = stat.column;
        functions.set(key, entry);
      }
      if (stat.line !== undefined && (entry.line === undefined || stat.line < entry.line))
        entry.line = stat.line;
      entry.self[run] = stat.self * factor;
      entry.total[run] = stat.total * factor;
    }
  });
  const sum = totals.reduce((a, b) => a + b, 0);
  return { runs, totals, functions, sampleValue: counted && samples > 0 ? sum / samples : 0 };
}
