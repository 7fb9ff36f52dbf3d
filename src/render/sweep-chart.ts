/**
 * A sweep's log-log chart for the report page: each size's median time as a point, and the fitted
 * power law (time = c * size^b) as a line, whose slope on log-log axes is the exponent the sweep
 * reports. Pure and deterministic like the other charts; the page shows it as an image.
 */
import { num } from './chart-parts.js';
import { escapeXml } from './flamegraph/escape.js';

export interface SweepChartData {
  title: string;
  /** Each size with the median of its runs, in ms. */
  points: { size: number; ms: number }[];
  /** The fitted power law, when there is one. */
  fit?: { exponent: number; coefficient: number; label: string };
}

const WIDTH = 480;
const HEIGHT = 280;
const MARGIN = { left: 64, right: 16, top: 36, bottom: 40 };

/** Powers of ten spanning [lo, hi], and the axis span rounded out to them. */
function decades(lo: number, hi: number): { from: number; to: number; ticks: number[] } {
  const from = Math.floor(Math.log10(lo));
  const to = Math.max(from + 1, Math.ceil(Math.log10(hi)));
  const ticks: number[] = [];
  for (let e = from; e <= to; e++) ticks.push(10 ** e);
  return { from, to, ticks };
}

const label = (v: number): string =>
  v >= 1000 ? `${v / 1000}k` : v >= 1 ? String(v) : String(Number(v.toPrecision(2)));

export function renderSweepChart(data: SweepChartData): string {
  const points = data.points.filter((p) => p.size > 0 && p.ms > 0);
  const sizes = points.map((p) => p.size);
  const times = points.map((p) => p.ms);
  const x = decades(Math.min(...sizes, 1), Math.max(...sizes, 10));
  const y = decades(Math.min(...times, 1), Math.max(...times, 10));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xOf = (size: number) => MARGIN.left + ((Math.log10(size) - x.from) / (x.to - x.from)) * plotW;
  const yOf = (ms: number) => MARGIN.top + plotH - ((Math.log10(ms) - y.from) / (y.to - y.from)) * plotH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="13" font-weight="bold">${escapeXml(data.title)}</text>`,
  ];
  for (const t of x.ticks) {
    const px = num(xOf(t));
    parts.push(`<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${px}" y="${HEIGHT - 22}" text-anchor="middle">${label(t)}</text>`);
  }
  for (const t of y.ticks) {
    const py = num(yOf(t));
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${py}" y2="${py}" stroke="#eee"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dy="4">${label(t)} ms</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle">size (log)</text>`);
  if (data.fit && points.length > 0) {
    const { exponent: b, coefficient: c } = data.fit;
    const [lo, hi] = [10 ** x.from, 10 ** x.to];
    parts.push(
      `<line x1="${num(xOf(lo))}" y1="${num(yOf(c * lo ** b))}" x2="${num(xOf(hi))}" y2="${num(yOf(c * hi ** b))}" stroke="#d9480f" stroke-dasharray="4 3" clip-path="url(#plot)"/>`,
      `<text x="${MARGIN.left + plotW}" y="${MARGIN.top - 6}" text-anchor="end" fill="#d9480f">time ∝ size^${b.toFixed(2)} (${escapeXml(data.fit.label)})</text>`,
    );
  }
  for (const p of points) {
    parts.push(
      `<circle cx="${num(xOf(p.size))}" cy="${num(yOf(p.ms))}" r="4" fill="#1c7ed6"><title>size ${p.size}: ${num(p.ms)} ms</title></circle>`,
    );
  }
  parts.push(
    `<clipPath id="plot"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath>`,
    '</svg>',
  );
  return parts.join('\n');
}
