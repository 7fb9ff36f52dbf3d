/**
 * Growth per request, in words: for a server under the built-in load, the metric whose growth names
 * the leak and the sentence every summary uses ("V8 heap used grows about 1.9 MB per 1,000
 * requests"), so the terminal, memory_summary.md and the chart say it the same way.
 */
import { formatBytes } from '../util/bytes.js';
import type { MetricVerdict } from './result.js';

/** Which metric speaks for a leak per request: the V8 figures first (they count what the program holds), as overall.ts. */
const PREFERENCE = ['heapUsed', 'external', 'rss'];

/** Bytes to two significant figures, decimal units: `1.9 MB`, `2.0 MB`, `190 KB`, `850 B`. */
export function aboutBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  const [value, unit] = abs >= 1e6 ? [bytes / 1e6, 'MB'] : abs >= 1e3 ? [bytes / 1e3, 'KB'] : [bytes, 'B'];
  if (unit === 'B') return `${Math.round(value)} B`;
  // toPrecision alone writes 190 as "1.9e+2".
  const rounded = Number(value.toPrecision(2));
  return `${Math.abs(rounded) >= 10 ? String(rounded) : rounded.toFixed(1)} ${unit}`;
}

/** `+1.95 MB per 1,000 requests`: the figure beside a per-second rate. */
export function per1kRequests(bytes: number): string {
  return `${bytes > 0 ? '+' : ''}${formatBytes(bytes)} per 1,000 requests`;
}

/**
 * The metric that grows linearly with a rate per 1,000 requests (a V8 figure before RSS), or
 * undefined when none does: a stable server, or no built-in load.
 */
export function leakPerRequest(metrics: readonly MetricVerdict[]): MetricVerdict | undefined {
  const growing = metrics.filter(
    (m) =>
      m.verdict.verdict === 'linear' &&
      m.verdict.slopeBytesPer1kRequests !== undefined &&
      m.verdict.slopeBytesPer1kRequests > 0,
  );
  return growing.sort((a, b) => PREFERENCE.indexOf(a.metric) - PREFERENCE.indexOf(b.metric))[0];
}

/** `V8 heap used grows about 1.9 MB per 1,000 requests`, or undefined (see `leakPerRequest`). */
export function leakPerRequestSentence(metrics: readonly MetricVerdict[]): string | undefined {
  const metric = leakPerRequest(metrics);
  const bytes = metric?.verdict.slopeBytesPer1kRequests;
  if (metric === undefined || bytes === undefined) return undefined;
  return `${metric.label} grows about ${aboutBytes(bytes)} per 1,000 requests`;
}
