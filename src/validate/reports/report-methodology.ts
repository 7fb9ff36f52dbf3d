/**
 * The methodology section of the validate report: how many runs each kind of measurement had, its
 * warm-up, how every statistic and verdict was computed, and where the run happened. The counts and
 * settings come from the result; the method text names what src/stats/ implements, with the
 * parameters (confidence, noise band, outlier cut-off, gate) the run actually used.
 */
import { mdCode, mdText } from '../../render/markdown.js';
import { IGLEWICZ_HOAGLIN_THRESHOLD } from '../../stats/index.js';
import { formatUtc, plural } from '../../util/words.js';
import type { Measurement, ValidateResult } from '../measurement.js';

const KIND_LABEL: Record<Measurement['kind'], string> = {
  command: 'command timings (a fresh process per run)',
  load: 'server load (rps and latency, per run)',
  probe: 'probe measures (one sample per report)',
  benchmark: 'in-process benchmarks (tinybench, one sample per timed call)',
  'journey-step': 'journey steps (one sample per journey run)',
  journey: 'whole journeys',
  'sweep-point': 'sweep sizes',
};

/**
 * Warm-up runs thrown away before measuring, when the runner recorded them on the measurement. The
 * field is optional so results from runners that do not record it still render (as "not recorded").
 */
type WithWarmup = Measurement & { warmup?: number };

function range(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? String(lo) : `${lo} to ${hi}`;
}

function perKind(result: ValidateResult, value: (m: WithWarmup) => number | undefined): string[] {
  const byKind = new Map<Measurement['kind'], number[]>();
  for (const m of result.measurements as WithWarmup[]) {
    const v = value(m);
    if (v !== undefined) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), v]);
  }
  return [...byKind].map(([kind, values]) => `${KIND_LABEL[kind]}: ${range(values)}`);
}

function distinct(values: number[]): string {
  return [...new Set(values)].sort((a, b) => a - b).join(', ');
}

function comparisonLines(result: ValidateResult, failOnRegressionPct: number | undefined): string[] {
  const comparisons = result.baseline?.comparisons ?? [];
  if (comparisons.length === 0) return [];
  const higher = comparisons.some((c) => c.comparison.better === 'higher')
    ? ' Requests per second are better higher: for them a drop is the regression (and what the gate measures), a rise the improvement.'
    : '';
  const confidence = distinct(comparisons.map((c) => Number((c.comparison.confidence * 100).toPrecision(6))));
  const alpha = distinct(comparisons.map((c) => Number((1 - c.comparison.confidence).toPrecision(3))));
  const noise = distinct(comparisons.map((c) => Number((c.comparison.noiseThreshold * 100).toPrecision(6))));
  const gate =
    failOnRegressionPct === undefined
      ? 'No regression gate was set: regressions are reported but do not change the exit code.'
      : `Gate: a "regressed" measurement whose change exceeds ${failOnRegressionPct}% fails the run (exit code 1).`;
  return [
    `- Baseline comparison (criterion's rule): Welch's t-test (unequal variances) on the two samples' means; ` +
      `significant when p < ${alpha}. The ${confidence}% interval of the change is Welch's interval of the ` +
      `difference divided by the baseline mean. A significant change counts as regressed or improved only when ` +
      `that interval lies entirely outside the noise band of ±${noise}%, else "within noise"; not significant ` +
      `is "no change". ${gate}${higher}`,
  ];
}

/** The `## Methodology` lines. */
export function methodologySection(
  result: ValidateResult,
  failOnRegressionPct: number | undefined,
): string[] {
  // A pooled latency's summary counts requests; its runs are its samples.
  const runs = perKind(result, (m) => (m.pooled ? m.samples.length : m.summary?.n));
  const checks = result.measurements.flatMap((m) => m.targets);
  const warmups = perKind(result, (m) => m.warmup);
  const { machine } = result;
  const lines = [
    '## Methodology',
    '',
    `- Runs per measurement: ${runs.length > 0 ? runs.join('; ') : 'none'}.`,
    `- Warm-up runs (not measured): ${warmups.length > 0 ? warmups.join('; ') : 'not recorded in this result'}.`,
    "- Percentiles (p50, p95, p99): R's type 7, linear interpolation between order statistics (numpy's default). " +
      "Standard deviation with n − 1. Mean ± 95% confidence interval by Student's t with n − 1 degrees of " +
      'freedom (none for a single run).',
    `- Outliers: modified z-score (Iglewicz & Hoaglin) above ${IGLEWICZ_HOAGLIN_THRESHOLD}, from the median and ` +
      'the median absolute deviation; flagged in the tables, never removed.',
    '- Targets: pass at or under the limit, warn up to limit × (1 + tolerance), fail above.' +
      (checks.some((t) => t.bound === 'min')
        ? ' A `min` target (rps) the other way: pass at or above it, warn down to limit × (1 − tolerance), fail below.'
        : ''),
    ...comparisonLines(result, failOnRegressionPct),
  ];
  if (result.measurements.some((m) => m.kind === 'load')) {
    lines.push(
      '- Servers under load: every run (warm-ups too) started the server, waited until it was ready, ran ' +
        'its load and stopped it. rps: one sample per run, its responses per second of load time. latency: ' +
        "the summary is of every response of every measured run, from the runs' merged HDR histograms " +
        '(values in µs with 3 significant digits: exact to 1 µs up to 2 ms, within 0.1% above; percentiles ' +
        "nearest-rank), n is the number of requests; its comparison with a baseline is on each run's p50 " +
        "and each run's p99. A run whose load got connection errors, timeouts or non-2xx responses failed.",
    );
  }
  if (result.sweeps.length > 0) {
    lines.push(
      '- Scalability: value = c × size^b fitted by least squares on the logarithms of every run; the ' +
        "exponent's 95% interval by Student's t. Named constant (b < 0.2 and the interval reaches 0), " +
        'linear (the interval contains 1), superlinear (above 1) or sublinear (between).',
    );
  }
  lines.push(
    `- Machine: ${machine.cpus} × ${mdText(machine.cpuModel)}, ${machine.memoryGb} GB memory, ${mdText(machine.os)}; ` +
      `Node ${mdText(machine.node)}.`,
    `- Started ${formatUtc(new Date(result.startedAt))}, finished ${formatUtc(new Date(result.finishedAt))}` +
      `${result.interrupted ? ' (interrupted)' : ''}; ${plural(result.measurements.length, 'measurement')} ` +
      `from ${mdCode(result.config)}.`,
  );
  return lines;
}
