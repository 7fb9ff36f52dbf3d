/**
 * The "top functions" table (pprof's `top`): where the time or memory goes, by function.
 */
import { type Frame, type Profile, totalValue } from './profile.js';

/** One row of the top table; shares are fractions (0..1) of the whole profile's value. */
export interface FunctionStat {
  name: string;
  file?: string;
  /** The function's smallest recorded line: its own line in function-level profiles. */
  line?: number;
  /** For `(anonymous)` functions only, which its position tells apart: its column. */
  column?: number;
  /** Value of samples whose leaf frame is this function. */
  self: number;
  /** Value of samples with this function anywhere on the stack, counted once per sample even when recursive. */
  total: number;
  selfShare: number;
  totalShare: number;
}

/** Options of `topFunctions`. */
export interface TopOptions {
  /** Rows to return. @default all */
  limit?: number;
  /** Which value to rank by. @default profile.defaultValueIndex */
  valueIndex?: number;
  /** Ranking column (ties are broken by the other column, then by name). @default 'self' */
  sortBy?: 'self' | 'total';
  /** Frames that are not functions but group them (a process's or thread's root frame): not counted. @default none */
  exclude?: (frame: Frame) => boolean;
}

/**
 * Frames of one function share a key: its name and file, so that line-level profiles still rank
 * functions. Anonymous functions of one file are told apart by their position instead. A row of
 * the top table keys the same as its frames (its line is theirs where the position counts).
 */
export function functionKey(frame: Frame): string {
  const position = frame.name === '(anonymous)' ? `\u0000${frame.line ?? 0}:${frame.column ?? 0}` : '';
  return `${frame.name}\u0000${frame.file ?? ''}${position}`;
}

/** Functions ranked by self (or total) value; frames of one function at different lines are one row. */
export function topFunctions(profile: Profile, opts: TopOptions = {}): FunctionStat[] {
  const valueIndex = opts.valueIndex ?? profile.defaultValueIndex;
  const sortBy = opts.sortBy ?? 'self';

  // Group frames by function; -1 for excluded frames.
  const groupOf = new Int32Array(profile.frames.length);
  const groups: FunctionStat[] = [];
  const groupIds = new Map<string, number>();
  profile.frames.forEach((frame, i) => {
    if (opts.exclude?.(frame)) {
      groupOf[i] = -1;
      return;
    }
    const key = functionKey(frame);
    let g = groupIds.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIds.set(key, g);
      const stat: FunctionStat = { name: frame.name, self: 0, total: 0, selfShare: 0, totalShare: 0 };
      if (frame.file !== undefined) stat.file = frame.file;
      if (frame.name === '(anonymous)' && frame.column !== undefined) stat.column = frame.column;
      groups.push(stat);
    }
    const stat = groups[g] as FunctionStat;
    if (frame.line !== undefined && (stat.line === undefined || frame.line < stat.line))
      stat.line = frame.line;
    groupOf[i] = g;
  });

  // lastSeen[g] === sample number + 1 when g was already counted for this sample (recursion).
  const lastSeen = new Int32Array(groups.length);
  profile.samples.forEach((sample, s) => {
    const value = sample.values[valueIndex] ?? 0;
    if (value === 0 || sample.stack.length === 0) return;
    const stamp = s + 1;
    for (const frame of sample.stack) {
      const g = groupOf[frame] as number;
      if (g === -1 || lastSeen[g] === stamp) continue;
      lastSeen[g] = stamp;
      (groups[g] as FunctionStat).total += value;
    }
    const leaf = groupOf[sample.stack[sample.stack.length - 1] as number] as number;
    if (leaf !== -1) (groups[leaf] as FunctionStat).self += value;
  });

  const whole = totalValue(profile, valueIndex);
  const used = groups.filter((g) => g.total !== 0);
  for (const g of used) {
    g.selfShare = whole === 0 ? 0 : g.self / whole;
    g.totalShare = whole === 0 ? 0 : g.total / whole;
  }
  const other = sortBy === 'self' ? 'total' : 'self';
  used.sort(
    (a, b) =>
      b[sortBy] - a[sortBy] || b[other] - a[other] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return opts.limit === undefined ? used : used.slice(0, opts.limit);
}
