/**
 * The terminal summary of a `profile validate` run, in the manner of hyperfine: one line per
 * measurement (mean ± σ, range, runs) with its targets and verdicts, grouped by suite; then each
 * server's load, the baseline changes that matter (with the functions a regression is attributed to), the failures, the verdict and where the reports are. No colours, so
 * it reads the same in CI logs.
 */
import { relative } from 'node:path';
import { formatLoad } from '../../load/summary.js';
import { plural } from '../../util/words.js';
import { comparisonLabel, failureReasons, skippedComparisons } from '../baseline/compare-baseline.js';
import { failuresByItem } from '../measure/to-measurement.js';
import type { BaselineComparison, Measurement, TargetCheck, ValidateResult } from '../measurement.js';
import { boundOp, formatMeasure, formatPct, formatPValue } from './format.js';
import { causeShort, namedOf } from './format-why.js';

/** Options of formatValidateSummary. */
export interface TerminalOptions {
  /** Report files to list at the end, shown relative to `cwd`. */
  reportFiles?: string[];
  /** @default process.cwd() */
  cwd?: string;
  /** Words the gate in the verdict ("the 10% gate"). */
  failOnRegressionPct?: number | undefined;
}

const VERDICT: Record<TargetCheck['verdict'], string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL' };

function pad(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function row(m: Measurement): string[] {
  const show = (v: number) => formatMeasure(v, m.unit);
  const s = m.summary;
  const spread = s
    ? s.stddev === null
      ? show(s.mean)
      : `${show(s.mean)} ± ${show(s.stddev)}`
    : 'no samples';
  const targets = m.targets.map(
    (t) => `${t.stat} ${show(t.measured)} ${boundOp(t.bound)} ${show(t.limit)} ${VERDICT[t.verdict]}`,
  );
  if (m.failures.length > 0) targets.push(`${m.failures.length} FAILED`);
  // A pooled latency's summary is of every request: its runs are its samples.
  const runs = m.pooled ? m.samples.length : (s?.n ?? 0);
  return [
    `  ${m.name}:${m.metric}`,
    spread,
    s ? `[${show(s.min)} … ${show(s.max)}]` : '',
    plural(runs, 'run'),
    targets.join('; '),
  ];
}

/** The top three causes of a regression, or why there are none: `  why dry_run:wall: applyFilter +219 ms per run (87%), …`. */
function whyLine(c: BaselineComparison): string[] {
  const label = comparisonLabel(c.id, c.stat);
  const found = namedOf(c);
  if (found && found.named.length > 0) {
    const { unit, per, named } = found;
    const more = named.length > WHY_SHOWN ? `, and ${named.length - WHY_SHOWN} more` : '';
    return [
      `  why ${label}: ${named
        .slice(0, WHY_SHOWN)
        .map((n) => causeShort(n, unit, per))
        .join(', ')}${more}`,
    ];
  }
  if (found) return [`  why ${label}: nothing changed significantly in the profiled runs`];
  if (c.why?.note && c.comparison.verdict === 'regressed')
    return [`  why ${label}: not attributed: ${c.why.note}`];
  return [];
}

/** Causes named per regression in the terminal; the report lists them all. */
const WHY_SHOWN = 3;

function baselineLines(result: ValidateResult): string[] {
  const b = result.baseline;
  if (!b) return [];
  const count = (v: string) => b.comparisons.filter((c) => c.comparison.verdict === v).length;
  const lines = [
    `baseline ${b.name}: ${count('regressed')} regressed, ${count('improved')} improved, ` +
      `${count('within noise')} within noise, ${count('no change')} no change, ${b.missing.length} not compared`,
  ];
  const changed = b.comparisons.filter(
    (c) => c.comparison.verdict === 'regressed' || c.comparison.verdict === 'improved',
  );
  const rows = changed.map(({ id, stat, comparison: c, gateFailed }) => [
    `  ${c.verdict === 'regressed' ? 'REGRESSED' : 'improved'}`,
    comparisonLabel(id, stat),
    formatPct(c.changePct),
    `[${formatPct(c.ciPct[0])} … ${formatPct(c.ciPct[1])}]`,
    `p ${c.pValue < 0.001 ? '' : '= '}${formatPValue(c.pValue)}${gateFailed ? '  past the gate' : ''}`,
  ]);
  const why = changed.flatMap((c) => whyLine(c));
  const skipped = skippedComparisons(b).map((s) => `  not compared ${s.id}: ${s.reason}`);
  return [...lines, ...pad(rows), ...why, ...skipped];
}

/** The whole summary, ready to print. */
export function formatValidateSummary(result: ValidateResult, options: TerminalOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  const suites = [...new Set(result.measurements.map((m) => m.suite))];
  const rows: string[][] = [['', 'mean ± σ', 'min … max', 'runs', 'targets']];
  for (const suite of suites) {
    rows.push([suite, '', '', '', '']);
    for (const m of result.measurements.filter((x) => x.suite === suite)) rows.push(row(m));
  }
  lines.push(...pad(rows));
  for (const sweep of result.sweeps) {
    const fit = sweep.fit;
    const ci = fit?.ci95 ? ` [${fit.ci95[0].toFixed(2)} … ${fit.ci95[1].toFixed(2)}]` : '';
    lines.push(
      fit
        ? `sweep ${sweep.suite}/${sweep.name}: exponent ${fit.exponent.toFixed(2)}${ci}, ${fit.label}`
        : `sweep ${sweep.suite}/${sweep.name}: no fit (fewer than two sizes measured)`,
    );
  }
  for (const server of result.servers ?? []) {
    lines.push(
      `server ${server.suite}/${server.name}, ${plural(server.runs.length, 'run')}: ${formatLoad(server.total)}`,
    );
  }
  lines.push(...baselineLines(result));
  for (const { item, failures } of failuresByItem(result.measurements)) {
    for (const failure of failures) lines.push(`failed: ${item}: ${failure.replace(/\r?\n/g, ' ')}`);
  }
  if (result.interrupted) lines.push('INTERRUPTED: the run stopped early; the results above are partial');
  const reasons = failureReasons(result, options.failOnRegressionPct);
  const warns = result.measurements.flatMap((m) => m.targets).filter((t) => t.verdict === 'warn').length;
  lines.push(
    reasons.length > 0
      ? `FAIL: ${reasons.join(', ')}`
      : `PASS${warns > 0 ? ` (${plural(warns, 'target')} within tolerance)` : ''}`,
  );
  for (const file of options.reportFiles ?? []) lines.push(`report: ${relative(cwd, file) || file}`);
  return lines.join('\n');
}
