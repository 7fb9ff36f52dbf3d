/**
 * Numbers in the page's words, the same as the SVG flamegraph's and the reports' (model/format-value.ts
 * is bundled in): "45.6 ms", "1.5 MB", "12.34%".
 */
import { formatValue } from '../../src/model/format-value.js';

/** A share (a fraction) as a percentage with two decimals. */
export function percent(share: number): string {
  return `${(Number.isFinite(share) ? share * 100 : 0).toFixed(2)}%`;
}

/** A flamegraph value: counts of a measure about objects are objects, other counts samples. */
export function formatAmount(value: number, unit: string, measure: string): string {
  if (unit === 'count' && /object/i.test(measure)) {
    return formatValue(value, Math.abs(value) === 1 ? 'object' : 'objects');
  }
  return formatValue(value, unit);
}

const known = new Set(['nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes', 'count']);

/** A measurement in its unit; units formatValue does not know keep three significant digits. */
export function formatMeasure(value: number, unit: string): string {
  if (known.has(unit)) return formatValue(value, unit);
  if (!Number.isFinite(value)) return `${value} ${unit}`.trim();
  return `${Number(value.toPrecision(3))} ${unit}`.trim();
}
