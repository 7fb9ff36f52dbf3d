/**
 * What the history's trends are, as the report page draws them (PageData's `history`): the runs,
 * each measurement's series with its marked moves, and what moved since the last run. Owned here,
 * where trends.ts computes them; the page data (src/report/page-data.ts) embeds them.
 */

/** One run in the history (src/history/), as the page lists it. */
export interface HistoryRun {
  /** The record's id (unique across machines). */
  id: string;
  /** When the run started, ISO 8601. */
  t: string;
  command: 'cpu' | 'memory' | 'validate';
  /** The machine's label (history/series.ts machineLabel): its name, or hardware and platform. */
  machine: string;
  /** Full commit hash, branch and dirty flag, when the run was in a git repository. */
  commit?: string;
  branch?: string;
  dirty?: boolean;
  /** Ctrl-C stopped the run: it holds only what was measured before. */
  interrupted?: boolean;
}

/** A point of a trend: [index into `runs`, median] or, where the run had a spread, [run, median, p95]. */
export type HistoryTrendPoint = [run: number, median: number] | [run: number, median: number, p95: number];

/** One measurement's trend over runs on one machine (a measurement run on two machines has two). */
export interface HistorySeries {
  /** The measurement id (`commands/dry_run:wall`, `cpu:toml_parse/large:wall`, `memory:x/y:peakRss`). */
  id: string;
  unit: string;
  /** Which way is better: `higher` only for requests per second. */
  better: 'lower' | 'higher';
  machine: string;
  /** Oldest first. */
  points: HistoryTrendPoint[];
  /** Points whose change from the point before passed the noise band (history/change-rule.ts). */
  marks: { run: number; verdict: 'regressed' | 'improved'; change: number; band: number }[];
}

/** How a measurement moved since the run before (history/trends.ts). */
export type HistoryMoveVerdict =
  | 'regressed'
  | 'improved'
  | 'within noise'
  | 'not comparable'
  | 'new'
  | 'gone';

/**
 * One row of "since the last run": a measurement in the last run that covered it, against the run
 * before it on the same machine. `new`: no earlier run had it; `gone`: the last run covered it (its
 * workload or suite ran) but has no value (failed, or removed).
 */
export interface HistoryMove {
  id: string;
  machine: string;
  unit: string;
  verdict: HistoryMoveVerdict;
  /** Index into `runs` of the last run that covered the measurement. */
  afterRun: number;
  /** Index of the run it is compared with; absent for `new`. */
  beforeRun?: number;
  /** Medians; `before` absent for `new`, `after` absent for `gone`. */
  before?: number;
  after?: number;
  /** after / before - 1 in %, and the noise band it was judged against, in %; absent where there is no change to judge. */
  change?: number;
  band?: number;
}

/** The run history: empty lists when there is none. */
export interface HistoryData {
  /** Every run, oldest first; points and moves refer to them by index. */
  runs: HistoryRun[];
  series: HistorySeries[];
  /** Regressions first, then improvements, new, gone, not comparable, within noise; bigger changes first. */
  moved: HistoryMove[];
  /** How a regression is told from noise, in a sentence for the page. */
  rule: string;
}
