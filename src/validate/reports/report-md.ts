/**
 * reports/performance_report_<YYYYMMDD_HHMMSS>.md: a `profile validate` run written from its
 * ValidateResult alone. Every number, verdict and name in it comes from the result (nothing is fixed
 * text about a particular project); the methodology states how the numbers were computed. Sections:
 * executive summary, targets per suite, measurements without targets, servers under load, journeys,
 * sweeps, the baseline comparison, failures, methodology and links. Cells from the config or the workload are escaped.
 */
import { mdCode, mdHref, mdTable, mdText } from '../../render/markdown.js';
import { warnBound } from '../../stats/index.js';
import { formatUtc, plural } from '../../util/words.js';
import { comparisonLabel, failureReasons } from '../baseline/compare-baseline.js';
import { failuresByItem } from '../measure/to-measurement.js';
import type { Measurement, SweepResult, TargetCheck, ValidateResult } from '../measurement.js';
import { boundOp, formatMeasure, formatPct } from './format.js';
import { baselineSection } from './report-baseline.js';
import { methodologySection } from './report-methodology.js';
import { serversSection } from './report-servers.js';
import { whySection } from './report-why.js';

/** What the report needs besides the result; the CLI fills it in. */
export interface ReportOptions {
  /** Folder the report is written to (`<outDir>/reports`): links are made relative to it. */
  reportDir: string;
  /** The `--fail-on-regression` threshold in % (10 = 10%), when one was given. */
  failOnRegressionPct?: number | undefined;
  /** The JSON report of the same run, linked at the end. */
  jsonPath?: string | undefined;
}

/** `20261127_140509` (UTC), the stamp in `performance_report_<stamp>.md` and `.json`. */
export function reportStamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-27T14:05:09.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

const STATUS: Record<TargetCheck['verdict'], string> = { pass: 'pass', warn: '**warn**', fail: '**FAIL**' };
const JOURNEY_KINDS = new Set<Measurement['kind']>(['journey-step', 'journey']);
const OWN_SECTION_KINDS = new Set<Measurement['kind']>(['journey-step', 'journey', 'sweep-point']);

const fmt = (m: Measurement, value: number): string => formatMeasure(value, m.unit);
const stat = (m: Measurement, key: 'p50' | 'p95' | 'p99' | 'median' | 'mean' | 'max'): string =>
  m.summary ? fmt(m, m.summary[key]) : '—';

function targetText(m: Measurement, t: TargetCheck): string {
  const warn = t.tolerance > 0 ? `, warn to ${fmt(m, warnBound(t.limit, t.tolerance, t.bound))}` : '';
  return `${t.stat} ${boundOp(t.bound)} ${fmt(m, t.limit)}${warn}`;
}

/** A target's status, with the measurement's failed runs (which fail the run whatever the target says). */
function status(m: Measurement, verdicts: TargetCheck['verdict'][]): string {
  const parts = verdicts.map((v) => STATUS[v]);
  if (m.failures.length > 0) parts.push(`**${plural(m.failures.length, 'failure')}**`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function meanCi(m: Measurement): string {
  if (!m.summary) return '—';
  const ci = m.summary.meanCi95;
  return ci ? `${fmt(m, m.summary.mean)} ± ${fmt(m, (ci[1] - ci[0]) / 2)}` : fmt(m, m.summary.mean);
}

function outliers(m: Measurement): string {
  if (m.outliers.length === 0) return '0';
  // tinybench hands back its per-call samples sorted: an index is a rank, not a call to point at.
  if (m.kind === 'benchmark') return `${m.outliers.length} of ${plural(m.samples.length, 'call')}`;
  const shown = m.outliers.slice(0, 5).map((i) => i + 1);
  const more = m.outliers.length > shown.length ? ', …' : '';
  return `${m.outliers.length} (${shown.length === 1 ? 'run' : 'runs'} ${shown.join(', ')}${more})`;
}

/** Suites in the order the run lists them, then any only seen in measurements. */
function suiteOrder(result: ValidateResult): string[] {
  return [...new Set([...result.suites, ...result.measurements.map((m) => m.suite)])];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function summarySection(result: ValidateResult, options: ReportOptions): string[] {
  const checks = result.measurements.flatMap((m) => m.targets);
  const count = (v: TargetCheck['verdict']) => checks.filter((t) => t.verdict === v).length;
  const withFailures = result.measurements.filter((m) => m.failures.length > 0);
  const comparisons = result.baseline?.comparisons ?? [];
  const verdicts = (v: string) => comparisons.filter((c) => c.comparison.verdict === v).length;
  const pastGate = comparisons.filter((c) => c.gateFailed).length;
  const gate =
    options.failOnRegressionPct === undefined ? 'the gate' : `the ${options.failOnRegressionPct}% gate`;

  const reasons = failureReasons(result, options.failOnRegressionPct);
  const verdict =
    reasons.length > 0
      ? `**FAIL** (exit code 1): ${reasons.join(', ')}.`
      : `**PASS** (exit code 0): ${checks.length === 0 ? 'no targets configured' : `all ${plural(checks.length, 'target')} met`}` +
        `${count('warn') > 0 ? ` (${count('warn')} within tolerance)` : ''}, no failed runs` +
        `${result.baseline ? ', no regression past the gate' : ''}.`;
  const rows: string[][] = [
    ['targets', `${count('pass')} pass, ${count('warn')} warn, ${count('fail')} fail`],
    ['measurements', `${result.measurements.length} (${withFailures.length} with failed runs)`],
  ];
  if (result.baseline) {
    const b = result.baseline;
    rows.push([
      `baseline ${mdText(b.name)}`,
      `${verdicts('regressed')} regressed (${pastGate} past ${gate}), ${verdicts('improved')} improved, ` +
        `${verdicts('within noise')} within noise, ${verdicts('no change')} no change, ${b.missing.length} not compared`,
    ]);
  }
  const lines = ['## Executive summary', ''];
  if (result.interrupted) {
    lines.push(
      '**Interrupted**: the run was stopped before every suite finished; below is what was measured.',
      '',
    );
  }
  return [...lines, verdict, '', ...mdTable(['', 'count'], rows)];
}

function targetsSection(result: ValidateResult): string[] {
  const withTargets = result.measurements.filter((m) => m.targets.length > 0);
  if (withTargets.length === 0) return ['## Targets', '', 'No targets configured.'];
  const lines = ['## Targets'];
  const bySuite = groupBy(withTargets, (m) => m.suite);
  for (const suite of suiteOrder(result)) {
    const ms = bySuite.get(suite);
    if (!ms) continue;
    const rows = ms.flatMap((m) =>
      m.targets.map((t) => [
        mdText(t.component),
        targetText(m, t),
        fmt(m, t.measured),
        status(m, [t.verdict]),
        stat(m, 'p50'),
        stat(m, 'p95'),
        stat(m, 'p99'),
        String(m.summary?.n ?? 0),
      ]),
    );
    lines.push(
      '',
      `### ${mdText(suite)}`,
      '',
      ...mdTable(['component', 'target', 'measured', 'status', 'p50', 'p95', 'p99', 'n'], rows),
    );
    const flagged = ms.filter((m) => m.outliers.length > 0).map((m) => `${mdText(m.id)} ${outliers(m)}`);
    if (flagged.length > 0) lines.push('', `Outliers flagged: ${flagged.join('; ')}.`);
  }
  return lines;
}

function untargetedSection(result: ValidateResult): string[] {
  const ms = result.measurements.filter((m) => m.targets.length === 0 && !OWN_SECTION_KINDS.has(m.kind));
  if (ms.length === 0) return [];
  const rows = ms.map((m) => [
    mdText(m.id),
    String(m.summary?.n ?? 0),
    stat(m, 'median'),
    meanCi(m),
    m.summary?.stddev != null ? fmt(m, m.summary.stddev) : '—',
    m.summary ? `${fmt(m, m.summary.min)} … ${fmt(m, m.summary.max)}` : '—',
    outliers(m),
  ]);
  return [
    '## Measurements without targets',
    '',
    ...mdTable(['measurement', 'n', 'median', 'mean ± 95% CI', 'stddev', 'min … max', 'outliers'], rows),
  ];
}

function journeysSection(result: ValidateResult): string[] {
  const groups = groupBy(
    result.measurements.filter((m) => JOURNEY_KINDS.has(m.kind)),
    (m) => `${m.suite}/${m.name}`,
  );
  if (groups.size === 0) return [];
  const lines = ['## Journeys'];
  for (const [name, ms] of groups) {
    // Steps in the order they ran, the whole journey last.
    const ordered = [
      ...ms.filter((m) => m.kind === 'journey-step'),
      ...ms.filter((m) => m.kind === 'journey'),
    ];
    const rows = ordered.map((m) => [
      m.kind === 'journey' ? `**${mdText(m.metric)}**` : mdText(m.metric),
      String(m.summary?.n ?? 0),
      stat(m, 'median'),
      stat(m, 'mean'),
      stat(m, 'max'),
      m.targets.map((t) => targetText(m, t)).join('; ') || '—',
      status(
        m,
        m.targets.map((t) => t.verdict),
      ),
    ]);
    lines.push(
      '',
      `### ${mdText(name)}`,
      '',
      ...mdTable(['step', 'n', 'median', 'mean', 'max', 'budget', 'status'], rows),
    );
  }
  return lines;
}

function fitLine(sweep: SweepResult, unitOf: Measurement | undefined): string {
  const fit = sweep.fit;
  if (!fit) return 'No scaling fit: fewer than two sizes produced samples.';
  const b = fit.exponent.toFixed(3);
  const ci = fit.ci95
    ? `95% CI ${fit.ci95[0].toFixed(3)} to ${fit.ci95[1].toFixed(3)}`
    : 'no interval: only two runs';
  const coefficient = unitOf ? formatMeasure(fit.coefficient, unitOf.unit) : fit.coefficient.toPrecision(3);
  return (
    `Fitted exponent b = ${b} (${ci}): **${fit.label}**. ` +
    `value ≈ ${coefficient} × size^${b}, r² ${fit.r2.toFixed(3)}, ${plural(fit.n, 'run')}.`
  );
}

function sweepsSection(result: ValidateResult, byId: Map<string, Measurement>): string[] {
  if (result.sweeps.length === 0) return [];
  const lines = ['## Scalability sweeps'];
  for (const sweep of result.sweeps) {
    const points = sweep.points.map((p) => ({ size: p.size, m: byId.get(p.measurementId) }));
    const rows = points.map(({ size, m }) =>
      m
        ? [
            String(size),
            String(m.summary?.n ?? 0),
            stat(m, 'median'),
            meanCi(m),
            m.summary ? `${fmt(m, m.summary.min)} … ${fmt(m, m.summary.max)}` : '—',
            m.targets.map((t) => targetText(m, t)).join('; ') || '—',
            status(
              m,
              m.targets.map((t) => t.verdict),
            ),
          ]
        : [String(size), '0', '—', '—', '—', '—', 'not measured'],
    );
    lines.push(
      '',
      `### ${mdText(`${sweep.suite}/${sweep.name}`)}`,
      '',
      fitLine(sweep, points.find((p) => p.m)?.m),
      '',
      ...mdTable(['size', 'n', 'median', 'mean ± 95% CI', 'min … max', 'budget', 'status'], rows),
    );
  }
  return lines;
}

function failuresSection(result: ValidateResult, options: ReportOptions): string[] {
  const lines: string[] = [];
  for (const { item, failures } of failuresByItem(result.measurements)) {
    for (const failure of failures) lines.push(`- ${mdText(item)}: ${mdText(failure)}`);
  }
  for (const m of result.measurements) {
    for (const t of m.targets.filter((t) => t.verdict === 'fail')) {
      lines.push(`- ${mdText(t.component)}: ${t.stat} ${fmt(m, t.measured)}, target ${targetText(m, t)}`);
    }
  }
  const gate =
    options.failOnRegressionPct === undefined ? 'the gate' : `the ${options.failOnRegressionPct}% gate`;
  for (const c of result.baseline?.comparisons.filter((c) => c.gateFailed) ?? []) {
    const ci = `${formatPct(c.comparison.ciPct[0])} to ${formatPct(c.comparison.ciPct[1])}`;
    lines.push(
      `- ${mdText(comparisonLabel(c.id, c.stat))}: regressed ${formatPct(c.comparison.changePct)} (95% CI ${ci}), past ${gate}`,
    );
  }
  return ['## Failures', '', ...(lines.length > 0 ? lines : ['None.'])];
}

function linksSection(result: ValidateResult, options: ReportOptions): string[] {
  const links = result.links.map((l) => `- [${mdText(l.label)}](${mdHref(options.reportDir, l.path)})`);
  if (options.jsonPath) links.push(`- [this report as JSON](${mdHref(options.reportDir, options.jsonPath)})`);
  return links.length > 0 ? ['## Links', '', ...links] : [];
}

/** The whole performance report for `result`. */
export function renderValidateReport(result: ValidateResult, options: ReportOptions): string {
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const started = new Date(result.startedAt);
  const seconds = (Date.parse(result.finishedAt) - started.getTime()) / 1000;
  const { machine } = result;
  const sections = [
    summarySection(result, options),
    targetsSection(result),
    untargetedSection(result),
    serversSection(result),
    journeysSection(result),
    sweepsSection(result, byId),
    baselineSection(result, byId, options.failOnRegressionPct),
    whySection(result, options.reportDir),
    failuresSection(result, options),
    methodologySection(result, options.failOnRegressionPct),
    linksSection(result, options),
  ].filter((s) => s.length > 0);
  return [
    '# Performance report',
    '',
    `Run ${formatUtc(started)}, ${seconds.toFixed(1)} s, on ${machine.cpus} × ${mdText(machine.cpuModel)}, ` +
      `${machine.memoryGb} GB, ${mdText(machine.os)}, Node ${mdText(machine.node)}. ` +
      `Config ${mdCode(result.config)}; suites: ${result.suites.map(mdText).join(', ') || 'none'}.`,
    '',
    ...sections.flatMap((s) => [...s, '']),
  ].join('\n');
}
