/**
 * What the memory chart (render/memory-chart.ts) draws for one result: each measured series, the
 * curve of the model behind its verdict over the analysed range, the warm-up cut, a band for when a
 * server's load ran, and the title and subtitle that state the verdicts (the title with the growth
 * per 1,000 requests under load). Computed here, with the analysis, so the renderer only draws.
 */
import type { ChartBand, ChartedMetric, MemoryChartData, MemoryChartLine } from '../render/memory-chart.js';
import { formatBytes } from '../util/bytes.js';
import type { GrowthKind, GrowthVerdict } from './classify.js';
import { chosenModel, modelCurve } from './model-curve.js';
import type { MemoryResult, MetricVerdict } from './result.js';
import { seriesOf } from './series.js';

/** The series a chart can hold, in drawing order, with the label used when a metric has no verdict. */
const LINES: { metric: ChartedMetric; label: string }[] = [
  { metric: 'rss', label: 'RSS (process tree)' },
  { metric: 'heapUsed', label: 'V8 heap used' },
  { metric: 'external', label: 'external + array buffers' },
];

const SEVERITY: GrowthKind[] = ['insufficient data', 'stable', 'linear', 'exponential'];

const signedBytes = (bytes: number): string => `${bytes > 0 ? '+' : ''}${formatBytes(bytes)}`;
const signedRate = (bytesPerSec: number): string => `${signedBytes(bytesPerSec)}/s`;

/** `linear, +51.2 KB/s`, `exponential, doubling every 4.9 s`, `insufficient data`. */
function verdictPhrase(verdict: GrowthVerdict): string {
  if (verdict.verdict === 'insufficient data') return verdict.verdict;
  if (verdict.verdict === 'exponential' && verdict.doublingTimeSec !== undefined)
    return `exponential, doubling every ${verdict.doublingTimeSec.toFixed(1)} s`;
  return `${verdict.verdict}, ${signedRate(verdict.slopeBytesPerSec)}`;
}

/** The most severe metric verdict, which the title states. */
function worstMetric(metrics: readonly MetricVerdict[]): MetricVerdict | undefined {
  let worst: MetricVerdict | undefined;
  for (const m of metrics)
    if (worst === undefined || SEVERITY.indexOf(m.verdict.verdict) > SEVERITY.indexOf(worst.verdict.verdict))
      worst = m;
  return worst;
}

/** `memory/leaky: linear, +186.0 KB/s, +1.95 MB/1k requests (V8 heap used)`: short, as titles must be. */
function titleOf(result: Pick<MemoryResult, 'metrics' | 'suite' | 'workload'>): string {
  const name = `${result.suite}/${result.workload}`;
  const worst = worstMetric(result.metrics);
  if (worst === undefined) return `${name}: memory (not classified)`;
  const perRequests = worst.verdict.slopeBytesPer1kRequests;
  const grows = worst.verdict.verdict === 'linear' || worst.verdict.verdict === 'exponential';
  const extra = grows && perRequests !== undefined ? `, ${signedBytes(perRequests)}/1k requests` : '';
  return `${name}: ${verdictPhrase(worst.verdict)}${extra} (${worst.label})`;
}

/** The chart's data for one workload's samples and verdicts (and its load, for a server). */
export function memoryChartData(
  result: Pick<MemoryResult, 'samples' | 'metrics' | 'suite' | 'workload'> &
    Pick<Partial<MemoryResult>, 'load'>,
): MemoryChartData {
  const lines: MemoryChartLine[] = [];
  let warmupSec: number | undefined;
  for (const { metric, label } of LINES) {
    const points = seriesOf(result.samples, metric);
    if (points.length === 0) continue;
    const verdict = result.metrics.find((m) => m.metric === metric);
    const line: MemoryChartLine = { metric, label: verdict?.label ?? label, points };
    const evidence = verdict?.verdict.evidence;
    const fit = verdict ? chosenModel(verdict.verdict) : undefined;
    const origin = evidence?.envelope[0]?.t;
    const end = points[points.length - 1]?.t;
    if (evidence && fit && origin !== undefined && end !== undefined && end > evidence.analysedFromSec) {
      line.model = modelCurve(fit, origin, evidence.analysedFromSec, end);
    }
    if (evidence && warmupSec === undefined) warmupSec = evidence.analysedFromSec;
    lines.push(line);
  }
  const data: MemoryChartData = {
    title: titleOf(result),
    subtitle: result.metrics.map((m) => `${m.label}: ${verdictPhrase(m.verdict)}`).join(' · '),
    lines,
  };
  if (warmupSec !== undefined) data.warmupSec = warmupSec;
  if (result.load) {
    const band: ChartBand = { fromSec: result.load.startSec, toSec: result.load.endSec, label: 'load' };
    data.bands = [band];
  }
  return data;
}
