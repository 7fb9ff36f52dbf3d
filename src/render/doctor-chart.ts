/**
 * The doctor chart of one workload: a self-contained SVG (no script) of two panels over one time
 * axis. Above, how late the event loop ran its timers in each interval, with the block threshold
 * dashed and each block marked (its tooltip says what ran in it); below, the loop's busy share, the
 * CPU (1 core = 100%) and the share of time in GC. A server's load is a shaded band. It only draws
 * what it is given (doctor/chart-data.ts picks it from a result); deterministic, like the others.
 */
import { fitWidth, type LegendEntry, layoutLegend, legendMarkup, num } from './chart-parts.js';
import { niceAxis } from './chart-ticks.js';
import { escapeXml } from './flamegraph/escape.js';

export interface DoctorChartPoint {
  /** Seconds from the start of the run, at the end of the interval. */
  t: number;
  delayMs: number;
  /** Shares, 0 to 1 (CPU in cores, may pass 1); busy absent where the samples were too few. */
  busy?: number;
  cpu: number;
  gc: number;
}

export interface DoctorChartData {
  title: string;
  subtitle: string;
  points: DoctorChartPoint[];
  /** Delays at or over this are blocks (dashed line). */
  thresholdMs: number;
  /** Blocks to mark: when, how long, and what ran in them (the marker's tooltip). */
  blocks: { t: number; ms: number; label: string }[];
  /** Spans shaded behind both panels, e.g. when a server's load ran. */
  bands?: { fromSec: number; toSec: number; label: string }[];
}

const WIDTH = 800;
const HEIGHT = 460;
const margin = { top: 58, right: 24, bottom: 70, left: 64 };
const GAP = 34;
const font = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
const COLORS = { delay: '#1f77b4', block: '#d62728', busy: '#9467bd', cpu: '#2ca02c', gc: '#ff7f0e' };

/** Largest of `of` over the points, by a loop (long runs overflow a spread into Math.max). */
function maxOf(points: readonly DoctorChartPoint[], of: (p: DoctorChartPoint) => number): number {
  let max = 0;
  for (const p of points) max = Math.max(max, of(p));
  return max;
}

export function renderDoctorChart(data: DoctorChartData): string {
  const { points, title, subtitle } = data;
  const entries: LegendEntry[] = [
    { swatch: `stroke="${COLORS.delay}" stroke-width="2"`, label: 'loop delay (ms)' },
    { swatch: `stroke="${COLORS.block}" stroke-width="6"`, label: `block (>= ${data.thresholdMs} ms)` },
    { swatch: `stroke="${COLORS.busy}" stroke-width="2"`, label: 'loop busy' },
    { swatch: `stroke="${COLORS.cpu}" stroke-width="2"`, label: 'CPU (1 core = 100%)' },
    { swatch: `stroke="${COLORS.gc}" stroke-width="2"`, label: 'GC' },
  ];
  const legend = layoutLegend(entries, margin.left, WIDTH - margin.right);
  const left = margin.left;
  const right = WIDTH - margin.right;
  const bottom = HEIGHT - margin.bottom - (legend.rows - 1) * 16;
  const split = margin.top + (bottom - margin.top - GAP) * 0.55;
  const upper = { top: margin.top, bottom: split };
  const lower = { top: split + GAP, bottom };

  const xAxis = niceAxis(
    0,
    Math.max(
      maxOf(points, (p) => p.t),
      0.1,
    ),
    8,
  );
  const delayAxis = niceAxis(
    0,
    Math.max(
      maxOf(points, (p) => p.delayMs),
      data.thresholdMs * 1.5,
    ),
    4,
  );
  const shareAxis = niceAxis(
    0,
    Math.max(
      1,
      maxOf(points, (p) => Math.max(p.cpu, p.busy ?? 0, p.gc)),
    ),
    4,
  );
  const xOf = (t: number): number => left + ((t - xAxis.min) / (xAxis.max - xAxis.min)) * (right - left);
  const yIn =
    (panel: { top: number; bottom: number }, axis: { min: number; max: number }) =>
    (v: number): number =>
      panel.bottom - ((v - axis.min) / (axis.max - axis.min)) * (panel.bottom - panel.top);
  const yDelay = yIn(upper, delayAxis);
  const yShare = yIn(lower, shareAxis);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ${font} font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold"${fitWidth(title, 9, right - left)}>${escapeXml(title)}</text>`,
    `<text x="${left}" y="40" fill="#444"${fitWidth(subtitle, 5.8, right - left)}>${escapeXml(subtitle)}</text>`,
  ];
  const panel = (
    box: { top: number; bottom: number },
    axis: ReturnType<typeof niceAxis>,
    y: (v: number) => number,
    label: string,
    format: (tick: number) => string,
  ): void => {
    for (const tick of axis.ticks) {
      const at = num(y(tick));
      out.push(`<line x1="${left}" y1="${at}" x2="${right}" y2="${at}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${left - 6}" y="${at}" text-anchor="end" dy="0.32em">${format(tick)}</text>`);
    }
    out.push(
      `<rect x="${left}" y="${num(box.top)}" width="${right - left}" height="${num(box.bottom - box.top)}" fill="none" stroke="#999"/>`,
      `<text transform="translate(16 ${num((box.top + box.bottom) / 2)}) rotate(-90)" text-anchor="middle">${label}</text>`,
    );
  };
  panel(upper, delayAxis, yDelay, 'loop delay (ms)', (t) => t.toFixed(delayAxis.decimals));
  panel(lower, shareAxis, yShare, 'share of time', (t) => `${Math.round(t * 100)}%`);
  for (const tick of xAxis.ticks) {
    const x = num(xOf(tick));
    out.push(
      `<text x="${x}" y="${num(bottom + 16)}" text-anchor="middle">${tick.toFixed(xAxis.decimals)}</text>`,
    );
  }
  out.push(
    `<text x="${num((left + right) / 2)}" y="${num(bottom + 34)}" text-anchor="middle">time (s)</text>`,
  );

  for (const band of data.bands ?? []) {
    const from = xOf(Math.max(band.fromSec, xAxis.min));
    const to = xOf(Math.min(band.toSec, xAxis.max));
    if (!(to > from)) continue;
    for (const box of [upper, lower])
      out.push(
        `<rect x="${num(from)}" y="${num(box.top)}" width="${num(to - from)}" height="${num(box.bottom - box.top)}" fill="#f0a202" fill-opacity="0.14"><title>${escapeXml(band.label)}</title></rect>`,
      );
    out.push(
      `<text x="${num(from + 4)}" y="${num(upper.top + 13)}" fill="#8a5a00">${escapeXml(band.label)}</text>`,
    );
  }
  const threshold = num(yDelay(data.thresholdMs));
  out.push(
    `<line x1="${left}" y1="${threshold}" x2="${right}" y2="${threshold}" stroke="${COLORS.block}" stroke-dasharray="5 4" opacity="0.7"><title>${escapeXml(`block threshold, ${data.thresholdMs} ms`)}</title></line>`,
  );
  const line = (
    color: string,
    y: (v: number) => number,
    pick: (p: DoctorChartPoint) => number | undefined,
    name: string,
  ): void => {
    const path = points.flatMap((p) => {
      const v = pick(p);
      return v === undefined ? [] : [`${num(xOf(p.t))},${num(y(v))}`];
    });
    if (path.length > 0)
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="1.5" stroke-linejoin="round" points="${path.join(' ')}"><title>${name}</title></polyline>`,
      );
  };
  line(COLORS.delay, yDelay, (p) => p.delayMs, 'loop delay');
  line(COLORS.busy, yShare, (p) => p.busy, 'loop busy');
  line(COLORS.cpu, yShare, (p) => p.cpu, 'CPU');
  line(COLORS.gc, yShare, (p) => p.gc, 'GC');
  for (const block of data.blocks) {
    const x = num(xOf(block.t));
    out.push(
      `<line class="block" x1="${x}" y1="${num(yDelay(0))}" x2="${x}" y2="${num(yDelay(block.ms))}" stroke="${COLORS.block}" stroke-width="4" opacity="0.8"><title>${escapeXml(`${block.ms.toFixed(1)} ms at ${block.t.toFixed(2)} s: ${block.label}`)}</title></line>`,
    );
  }
  if (points.length === 0)
    out.push(
      `<text x="${num((left + right) / 2)}" y="${num((upper.top + upper.bottom) / 2)}" text-anchor="middle" fill="#666">no readings after start-up</text>`,
    );
  out.push(...legendMarkup(legend.items, bottom + 56));
  out.push('</svg>', '');
  return out.join('\n');
}
