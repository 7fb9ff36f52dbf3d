/**
 * Which functions a change of speed comes from: for every function on either side, its self time
 * and its total time per run, before and after, the difference, and whether that difference is
 * real. A difference of two single profiles is mostly sampling noise, so with several runs a side
 * each function's share of each run is tested (Welch's t-test, src/stats/welch.ts; shares, because a
 * machine busy with other work stretches whole runs) and the p-values of all functions adjusted
 * together (Benjamini–Hochberg, src/stats/adjust.ts): with hundreds of functions tested at once, an
 * unadjusted 0.05 would name about one unchanged function in twenty.
 *
 * A function is named a cause (`verdict: 'slower'`) only when, besides the adjusted p < alpha, its
 * change is big enough to matter: at least `minRelativeChange` of its own time (a machine a few %
 * slower all over moves every function a little, and with many runs even that is significant), at
 * least `minShareOfTotal` of a run and `minSamples` samples a run (or `minChange`), and its share of
 * the run moved the same way. There is no floor on the share of the regression: a regression
 * spread over twenty small functions is twenty causes of 5% each, and each is named.
 */
import { adjustBenjaminiHochberg, moments, welchPValue } from '../stats/index.js';
import type { FunctionRuns, Normalize, SideRuns } from './function-runs.js';
import { matchFunctions } from './match.js';

export interface AttributionOptions {
  /** False-discovery rate of the adjusted test. @default 0.05 */
  alpha?: number;
  /** Smallest change of a function's own time, as a fraction of it, to name it. @default 0.1 */
  minRelativeChange?: number;
  /** Smallest change, as a fraction of a baseline run's total, to name a function. @default 0.005 */
  minShareOfTotal?: number;
  /**
   * Smallest change, in samples per run, to name a function: a function sampled once in every run of
   * one side and never in the other is "certain" to the test (both sides constant) yet is one
   * sample, e.g. a start-up read that fell on a sample in one set of runs. @default 3
   */
  minSamples?: number;
  /**
   * The regression being explained, in the reported unit per run, which sets `shareOfRegression`;
   * `profiled`: how much bigger the current side's runs are than the baseline's (no share when they
   * are not bigger), so that the shares are of the very runs the functions' times come from.
   */
  regression?: number | 'profiled';
  /**
   * Smallest change in the reported unit to name a function, for profiles whose samples are not
   * counted: a heap profile's sampling interval (0.39 MB for three of the memory agent's). @default 0
   */
  minChange?: number;
}

export const ATTRIBUTION_DEFAULTS = {
  alpha: 0.05,
  minRelativeChange: 0.1,
  minShareOfTotal: 0.005,
  minSamples: 3,
  minChange: 0,
} as const;

/** `slower` and `faster` are named changes (significant and big enough); `unchanged` is the rest. */
export type ChangeVerdict = 'slower' | 'faster' | 'unchanged';

/** One function's change, by self or by total time; figures are means per run in the attribution's unit. */
export interface FunctionChange {
  function: string;
  /** Its file on the current side (on the baseline side for a function that is gone). */
  file?: string;
  line?: number;
  /** Its file in the baseline, when it was matched across a move or rename. */
  baselineFile?: string;
  baseline: number;
  current: number;
  delta: number;
  /** delta / the regression explained; null when no regression was given. */
  shareOfRegression: number | null;
  /**
   * Benjamini–Hochberg adjusted p-value; null when a side has fewer than two runs, or when the
   * function is too small for any change of it to be named (not tested).
   */
  p: number | null;
  verdict: ChangeVerdict;
}

export interface Attribution {
  /** `ms`, `samples`, `MB`, or `%` (of each run's total) when normalised per sample. */
  unit: string;
  normalize: Normalize;
  baselineRuns: number;
  currentRuns: number;
  /** Mean total per run on each side. */
  baselineTotal: number;
  currentTotal: number;
  regression: number | null;
  /** Whether the sides had runs enough for the test; without it nothing is named. */
  tested: boolean;
  /** Every function whose self time changed, the largest change (either way) first. */
  bySelf: FunctionChange[];
  /** The same by total time (the function and what it calls). */
  byTotal: FunctionChange[];
}

const mean = (values: number[]) => (values.length === 0 ? 0 : moments(values).mean);

function figures(
  pairs: ReturnType<typeof matchFunctions>,
  pick: 'self' | 'total',
  base: SideRuns,
  next: SideRuns,
  regression: number | undefined,
  options: Required<Omit<AttributionOptions, 'regression'>>,
): FunctionChange[] {
  const tested = base.runs >= 2 && next.runs >= 2;
  const zeros = (runs: number) => new Array<number>(runs).fill(0);
  const rows = pairs.map(({ base: b, next: n }) => {
    const baseRuns = b ? b[pick] : zeros(base.runs);
    const nextRuns = n ? n[pick] : zeros(next.runs);
    const shown = (n ?? b) as FunctionRuns;
    const row: FunctionChange = {
      function: shown.name,
      baseline: mean(baseRuns),
      current: mean(nextRuns),
      delta: mean(nextRuns) - mean(baseRuns),
      shareOfRegression: null,
      p: null,
      verdict: 'unchanged',
    };
    if (shown.file !== undefined) row.file = shown.file;
    if (shown.line !== undefined) row.line = shown.line;
    if (b && n && b.file !== n.file && b.file !== undefined) row.baselineFile = b.file;
    if (regression !== undefined && regression !== 0) row.shareOfRegression = row.delta / regression;
    return { row, baseRuns, nextRuns };
  });
  const changed = rows.filter(({ row }) => row.delta !== 0);
  if (tested && changed.length > 0) {
    const baselineTotal = mean(base.totals);
    const floor = Math.max(
      options.minShareOfTotal * baselineTotal,
      options.minSamples * Math.max(base.sampleValue, next.sampleValue),
      options.minChange,
    );
    // Only functions big enough that a change past the floor is possible are tested: twice their
    // mean over both sides' runs at least the floor. The filter reads no difference between the
    // sides, so the adjusted p-values stay valid (Bourgon, Gentleman & Huber, "Independent
    // filtering increases detection power for high-throughput experiments", PNAS 107(21), 2010),
    // and the dozens of start-up functions sampled once or twice no longer dilute the adjustment.
    const testable = changed.filter(
      ({ baseRuns, nextRuns }) => 2 * mean([...baseRuns, ...nextRuns]) >= floor,
    );
    // The test is on each run's share of its run's total, not on its milliseconds: a run slowed by
    // other work on the machine stretches every function of it alike, which per-run figures carry
    // as noise wide enough to hide a real change (a function at 0 ms in the baseline and 246-538 ms
    // a run now went unnamed at p = 0.10 on a busy 2-core VM) and which shares cancel (p = 0.0002
    // on the same files). The size floors above stay on the figures themselves.
    const shares = (runs: number[], totals: number[]) =>
      runs.map((v, i) => ((totals[i] as number) > 0 ? v / (totals[i] as number) : 0));
    const adjusted = adjustBenjaminiHochberg(
      testable.map(({ baseRuns, nextRuns }) =>
        welchPValue(shares(baseRuns, base.totals), shares(nextRuns, next.totals)),
      ),
    );
    testable.forEach(({ row, baseRuns, nextRuns }, i) => {
      row.p = adjusted[i] as number;
      const bigEnough =
        Math.abs(row.delta) >= floor && Math.abs(row.delta) >= options.minRelativeChange * row.baseline;
      // The share must move the way the figure does: a function whose time stayed while the rest of
      // the run got faster holds a bigger share, and is no cause.
      const shareChange = mean(shares(nextRuns, next.totals)) - mean(shares(baseRuns, base.totals));
      const agrees = Math.sign(shareChange) === Math.sign(row.delta);
      if (row.p < options.alpha && bigEnough && agrees) row.verdict = row.delta > 0 ? 'slower' : 'faster';
    });
  }
  return changed
    .map(({ row }) => row)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.function < b.function ? -1 : 1));
}

/** How every function changed from `base` to `next` (each a side's per-run figures, in one unit). */
export function attribute(
  base: SideRuns,
  next: SideRuns,
  unit: string,
  normalize: Normalize,
  options: AttributionOptions = {},
): Attribution {
  const settings = { ...ATTRIBUTION_DEFAULTS, ...options };
  const pairs = matchFunctions(base.functions, next.functions);
  const profiled = mean(next.totals) - mean(base.totals);
  const regression =
    options.regression === 'profiled' ? (profiled > 0 ? profiled : undefined) : options.regression;
  return {
    unit,
    normalize,
    baselineRuns: base.runs,
    currentRuns: next.runs,
    baselineTotal: mean(base.totals),
    currentTotal: mean(next.totals),
    regression: regression ?? null,
    tested: base.runs >= 2 && next.runs >= 2,
    bySelf: figures(pairs, 'self', base, next, regression, settings),
    byTotal: figures(pairs, 'total', base, next, regression, settings),
  };
}

/** The functions named as causes of a slowdown, largest first. */
export function causes(changes: readonly FunctionChange[]): FunctionChange[] {
  return changes.filter((c) => c.verdict === 'slower').sort((a, b) => b.delta - a.delta);
}
