/**
 * How `profile validate` writes numbers for people, shared by the Markdown report and the terminal
 * summary so both say "1.23 s", "+12.3%" and "p < 0.001" the same way.
 */
import { formatValue, groupThousands } from '../../model/format-value.js';
import type { TargetBound } from '../../stats/index.js';
import type { Unit } from '../measurement.js';

/**
 * A measured value in its unit: times scaled like the rest of perfsuite (12.3 µs, 456 ms, 1.23 s),
 * requests per second whole and grouped from 100 on (4,120 req/s, 12.5 req/s).
 */
export function formatMeasure(value: number, unit: Unit): string {
  if (unit === 'ms') return formatValue(value, 'milliseconds');
  if (unit === 'req/s')
    return `${Math.abs(value) >= 100 ? groupThousands(value) : Number(value.toPrecision(3))} req/s`;
  return `${Number(value.toPrecision(3))} MB`;
}

/** How a target's limit reads: `<=` for a max, `>=` for a min. */
export function boundOp(bound: TargetBound): string {
  return bound === 'min' ? '>=' : '<=';
}

/** A signed percentage with one decimal: `+12.3%`, `-4.0%`. */
export function formatPct(pct: number): string {
  return `${pct >= 0 ? '+' : '-'}${Math.abs(pct).toFixed(1)}%`;
}

/** A p-value to two significant digits, or `< 0.001` below that (the digits mean nothing there). */
export function formatPValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  return String(Number(p.toPrecision(2)));
}
