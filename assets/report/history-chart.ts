/**
 * The History section's trend charts: one small SVG per measurement and machine, a point per run
 * that measured it (oldest first, evenly spaced), its p95 as a whisker where the run had a spread,
 * and the regressions and improvements (the series' `marks`, history/change-rule.ts) marked. The
 * geometry and words are pure functions (tested under Node); the drawing is plain DOM, every string
 * set as text.
 */
import type { HistoryRun, HistorySeries } from '../../src/history/trend-types.js';
import { svgElement } from './dom.js';
import { formatMeasure } from './format.js';

/** A point as the chart draws it. */
export interface ChartPoint {
  /** Position among the series' points, 0 = oldest. */
  slot: number;
  run: number;
  median: number;
  p95?: number;
  mark?: 'regressed' | 'improved';
  /** The point's tooltip: date, commit, value, mark. */
  words: string;
}

const WIDTH = 520;
const HEIGHT = 170;
const MARGIN = { left: 80, right: 16, top: 30, bottom: 30 };

/** `2026-11-30 12:04` from an ISO time. */
export function dateOf(t: string): string {
  return t.replace('T', ' ').slice(0, 16);
}

function runWords(run: HistoryRun | undefined): string[] {
  if (run === undefined) return [];
  const commit =
    run.commit === undefined ? undefined : `${run.commit.slice(0, 7)}${run.dirty ? ' (dirty)' : ''}`;
  return [dateOf(run.t), commit, run.branch, run.interrupted ? 'interrupted' : undefined].filter(
    (w): w is string => w !== undefined && w !== '',
  );
}

/** The series' points with their marks and words. */
export function chartPoints(series: HistorySeries, runs: readonly HistoryRun[]): ChartPoint[] {
  const marks = new Map(series.marks.map((m) => [m.run, m]));
  return series.points.map(([run, median, p95], slot) => {
    const mark = marks.get(run);
    const words = [...runWords(runs[run]), formatMeasure(median, series.unit)];
    if (p95 !== undefined) words.push(`p95 ${formatMeasure(p95, series.unit)}`);
    if (mark)
      words.push(
        `${mark.verdict} ${mark.change > 0 ? '+' : ''}${mark.change.toFixed(1)}% (noise band ${mark.band.toFixed(1)}%)`,
      );
    return {
      slot,
      run,
      median,
      ...(p95 === undefined ? {} : { p95 }),
      ...(mark ? { mark: mark.verdict } : {}),
      words: words.join(' · '),
    };
  });
}

/** Where points go: evenly spaced; values between the lowest and highest (p95 included), padded. */
export function chartGeometry(points: readonly ChartPoint[]): {
  x: (slot: number) => number;
  y: (value: number) => number;
  low: number;
  high: number;
} {
  const values = points.flatMap((p) => (p.p95 === undefined ? [p.median] : [p.median, p.p95]));
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (!(high > low)) {
    const pad = Math.abs(high) * 0.1 || 1;
    low -= pad;
    high += pad;
  }
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = points.length - 1;
  return {
    x: (slot) => MARGIN.left + (span <= 0 ? plotW / 2 : (slot / span) * plotW),
    y: (value) => MARGIN.top + plotH - ((value - low) / (high - low)) * plotH,
    low,
    high,
  };
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The chart of one series. */
export function drawHistoryChart(series: HistorySeries, runs: readonly HistoryRun[]): SVGSVGElement {
  const svg = svgElement('svg', {
    class: 'history-chart',
    width: WIDTH,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
  });
  svg.append(
    svgElement('text', { x: 8, y: 16, class: 'chart-title' }, series.id),
    svgElement(
      'text',
      { x: WIDTH - MARGIN.right, y: 16, 'text-anchor': 'end', class: 'axis' },
      series.machine,
    ),
  );
  const points = chartPoints(series, runs);
  if (points.length === 0) {
    svg.append(svgElement('text', { x: MARGIN.left, y: HEIGHT / 2, class: 'axis' }, 'No run measured it.'));
    return svg;
  }
  const { x, y, low, high } = chartGeometry(points);
  const right = WIDTH - MARGIN.right;
  for (const value of [low, high]) {
    const at = round(y(value));
    svg.append(
      svgElement('line', { x1: MARGIN.left, x2: right, y1: at, y2: at, class: 'grid' }),
      svgElement(
        'text',
        { x: MARGIN.left - 6, y: round(y(value) + 4), 'text-anchor': 'end', class: 'axis' },
        formatMeasure(value, series.unit),
      ),
    );
  }
  const first = points[0] as ChartPoint;
  const last = points[points.length - 1] as ChartPoint;
  const dateY = HEIGHT - MARGIN.bottom + 18;
  svg.append(
    svgElement(
      'text',
      { x: round(x(first.slot)), y: dateY, class: 'axis' },
      dateOf(runs[first.run]?.t ?? ''),
    ),
  );
  if (last !== first) {
    svg.append(
      svgElement(
        'text',
        { x: round(x(last.slot)), y: dateY, 'text-anchor': 'end', class: 'axis' },
        dateOf(runs[last.run]?.t ?? ''),
      ),
    );
  }
  for (const p of points) {
    if (p.p95 === undefined) continue;
    const px = round(x(p.slot));
    svg.append(
      svgElement('line', { x1: px, x2: px, y1: round(y(p.median)), y2: round(y(p.p95)), class: 'p95' }),
    );
  }
  svg.append(
    svgElement('polyline', {
      points: points.map((p) => `${round(x(p.slot))},${round(y(p.median))}`).join(' '),
      class: 'trend',
    }),
  );
  for (const p of points) {
    const circle = svgElement('circle', {
      cx: round(x(p.slot)),
      cy: round(y(p.median)),
      r: p.mark ? 5.5 : 3.5,
      class: p.mark ? `point ${p.mark}` : 'point',
      'data-run': p.run,
    });
    circle.append(svgElement('title', {}, p.words));
    svg.append(circle);
  }
  return svg;
}
