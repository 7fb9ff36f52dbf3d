/**
 * Small pieces of SVG chart markup shared by the charts: short stable number formatting, text that
 * must fit a width, thinning long series per pixel column, and a wrapping legend. Pure and
 * deterministic, so charts built from them can be compared with golden files.
 */
import { escapeXml } from './flamegraph/escape.js';

/** One decimal, and never "-0": coordinates stay short and byte-for-byte stable. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Squeezes a line of text into `available` px when its estimated width (`pxPerChar` per character;
 * measured in Chromium: about 5.5 px at 11 px, 8.9 px at 15 px bold) would overflow: SVG cannot
 * measure text without script, and a clipped title loses the verdict.
 */
export function fitWidth(text: string, pxPerChar: number, available: number): string {
  return text.length * pxPerChar > available
    ? ` textLength="${num(available)}" lengthAdjust="spacingAndGlyphs"`
    : '';
}

/**
 * Keeps at most the first, lowest, highest and last point of each pixel column, in time order, so a
 * long run stays a small file while GC peaks and floors are still drawn.
 */
export function decimate<Point extends { t: number; v: number }>(
  points: Point[],
  xOf: (t: number) => number,
  maxPoints: number,
): Point[] {
  if (points.length <= maxPoints) return points;
  const kept: Point[] = [];
  let column: Point[] = [];
  const flush = (): void => {
    const [first, last] = [column[0], column[column.length - 1]];
    if (first === undefined || last === undefined) return;
    let low = first;
    let high = first;
    for (const p of column) {
      if (p.v < low.v) low = p;
      if (p.v > high.v) high = p;
    }
    const picks = [first, low, high, last].sort((a, b) => column.indexOf(a) - column.indexOf(b));
    for (const p of picks) if (kept[kept.length - 1] !== p) kept.push(p);
    column = [];
  };
  let current = Number.NaN;
  for (const p of points) {
    const x = Math.floor(xOf(p.t));
    if (x !== current) flush();
    current = x;
    column.push(p);
  }
  flush();
  return kept;
}

/** A legend entry: the SVG stroke attributes of its swatch line and its label. */
export interface LegendEntry {
  swatch: string;
  label: string;
}

/** One legend entry placed: `x` in px, `row` counted from 0. */
export interface LegendItem extends LegendEntry {
  x: number;
  row: number;
}

/**
 * The legend items placed in rows between `left` and `right`, wrapping when the chart is too narrow
 * for one row; laid out before the plot, whose bottom margin grows with the number of rows.
 */
export function layoutLegend(
  entries: readonly LegendEntry[],
  left: number,
  right: number,
): { items: LegendItem[]; rows: number } {
  const items: LegendItem[] = [];
  let x = left;
  let row = 0;
  for (const entry of entries) {
    // Width estimated from the label (about 6.2 px per character at 11 px): no text measuring in SVG.
    const itemWidth = 28 + entry.label.length * 6.2;
    if (x > left && x + itemWidth > right) {
      x = left;
      row += 1;
    }
    items.push({ ...entry, x, row });
    x += itemWidth + 18;
  }
  return { items, rows: row + 1 };
}

/** The legend's SVG: a short line in the entry's stroke style, then its label; rows 16 px apart. */
export function legendMarkup(items: LegendItem[], top: number): string[] {
  return items.flatMap(({ swatch, label, x, row }) => {
    const y = top + row * 16;
    return [
      `<line x1="${num(x)}" y1="${num(y - 4)}" x2="${num(x + 22)}" y2="${num(y - 4)}" ${swatch}/>`,
      `<text x="${num(x + 28)}" y="${num(y)}">${escapeXml(label)}</text>`,
    ];
  });
}
