/**
 * Exports of a validate run for continuous-benchmarking services, and the GitHub step summary.
 *
 * - github-action-benchmark, `tool: customSmallerIsBetter`: an array of `{ name, unit, value, range?,
 *   extra? }` (the action's BenchmarkResult; `range` and `extra` are free text it shows in tooltips).
 *   The action reads one direction per file, so what is better bigger (a server's rps) goes to a
 *   second file of the same shape, for `tool: customBiggerIsBetter`.
 * - Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format):
 *   `{ "<benchmark>": { "<measure>": { value, lower_value?, upper_value? } } }`. Bencher's built-in
 *   `latency` measure is in nanoseconds, so milliseconds are multiplied by 1e6. Memory (MB) has no
 *   built-in measure: it goes to a custom measure `memory-mb`, which Bencher creates on first upload
 *   (its unit, MB = 10^6 bytes, can be set in the Bencher console). Requests per second go to
 *   Bencher's built-in `throughput` measure (operations per second, better higher).
 *
 * Both take the mean, with its 95% confidence interval as the range / lower and upper values: the
 * same statistic the baseline comparison tests. Benchmark names are measurement ids
 * (`commands/dry_run:wall`), stable across runs. Measurements without samples are left out.
 */
import { appendFile } from 'node:fs/promises';
import type { Better } from '../../stats/index.js';
import { plural } from '../../util/words.js';
import { betterOf, type Measurement, type ValidateResult } from '../measurement.js';
import { formatMeasure } from './format.js';

/** One entry of github-action-benchmark's custom JSON. */
export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  /** `± <half-width of the 95% CI>`, in `unit`. */
  range?: string;
  /** Tooltip text: runs, median, p95, min and max. */
  extra?: string;
}

/** One Bencher metric. */
export interface BencherMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** Bencher Metric Format: benchmark name → measure slug → metric. */
export type BencherBmf = Record<string, Record<string, BencherMetric>>;

/** The custom measure memory goes to (Bencher's `latency` is for times only). */
export const BENCHER_MEMORY_MEASURE = 'memory-mb';

type Measured = Measurement & { summary: NonNullable<Measurement['summary']> };

function measured(result: ValidateResult): Measured[] {
  return result.measurements.filter((m): m is Measured => m.summary !== null);
}

/**
 * github-action-benchmark input: the mean of every measurement that is better `lower` (in ms or MB:
 * `customSmallerIsBetter`, the default), or better `higher` (req/s: `customBiggerIsBetter`).
 */
export function toGithubActionBenchmark(
  result: ValidateResult,
  better: Better = 'lower',
): GithubBenchmarkEntry[] {
  const chosen = measured(result).filter((m) => betterOf(m.unit) === better);
  return chosen.map((m) => {
    const s = m.summary;
    const entry: GithubBenchmarkEntry = { name: m.id, unit: m.unit, value: s.mean };
    if (s.meanCi95) entry.range = `± ${(s.meanCi95[1] - s.meanCi95[0]) / 2}`;
    const show = (v: number) => formatMeasure(v, m.unit);
    const n = m.pooled
      ? `${plural(m.samples.length, 'run')}, ${plural(m.pooled.requests, 'request')}`
      : plural(s.n, 'run');
    entry.extra = `${n}\nmedian ${show(s.median)}\np95 ${show(s.p95)}\nmin ${show(s.min)}\nmax ${show(s.max)}`;
    return entry;
  });
}

/** Bencher's built-in measure of operations per second: a server's requests per second. */
export const BENCHER_THROUGHPUT_MEASURE = 'throughput';

/** Each unit's Bencher measure and the factor from our unit to its. */
const BENCHER_MEASURES: Record<Measurement['unit'], [string, number]> = {
  ms: ['latency', 1e6],
  MB: [BENCHER_MEMORY_MEASURE, 1],
  'req/s': [BENCHER_THROUGHPUT_MEASURE, 1],
};

/**
 * Bencher Metric Format: times as `latency` in ns, memory as `memory-mb` in MB, requests per second
 * as `throughput`; mean with its 95% CI.
 */
export function toBencherBmf(result: ValidateResult): BencherBmf {
  const bmf: BencherBmf = {};
  for (const m of measured(result)) {
    const [measure, scale] = BENCHER_MEASURES[m.unit];
    const metric: BencherMetric = { value: m.summary.mean * scale };
    if (m.summary.meanCi95) {
      metric.lower_value = m.summary.meanCi95[0] * scale;
      metric.upper_value = m.summary.meanCi95[1] * scale;
    }
    bmf[m.id] = { ...bmf[m.id], [measure]: metric };
  }
  return bmf;
}

/** GitHub keeps at most 1 MiB of summary per step and drops a larger one entirely. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/**
 * Appends the report to the job summary when GITHUB_STEP_SUMMARY names a file (GitHub Actions sets
 * it per step); returns that path, or null outside Actions. Appending (not an atomic rewrite) is the
 * protocol: other steps' tools write to the same file. A report over the limit is cut, with a note.
 */
export async function appendStepSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return null;
  let text = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(text) > STEP_SUMMARY_LIMIT) {
    const note = '\n\n_(cut to fit the 1 MiB step-summary limit: the full report is in reports/)_\n';
    const room = STEP_SUMMARY_LIMIT - Buffer.byteLength(note);
    // Cut on a line boundary within the byte budget, so no table row or character is split.
    const bytes = Buffer.from(text).subarray(0, room).toString('utf8');
    text = `${bytes.slice(0, Math.max(0, bytes.lastIndexOf('\n')))}${note}`;
  }
  await appendFile(path, text);
  return path;
}
