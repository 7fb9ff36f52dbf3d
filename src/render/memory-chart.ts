/**
 * The memory chart of one workload: a self-contained SVG (no script, no external resources) of RSS,
 * V8 heap used and external memory over time, each with the fitted model of its verdict dashed over
 * the analysed range, the warm-up cut, shaded bands for spans of the run (when a server's load ran),
 * round-number axes and a legend. It only draws what it is
 * given: memory/chart-data.ts picks the series, the fitted curves and the title from a result.
 * Deterministic: the same data gives the same bytes, so it is tested against golden files.
 */
import { decimate, fitWidth, type LegendEntry, layoutLegend, legendMarkup, num } from './chart-parts.js';
import { niceAxis } from './chart-ticks.js';
import { escapeXml } from './flamegraph/escape.js';

/** A point of a plotted line: `t` in seconds, `v` in bytes. */
export interface ChartPoint {
  t: number;
  v: number;
}

/** The series a memory chart can draw; each keeps its colour in every chart. */
export type ChartedMetric = 'rss' | 'heapUsed' | 'external';

/** One line of the chart: the measured series and, when a model was fitted, its curve. */
export interface MemoryChartLine {
  metric: ChartedMetric;
  label: string;
  points: ChartPoint[];
  /** The fitted model over the analysed range, drawn dashed. */
  model?: ChartPoint[];
}

/** A span of the run shaded behind the lines, with its label at its top left (e.g. when the load ran). */
export interface ChartBand {
  fromSec: number;
  toSec: number;
  label: string;
}

/** Everything the chart draws, in drawing order. */
export interface MemoryChartData {
  title: string;
  /** One phrase per verdict; empty when nothing was classified. */
  subtitle: string;
  lines: MemoryChartLine[];
  /** Where the analysed range starts, drawn as the warm-up cut. */
  warmupSec?: number;
  /** Spans shaded behind the series, clipped to the time axis. */
  bands?: ChartBand[];
}

/** Size of the chart; everything else is laid out from it. */
export interface MemoryChartOptions {
  /** @default 800 */
  width: number;
  /** @default 420 */
  height: number;
}

const defaults: MemoryChartOptions = { width: 800, height: 420 };

/** The colour of each series, the same in every chart. */
const COLORS: Record<ChartedMetric, string> = { rss: '#1f77b4', heapUsed: '#d62728', external: '#2ca02c' };

/** A band's shading and label: a light amber, apart from every series colour. */
const BAND_FILL = '#f0a202';
const BAND_TEXT = '#8a5a00';

const MB = 1e6;
const margin = { top: 58, right: 24, bottom: 84, left: 64 };
const font = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

/**
 * Smallest and largest value over every point and model point; a loop, because spreading a long run's
 * points into Math.min overflows the stack (about 200,000 arguments on Node 20). [0, 1] when empty.
 */
function extent(
  lines: readonly MemoryChartLine[],
  of: (p: ChartPoint) => number,
): { min: number; max: number } {
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

/** Renders the chart of one workload's series and fitted models; returns the SVG text. */
export function renderMemoryChart(data: MemoryChartData, options: Partial<MemoryChartOptions> = {}): string {
  const { width, height } = { ...defaults, ...options };
  if (!(width >= 200 && height >= 160))
    throw new Error(`chart must be at least 200 x 160 px, got ${width} x ${height}`);
  const { lines, warmupSec, title, subtitle } = data;
  const hasModel = lines.some((l) => l.model !== undefined);
  const entries: LegendEntry[] = lines.map((l) => ({
    swatch: `stroke="${COLORS[l.metric]}" stroke-width="2"`,
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
  const path = (points: ChartPoint[]): string =>
    points.map((p) => `${num(xOf(p.t))},${num(yOf(p.v / MB))}`).join(' ');

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
  for (const band of data.bands ?? []) {
    const from = xOf(Math.max(band.fromSec, xAxis.min));
    const to = xOf(Math.min(band.toSec, xAxis.max));
    if (!(to > from)) continue;
    const span = `${band.label}, ${band.fromSec.toFixed(1)} s to ${band.toSec.toFixed(1)} s`;
    out.push(
      `<rect x="${num(from)}" y="${plot.top}" width="${num(to - from)}" height="${plot.bottom - plot.top}" fill="${BAND_FILL}" fill-opacity="0.14"><title>${escapeXml(span)}</title></rect>`,
      `<text x="${num(from + 4)}" y="${plot.top + 13}" fill="${BAND_TEXT}">${escapeXml(band.label)}</text>`,
    );
  }
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
      `<polyline fill="none" stroke="${COLORS[line.metric]}" stroke-width="1.5" stroke-linejoin="round" points="${path(points)}"><title>${escapeXml(line.label)}</title></polyline>`,
    );
  }
  for (const line of lines) {
    if (line.model === undefined) continue;
    out.push(
      `<polyline fill="none" stroke="${COLORS[line.metric]}" stroke-width="2" stroke-dasharray="6 4" opacity="0.85" points="${path(line.model)}"><title>${escapeXml(`fitted model, ${line.label}`)}</title></polyline>`,
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
