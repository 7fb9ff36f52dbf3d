/**
 * What the CLI and the benchmark harness (a child process) say to each other: the request given on
 * the harness's command line, the JSON result file it writes, and the pure pieces both sides share
 * (which functions a filter picks, how many samples are kept).
 */
import { UserError } from '../../util/user-error.js';

/** The harness's one argument, as JSON. */
export interface HarnessRequest {
  /** Absolute path of the benchmark module. */
  file: string;
  /** Milliseconds tinybench spends measuring each function (after its warm-up). */
  timeMs: number;
  /** Patterns; a function runs when one matches its group name or "group/name". None: run all. */
  filters: string[];
  /** "group/name" keys the config sets targets for: each must name a function of the module. */
  targetKeys: string[];
  /** Where the result goes, rewritten after every function so a timeout keeps what finished. */
  out: string;
}

/** One benchmarked function. Failures are results too: `error` set, no samples. */
export interface BenchFunctionResult {
  group: string;
  name: string;
  state: 'ok' | 'error';
  /** Per-call latencies in ms, ascending (tinybench sorts them); at most MAX_KEPT_SAMPLES. */
  samples: number[];
  /** Calls tinybench measured; more than `samples.length` when only a subset was kept. */
  sampleCount: number;
  /** True when `samples` is an evenly spaced subset of the sorted latencies (see keepEvenlySpaced). */
  subsampled: boolean;
  /** tinybench's own figures over every sample: mean throughput (ops/s), mean and p99 latency (ms), rme (%). */
  tinybench?: { opsPerSecond: number; mean: number; p99: number; rme: number };
  /** What the function (or its group's setup/teardown) threw: message, with the stack when there is one. */
  error?: string;
}

/** The file the harness writes. `problem` set means nothing was run (a user error to report). */
export interface HarnessResult {
  /** Every group of the module with its function names, for error messages. */
  groups: Record<string, string[]>;
  /** The functions selected by the filters, in run order, as "group/name". */
  selected: string[];
  results: BenchFunctionResult[];
  problem?:
    | { kind: 'load-error'; message: string }
    | { kind: 'not-defined'; exported: string }
    | { kind: 'unmatched'; filters: string[]; unknownTargets: string[] };
  /** Set once every selected function has run. */
  done: boolean;
}

/** Above this many samples, a function keeps an evenly spaced subset (tinybench can take millions). */
export const MAX_KEPT_SAMPLES = 10_000;

/**
 * At most `max` values of an ascending array, evenly spaced by rank and always including the
 * first and last: the kept values are quantiles of the whole, so medians and percentiles computed
 * from them stay within one step of rank of the full sample's.
 */
export function keepEvenlySpaced(sorted: readonly number[], max = MAX_KEPT_SAMPLES): number[] {
  if (sorted.length <= max) return [...sorted];
  if (max === 1) return [sorted[0] as number];
  const step = (sorted.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => sorted[Math.round(i * step)] as number);
}

/** A filter as a predicate: `/regex/flags` is a regular expression, anything else a substring. */
export function compilePattern(pattern: string): (text: string) => boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (!regex) return (text) => text.includes(pattern);
  try {
    // Without g and y, test() keeps no state between calls.
    const compiled = new RegExp(regex[1] as string, regex[2]?.replace(/[gy]/g, ''));
    return (text) => compiled.test(text);
  } catch (error) {
    throw new UserError(
      `benchmark filter ${pattern} is not a valid regular expression (${(error as Error).message}); ` +
        'write /.../ around a regular expression, or a plain substring of "group/name"',
      { cause: error },
    );
  }
}

/**
 * The functions `filters` pick from `groups`, as "group/name" in definition order, and the filters
 * that picked nothing. A filter matches a function when it matches its group's name (the whole
 * group) or its "group/name".
 */
export function selectBenchmarks(
  groups: Record<string, string[]>,
  filters: readonly string[],
): { selected: string[]; unmatched: string[] } {
  const all = Object.entries(groups).flatMap(([group, names]) => names.map((name) => ({ group, name })));
  if (filters.length === 0) return { selected: all.map((f) => `${f.group}/${f.name}`), unmatched: [] };
  const predicates = filters.map(compilePattern);
  const matches = (test: (text: string) => boolean, f: { group: string; name: string }) =>
    test(f.group) || test(`${f.group}/${f.name}`);
  return {
    selected: all.filter((f) => predicates.some((p) => matches(p, f))).map((f) => `${f.group}/${f.name}`),
    unmatched: filters.filter(
      (_, i) => !all.some((f) => matches(predicates[i] as (t: string) => boolean, f)),
    ),
  };
}

/** "render: simple, medium; parse: small" for error messages. */
export function describeGroups(groups: Record<string, string[]>): string {
  const entries = Object.entries(groups);
  return entries.length === 0
    ? '(none)'
    : entries.map(([group, names]) => `${group}: ${names.join(', ')}`).join('; ');
}
