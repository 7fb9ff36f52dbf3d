/**
 * Turns raw samples into a Measurement: summary, outliers and target checks. Every measurement kind
 * goes through here, so a statistic or a verdict is computed one way only.
 */
import type { Statistic, Target } from '../../config/schema.js';
import {
  evaluateTarget,
  flagOutliers,
  type Summary,
  summarize,
  type TargetBound,
} from '../../stats/index.js';
import type { Measurement, PooledLatency, TargetCheck } from '../measurement.js';

/**
 * A limit on one statistic, as the config states it (the metric is already chosen by the caller):
 * an upper `max` or a lower `min`, exactly one of them.
 */
export type Limit = {
  stat: Statistic;
  tolerance: number;
  component?: string | undefined;
} & ({ max: number; min?: undefined } | { min: number; max?: undefined });

/** A config target as a Limit (the schema guarantees exactly one of max and min). */
export function limitOf(target: Target): Limit {
  const base = { stat: target.stat, tolerance: target.tolerance, component: target.component };
  return target.min !== undefined ? { ...base, min: target.min } : { ...base, max: target.max as number };
}

/** Which side a limit bounds, and its value. */
function boundOf(limit: Limit): { bound: TargetBound; value: number } {
  return limit.min !== undefined ? { bound: 'min', value: limit.min } : { bound: 'max', value: limit.max };
}

/** What a measurer knows: the identity and raw samples; everything else is computed here. */
export interface MeasurementInput
  extends Pick<Measurement, 'suite' | 'name' | 'metric' | 'kind' | 'unit' | 'samples'> {
  limits?: Limit[];
  failures?: string[];
  /** Warm-up runs thrown away before the samples, where the kind has them. */
  warmup?: number;
  /**
   * A pooled measurement (a server's latency): the summary of every request, computed by the
   * caller from the merged histograms, and how it was pooled. Without it, the summary is of `samples`.
   */
  pooled?: { summary: Summary | null } & PooledLatency;
}

export function measurementId(suite: string, name: string, metric: string): string {
  return `${suite}/${name}:${metric}`;
}

/** The value of a named statistic in a summary (`p50` and `median` are one). */
export function statistic(summary: Summary, stat: Statistic): number {
  return summary[stat];
}

export function toMeasurement(input: MeasurementInput): Measurement {
  const { suite, name, metric, samples } = input;
  const summary = input.pooled ? input.pooled.summary : samples.length > 0 ? summarize(samples) : null;
  const failures = [...(input.failures ?? [])];
  const targets: TargetCheck[] = [];
  for (const limit of input.limits ?? []) {
    const component = limit.component ?? `${suite}/${name} ${metric}`;
    const { bound, value } = boundOf(limit);
    if (!summary) {
      const op = bound === 'max' ? '<=' : '>=';
      failures.push(`no samples to check "${component}" (${limit.stat} ${op} ${value} ${input.unit})`);
      continue;
    }
    const measured = statistic(summary, limit.stat);
    targets.push({
      component,
      stat: limit.stat,
      bound,
      limit: value,
      tolerance: limit.tolerance,
      measured,
      verdict: evaluateTarget(measured, value, limit.tolerance, bound),
    });
  }
  return {
    id: measurementId(suite, name, metric),
    suite,
    name,
    metric,
    kind: input.kind,
    unit: input.unit,
    samples,
    summary,
    outliers: samples.length >= 3 ? flagOutliers(samples).outlierIndices : [],
    targets,
    failures,
    ...(input.warmup === undefined ? {} : { warmup: input.warmup }),
    ...(input.pooled
      ? { pooled: { requests: input.pooled.requests, p99Samples: input.pooled.p99Samples } }
      : {}),
  };
}

/** "1-3, 5" for [5, 1, 2, 3]. */
function ranges(unsorted: number[]): string {
  const numbers = [...unsorted].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] as number) + 1) j++;
    parts.push(j > i ? `${numbers[i]}-${numbers[j]}` : `${numbers[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Runs that failed the same way said once: "warm-up 1 and runs 1-10: exited with code 9". */
function compressRunFailures(failures: string[]): string[] {
  const byReason = new Map<string, { warmups: number[]; runs: number[] }>();
  const other: string[] = [];
  for (const failure of failures) {
    const match = /^(warm-up|run) (\d+): ([\s\S]*)$/.exec(failure);
    if (!match) {
      other.push(failure);
      continue;
    }
    const entry = byReason.get(match[3] as string) ?? { warmups: [], runs: [] };
    (match[1] === 'run' ? entry.runs : entry.warmups).push(Number(match[2]));
    byReason.set(match[3] as string, entry);
  }
  const grouped = [...byReason].map(([reason, { warmups, runs }]) => {
    const labels = [
      warmups.length > 0 ? `warm-up${warmups.length > 1 ? 's' : ''} ${ranges(warmups)}` : '',
      runs.length > 0 ? `run${runs.length > 1 ? 's' : ''} ${ranges(runs)}` : '',
    ].filter(Boolean);
    return `${labels.join(' and ')}: ${reason}`;
  });
  return [...grouped, ...other];
}

/**
 * Failures per item (`suite/name`), each said once: a failed run is carried by every metric of its
 * workload (wall, user, sys, ...), and runs that failed the same way are listed together.
 */
export function failuresByItem(measurements: readonly Measurement[]): { item: string; failures: string[] }[] {
  const byItem = new Map<string, Set<string>>();
  for (const m of measurements) {
    if (m.failures.length === 0) continue;
    const item = `${m.suite}/${m.name}`;
    const set = byItem.get(item) ?? new Set<string>();
    for (const failure of m.failures) set.add(failure);
    byItem.set(item, set);
  }
  return [...byItem].map(([item, failures]) => ({ item, failures: compressRunFailures([...failures]) }));
}
