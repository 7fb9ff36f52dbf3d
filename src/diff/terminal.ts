/**
 * The terminal summary of `profile diff`: per compared workload, the sides and their totals, then
 * the functions whose self and whose total time changed most, each with its p-value and a mark
 * where the test names it, and a plain sentence when nothing can be or was named.
 */
import { relative } from 'node:path';
import { type Attribution, causes, type FunctionChange } from '../attribution/index.js';
import { pathOf } from '../util/file-path.js';
import { plural } from '../util/words.js';
import type { DiffResult, PairDiff } from './result.js';

export interface TerminalOptions {
  /** Paths are shown relative to it. */
  cwd: string;
  /** Functions listed per table. @default 10 */
  top?: number;
}

const SUFFIX: Record<string, string> = { ms: ' ms', MB: ' MB', '%': '%', samples: '' };

/** `82.1 ms`, `0.42%`, `1234`: three significant digits or whole numbers. */
export function formatAmount(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 || abs === 0 ? 0 : abs >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${SUFFIX[unit] ?? ` ${unit}`}`;
}

const signed = (value: number, unit: string) =>
  `${value > 0 ? '+' : value < 0 ? '-' : '±'}${formatAmount(Math.abs(value), unit)}`;

/** The change as a share of the before figure: `+200%`, `new`, `gone`. */
export function relativeChange(change: Pick<FunctionChange, 'baseline' | 'current'>): string {
  if (change.baseline === 0) return 'new';
  if (change.current === 0) return 'gone';
  const pct = ((change.current - change.baseline) / change.baseline) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) >= 10 ? 0 : 1)}%`;
}

export function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** `src/work.js:12`, relative to cwd for paths and file URLs; with `(was old.js)` when it moved. */
export function location(change: FunctionChange, cwd: string): string {
  const short = (file: string) => {
    const path = pathOf(file);
    return path.startsWith('/') ? relative(cwd, path) || path : path;
  };
  if (change.file === undefined) return '';
  const where = change.line === undefined ? short(change.file) : `${short(change.file)}:${change.line}`;
  return change.baselineFile === undefined ? where : `${where} (was ${short(change.baselineFile)})`;
}

const clip = (text: string, width: number) => (text.length <= width ? text : `…${text.slice(-(width - 1))}`);

/** One table: the `top` largest changes, either way. */
export function changeTable(
  title: string,
  changes: FunctionChange[],
  unit: string,
  options: TerminalOptions,
): string[] {
  const rows = changes
    .slice(0, options.top ?? 10)
    .map((c) => [
      c.function.length > 40 ? `${c.function.slice(0, 39)}…` : c.function,
      clip(location(c, options.cwd), 48),
      formatAmount(c.baseline, unit),
      formatAmount(c.current, unit),
      signed(c.delta, unit),
      relativeChange(c),
      formatP(c.p),
      c.verdict === 'unchanged' ? '' : c.verdict,
    ]);
  if (rows.length === 0) return [`  ${title}: no function changed`];
  const head = ['function', 'location', 'before', 'after', 'delta', 'change', 'p', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  // Names and locations read from the left, numbers from the right.
  const line = (cells: string[]) =>
    `    ${cells
      .map((cell, i) =>
        i < 2 || i === 7 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number),
      )
      .join('  ')}`.trimEnd();
  const shown = changes.length > rows.length ? ` (top ${rows.length} of ${changes.length} changed)` : '';
  return [`  ${title}${shown}`, line(head), ...rows.map(line)];
}

function runs(n: number): string {
  return plural(n, 'run');
}

/** What the test could say, in one or two plain lines. */
export function verdictLines(attribution: Attribution): string[] {
  const { baselineRuns, currentRuns } = attribution;
  if (!attribution.tested) {
    if (baselineRuns <= 1 && currentRuns <= 1) {
      return ['one profile a side: no test; a difference of single profiles is mostly sampling noise'];
    }
    const side = baselineRuns <= 1 ? 'BASE' : 'NEW';
    return [
      `one profile on the ${side} side: no test (it takes two or more a side); a difference against a single profile is mostly sampling noise`,
    ];
  }
  const unit = attribution.unit;
  for (const [changes, by] of [
    [attribution.bySelf, 'self'],
    [attribution.byTotal, 'total'],
  ] as const) {
    const slower = causes(changes);
    const faster = changes.filter((c) => c.verdict === 'faster').sort((a, b) => a.delta - b.delta);
    if (slower.length === 0 && faster.length === 0) continue;
    const list = (named: FunctionChange[]) =>
      named.map((c) => `${c.function} (${signed(c.delta, unit)} ${by})`).join(', ');
    return [
      ...(slower.length > 0 ? [`slower: ${list(slower)}`] : []),
      ...(faster.length > 0 ? [`faster: ${list(faster)}`] : []),
    ];
  }
  return ['no function changed significantly'];
}

function totals(a: Attribution): string {
  if (a.unit === '%') return "figures are shares of each run's total (--normalize sample)";
  const change =
    a.baselineTotal > 0 ? `, ${relativeChange({ baseline: a.baselineTotal, current: a.currentTotal })}` : '';
  return `total per run ${formatAmount(a.baselineTotal, a.unit)} -> ${formatAmount(a.currentTotal, a.unit)} (${signed(a.currentTotal - a.baselineTotal, a.unit)}${change}); figures in ${a.unit === 'samples' ? 'samples' : a.unit} per run`;
}

export function formatPair(pair: PairDiff, result: DiffResult, options: TerminalOptions): string {
  const a = pair.attribution;
  const name = pair.key ?? 'profiles';
  const lines = [
    `${name}: BASE ${result.base.argument} (${runs(a.baselineRuns)}) vs NEW ${result.new.argument} (${runs(a.currentRuns)})`,
    `  ${totals(a)}`,
    ...changeTable('by self time', a.bySelf, a.unit, options),
    ...changeTable('by total time', a.byTotal, a.unit, options),
    ...verdictLines(a).map((line) => `  ${line}`),
  ];
  if (pair.svg) lines.push(`  flamegraph: ${relative(options.cwd, pair.svg) || pair.svg}`);
  return lines.join('\n');
}

/** The whole summary: every pair, then the workloads of one side only. */
export function formatDiff(result: DiffResult, options: TerminalOptions): string {
  const parts = result.pairs.map((pair) => formatPair(pair, result, options));
  const only: string[] = [];
  if (result.onlyInBase.length > 0) only.push(`only in BASE (not compared): ${result.onlyInBase.join(', ')}`);
  if (result.onlyInNew.length > 0) only.push(`only in NEW (not compared): ${result.onlyInNew.join(', ')}`);
  if (only.length > 0) parts.push(only.join('\n'));
  return `${parts.join('\n\n')}\n`;
}
