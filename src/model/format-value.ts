/**
 * Human-readable sample values, so the terminal summary, reports and flamegraph tooltips all say
 * "45.6 ms" or "1.5 MB" the same way. Three significant digits, trailing zeros dropped. Bytes are
 * decimal (10^6 to the MB), as every other view of perfsuite counts them (util/bytes.ts: the memory
 * terminal and Markdown, validate's peakRss in MB, the config's budgets): a figure reads the same on
 * the page, in a flamegraph's tooltip and in the terminal.
 */

const TIME_UNITS: [number, string][] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

const BYTE_UNITS: [number, string][] = [
  [1e12, 'TB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'KB'],
  [1, 'B'],
];

/** Nanoseconds per unit, for the time units profiles use. */
const NANOS_PER: Record<string, number> = {
  nanoseconds: 1,
  microseconds: 1e3,
  milliseconds: 1e6,
  seconds: 1e9,
};

function significant(value: number): string {
  // toPrecision(3) then drop trailing zeros: 1.50 -> 1.5, 2.00 -> 2, 45.6 stays.
  return Number(value.toPrecision(3)).toString();
}

function scaled(value: number, units: [number, string][]): string {
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  for (const [size, name] of units) {
    // Compare after rounding, so 999.96 ms becomes "1 s" rather than "1000 ms".
    if (Number((magnitude / size).toPrecision(3)) >= 1 || size === 1) {
      return `${sign}${significant(magnitude / size)} ${name}`;
    }
  }
  return `${value}`;
}

/**
 * `value` rounded and grouped by thousands, as Intl.NumberFormat('en-US') writes it: "1,234,567".
 * Written out because the first Intl formatter of a process costs about 15 ms of ICU start-up,
 * which every `profile` run paid.
 */
export function groupThousands(value: number): string {
  const rounded = Math.round(value);
  const digits = Math.abs(rounded)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `-${digits}` : digits;
}

/** Formats `value` measured in `unit` (a pprof unit: nanoseconds, bytes, count, ...) for people. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${value} ${unit}`;
  const nanosPer = NANOS_PER[unit];
  if (nanosPer !== undefined) return value === 0 ? '0 s' : scaled(value * nanosPer, TIME_UNITS);
  if (unit === 'bytes') return value === 0 ? '0 B' : scaled(value, BYTE_UNITS);
  if (unit === 'count')
    return `${groupThousands(value)} ${Math.abs(Math.round(value)) === 1 ? 'sample' : 'samples'}`;
  return `${groupThousands(value)} ${unit}`;
}
