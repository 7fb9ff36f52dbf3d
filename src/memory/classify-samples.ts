/**
 * Classifies one metric of recorded memory samples and, when the samples carry a count of work done
 * (iterations the workload reported through the probe, responses a server gave its load), expresses
 * the growth per unit of that work too: "40 KB per request" points at the leak more directly than
 * "40 KB/s" when the request rate varies between runs.
 */
import { classifyGrowth, type GrowthVerdict } from './classify.js';
import type { ClassifyOptions } from './options.js';
import { type MemoryMetric, type MemorySample, seriesOf } from './series.js';
import { mannKendall, theilSen } from './trend.js';

/** The cumulative counts a sample can carry. */
export type WorkCount = 'iteration' | 'requests';

/**
 * Units of `count` per second over the analysed part of the run (Theil–Sen, so a stall or a burst
 * does not dominate), or undefined when fewer than two samples there carry the count or none progress.
 */
export function countRate(
  samples: readonly MemorySample[],
  count: WorkCount,
  fromSec: number,
): number | undefined {
  const points: { t: number; v: number }[] = [];
  for (const s of samples) {
    const v = s[count];
    if (s.t >= fromSec && v !== undefined && Number.isFinite(v)) points.push({ t: s.t, v });
  }
  if (points.length < 2 || new Set(points.map((p) => p.t)).size < 2) return undefined;
  const fit = theilSen(points, mannKendall(points.map((p) => p.v)).varS, 0.95);
  return fit.slope > 0 ? fit.slope : undefined;
}

/**
 * Per-metric defaults under the caller's options. RSS rises in steps as V8 and the allocator take
 * pages (code space, arenas) without the program holding more: on the demo's `watcher`, 2.6 MB (2.3%)
 * over 30 s while its heap after forced full collections stayed flat. RSS must therefore grow by 5%
 * to count; the V8 figures keep the 2% of the defaults (docs/memory-method.md).
 */
const METRIC_DEFAULTS: Partial<Record<MemoryMetric, Partial<ClassifyOptions>>> = {
  rss: { minRelativeGrowth: 0.05 },
};

/**
 * The verdict for `metric` of `samples`, with `slopeBytesPerIteration` when iterations were reported
 * and `slopeBytesPer1kRequests` when a load's responses were counted: the slope divided by the rate of
 * that count over the same analysed part of the run. The verdict itself never depends on them.
 */
export function classifySamples(
  samples: readonly MemorySample[],
  metric: MemoryMetric = 'rss',
  opts: Partial<ClassifyOptions> = {},
): GrowthVerdict {
  const verdict = classifyGrowth(seriesOf(samples, metric), { ...METRIC_DEFAULTS[metric], ...opts });
  if (verdict.verdict === 'insufficient data') return verdict;
  const fromSec = verdict.evidence?.analysedFromSec ?? Number.NEGATIVE_INFINITY;
  const iterations = countRate(samples, 'iteration', fromSec);
  if (iterations !== undefined) verdict.slopeBytesPerIteration = verdict.slopeBytesPerSec / iterations;
  const requests = countRate(samples, 'requests', fromSec);
  if (requests !== undefined) verdict.slopeBytesPer1kRequests = (1000 * verdict.slopeBytesPerSec) / requests;
  return verdict;
}
