/**
 * The memory time series a run produces, and the plain `{ t, v }` points the classifier reads.
 *
 * The sampler (RSS from outside the process) and the agent (V8 heap figures from inside it) both
 * write `MemorySample`s; analysis picks one metric out of them with `seriesOf`.
 */

/** One reading of a workload's memory, as the sampler and the agent record it. */
export interface MemorySample {
  /** Seconds since the run started. */
  t: number;
  /** Resident set size, bytes. */
  rss: number;
  /** V8 heap in use, bytes (from the agent; absent when only RSS could be sampled). */
  heapUsed?: number;
  /** V8 heap reserved, bytes. */
  heapTotal?: number;
  /** Memory of C++ objects bound to JavaScript objects, bytes. */
  external?: number;
  /** Memory of ArrayBuffers and SharedArrayBuffers (included in `external`), bytes. */
  arrayBuffers?: number;
  /** Iterations the workload had completed at this time, when it reports them through the probe. */
  iteration?: number;
  /**
   * Responses a server had given the built-in load by this time (cumulative, 0 before the load), when
   * it ran under load; read from the load's timeline.
   */
  requests?: number;
}

/** The numeric fields of a sample that can be classified. */
export type MemoryMetric = 'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers';

/** One point of a series: `t` in seconds, `v` in bytes; the classifier's only input shape. */
export interface SeriesPoint {
  t: number;
  v: number;
}

/** Extracts one metric as points, skipping samples that lack it or hold a non-finite value. */
export function seriesOf(samples: readonly MemorySample[], metric: MemoryMetric): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const sample of samples) {
    const v = sample[metric];
    if (v !== undefined && Number.isFinite(v) && Number.isFinite(sample.t)) points.push({ t: sample.t, v });
  }
  return points;
}
