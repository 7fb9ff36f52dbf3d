/**
 * The memory chart of one workload: a self-contained SVG (no script, no external resources) of RSS,
 * V8 heap used and external memory over time, each with the fitted model of its verdict dashed over
 * the analysed range, the warm-up cut, round-number axes and a legend. Deterministic: the same
 * result gives the same bytes, so it is tested against golden files.
 */
import type { GrowthKind, GrowthVerdict } from '../memory/classify.js';
import { formatBytes } from '../memory/classify.js';
import { chosenModel, modelCurve } from '../memory/model-curve.js';
import type { MemoryResult, MetricVerdict } from '../memory/result.js';
import { type MemoryMetric, seriesOf } from '../memory/series.js';
import { decimate, fitWidth, type LegendEntry, layoutLegend, legendMarkup, num } from './chart-parts.js';
import { niceAxis } from './chart-ticks.js';
import { escapeXml } from './flamegraph/escape.js';

/** Size of the chart; everything else is laid out from it. */
export interface MemoryChartOptions {
  /** @default 800 */
  width: number;
  /** @default 420 */
  height: number;
}

const defaults: MemoryChartOptions = { width: 800, height: 420 };

/** The lines a chart can hold, in drawing order, with the colour each keeps in every chart. */
const LINES: { metric: MemoryMetric; label: string; color: string }[] = [
  { metric: 'rss', label: 'RSS (process tree)', color: '#1f77b4' },
  { metric: 'heapUsed', label: 'V8 heap used', color: '#d62728' },
  { metric: 'external', label: 'external + array buffers', color: '#2ca02c' },
];

const SEVERITY: GrowthKind[] = ['insufficient data', 'stable', 'linear', 'exponential'];
const MB = 1e6;
const margin = { top: 58, right: 24, bottom: 84, left: 64 };
const font = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

interface Point {
  t: number;
  v: number;
}

interface Line {
  label: string;
  color: string;
  points: Point[];
  model?: Point[];
}

const signedRate = (bytesPerSec: number): string =>
  `${bytesPerSec > 0 ? '+' : ''}${formatBytes(bytesPerSec)}/s`;

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

function titleOf(result: Pick<MemoryResult, 'metrics' | 'suite' | 'workload'>): string {
  const name = `${result.suite}/${result.workload}`;
  const worst = worstMetric(result.metrics);
  if (worst === undefined) return `${name}: memory (not classified)`;
  return `${name}: ${verdictPhrase(worst.verdict)} (${worst.label})`;
}

/**
 * Smallest and largest value over every point and model point; a loop, because spreading a long run's
 * points into Math.min overflows the stack (about 200,000 arguments on Node 20). [0, 1] when empty.
 */
function extent(lines: readonly Line[], of: (p: Point) => number): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const line of lines)
    for (const p of [line.points, line.model ?? []].flat()) {
      const v = of(p);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  return min <= max ? { min, max } : { min: 0, max: 1 };
}

function linesOf(result: Pick<MemoryResult, 'samples' | 'metrics'>): { lines: Line[]; warmupSec?: number } {
  const lines: Line[] = [];
  let warmupSec: number | undefined;
  for (const { metric, label, color } of LINES) {
    const points = seriesOf(result.samples, metric);
    if (points.length === 0) continue;
    const verdict = result.metrics.find((m) => m.metric === metric);
    const line: Line = { label: verdict?.label ?? label, color, points };
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
  return warmupSec === undefined ? { lines } : { lines, warmupSec };
}

/** Renders the chart of one workload's series and verdicts; returns the SVG text. */
export function renderMemoryChart(
  result: Pick<MemoryResult, 'samples' | 'metrics' | 'suite' | 'workload'>,
  options: Partial<MemoryChartOptions> = {},
): string {
  const { width, height } = { ...defaults, ...options };
  if (!(width >= 200 && height >= 160))
    throw new Error(`chart must be at least 200 x 160 px, got ${width} x ${height}`);
  const { lines, warmupSec } = linesOf(result);
  const hasModel = lines.some((l) => l.model !== undefined);
  const entries: LegendEntry[] = lines.map((l) => ({
    swatch: `stroke="${l.color}" stroke-width="2"`,
    label: l.label,
  }));
  if (hasModel)
    entries.push({
      swatch: 'stroke="#555" stroke-width="1.5" stroke-dasharray="6 4"',
      label: 'fitted model',
    });
  if (warmupSec !== undefined)
    entries.push({ swatch: 'stroke="#888" stroke-dasharray="2 3"', label: 'warm-up cut' });
  const legend = layoutLegend(entries, margin.left, width - margin.right);
  const plot = {
    left: margin.left,
    top: margin.top,
    right: width - margin.right,
    bottom: height - margin.bottom - (legend.rows - 1) * 16,
  };
  if (plot.bottom - plot.top < 40) throw new Error(`chart height ${height} px leaves no room for the plot`);
  const x = extent(lines, (p) => p.t);
  const y = extent(lines, (p) => p.v / MB);
  // Time starts at 0 (the run's start) even when the first reading came later.
  const xAxis = niceAxis(Math.min(0, x.min), x.max, 8);
  const yAxis = niceAxis(y.min, y.max, 6);
  const xOf = (t: number): number =>
    plot.left + ((t - xAxis.min) / (xAxis.max - xAxis.min)) * (plot.right - plot.left);
  const yOf = (mb: number): number =>
    plot.bottom - ((mb - yAxis.min) / (yAxis.max - yAxis.min)) * (plot.bottom - plot.top);
  const path = (points: Point[]): string =>
    points.map((p) => `${num(xOf(p.t))},${num(yOf(p.v / MB))}`).join(' ');

  const title = titleOf(result);
  const subtitle = result.metrics.map((m) => `${m.label}: ${verdictPhrase(m.verdict)}`).join(' · ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ${font} font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.left}" y="22" font-size="15" font-weight="bold"${fitWidth(title, 9, plot.right - plot.left)}>${escapeXml(title)}</text>`,
    `<text x="${plot.left}" y="40" fill="#444"${fitWidth(subtitle, 5.8, plot.right - plot.left)}>${escapeXml(subtitle || 'no verdicts')}</text>`,
  ];
  // Grid and ticks first, so the data lines are drawn over them.
  for (const tick of yAxis.ticks) {
    const y = num(yOf(tick));
    out.push(`<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(
      `<text x="${plot.left - 6}" y="${y}" text-anchor="end" dy="0.32em">${tick.toFixed(yAxis.decimals)}</text>`,
    );
  }
  for (const tick of xAxis.ticks) {
    const x = num(xOf(tick));
    out.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#f0f0f0"/>`);
    out.push(
      `<text x="${x}" y="${plot.bottom + 16}" text-anchor="middle">${tick.toFixed(xAxis.decimals)}</text>`,
    );
  }
  out.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#999"/>`,
    `<text x="${num((plot.left + plot.right) / 2)}" y="${plot.bottom + 34}" text-anchor="middle">time (s)</text>`,
    `<text transform="translate(16 ${num((plot.top + plot.bottom) / 2)}) rotate(-90)" text-anchor="middle">memory (MB)</text>`,
  );
  if (warmupSec !== undefined) {
    const x = num(xOf(warmupSec));
    out.push(
      `<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#888" stroke-dasharray="2 3"/>`,
    );
    out.push(`<text x="${x}" y="${plot.top - 4}" text-anchor="middle" fill="#666">warm-up cut</text>`);
  }
  const maxPoints = 4 * Math.ceil(plot.right - plot.left);
  for (const line of lines) {
    const points = decimate(line.points, xOf, maxPoints);
    out.push(
      `<polyline fill="none" stroke="${line.color}" stroke-width="1.5" stroke-linejoin="round" points="${path(points)}"><title>${escapeXml(line.label)}</title></polyline>`,
    );
  }
  for (const line of lines) {
    if (line.model === undefined) continue;
    out.push(
      `<polyline fill="none" stroke="${line.color}" stroke-width="2" stroke-dasharray="6 4" opacity="0.85" points="${path(line.model)}"><title>${escapeXml(`fitted model, ${line.label}`)}</title></polyline>`,
    );
  }
  if (lines.length === 0) {
    out.push(
      `<text x="${num((plot.left + plot.right) / 2)}" y="${num((plot.top + plot.bottom) / 2)}" text-anchor="middle" fill="#666">no samples were recorded</text>`,
    );
  }
  out.push(...legendMarkup(legend.items, plot.bottom + 60));
  out.push('</svg>', '');
  return out.join('\n');
}
