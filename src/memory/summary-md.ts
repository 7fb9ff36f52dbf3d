/**
 * memory_summary.md: what a `profile memory` run found, written from its results alone (nothing in it
 * is fixed text about a particular project): when and where it ran, the budgets table, a section per
 * workload with its figures (a server's load and its growth per 1,000 requests too), verdicts,
 * growing allocation sites and files, and a short conclusion.
 * Rewritten after every workload, so a crash or Ctrl-C keeps what was measured.
 */
import { join } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { budgetsTable } from '../render/budgets-md.js';
import { mdCode, mdHref, mdTable, mdText } from '../render/markdown.js';
import { formatBytes } from '../util/bytes.js';
import { formatUtc, plural } from '../util/words.js';
import type { GrowthVerdict } from './classify.js';
import { chosenModel } from './model-curve.js';
import { leakPerRequestSentence } from './per-request.js';
import type { MemoryResult, MetricVerdict } from './result.js';

/** Where and when the run happened, for the title block; the CLI fills it in. */
export interface MemorySummaryOptions {
  /** The run's --out-dir; links are relative to `<outDir>/memory_profiles/`, where the file is written. */
  outDir: string;
  generatedAt: Date;
  /** `2 × Intel Xeon, 8 GiB, linux x64`. */
  machine: string;
  nodeVersion: string;
}

const significant = (n: number): string => String(Number(n.toPrecision(3)));
const mbPerSec = (bytesPerSec: number): string => `${significant(bytesPerSec / 1e6)} MB/s`;
const bytes = (n: number): string => (Number.isFinite(n) ? formatBytes(n) : '—');

function name(result: MemoryResult): string {
  return `${result.suite}/${result.workload}`;
}

function budgetsSection(results: readonly MemoryResult[]): string[] {
  const rows = results.flatMap((r) => r.budgets);
  if (rows.length === 0) return ['## Budgets', '', 'No budgets configured.'];
  return ['## Budgets', '', ...budgetsTable(rows)];
}

/** `, 1.95 MB per 1,000 requests` for a server under the built-in load, else nothing. */
const perRequests = (v: GrowthVerdict): string =>
  v.slopeBytesPer1kRequests === undefined
    ? ''
    : `, ${formatBytes(v.slopeBytesPer1kRequests)} per 1,000 requests`;

/** `0.093 MB/s (95% interval 0.0715 to 0.113 MB/s), 1.86 KB per iteration`. */
function growthRate(v: GrowthVerdict): string {
  if (v.verdict === 'insufficient data') return `not measured (${v.verdict})`;
  const ci = v.ciBytesPerSec
    ? ` (95% interval ${significant(v.ciBytesPerSec[0] / 1e6)} to ${mbPerSec(v.ciBytesPerSec[1])})`
    : '';
  const perIteration =
    v.slopeBytesPerIteration === undefined ? '' : `, ${formatBytes(v.slopeBytesPerIteration)} per iteration`;
  return `${mbPerSec(v.slopeBytesPerSec)}${ci}${perIteration}${perRequests(v)}`;
}

/**
 * The metric a workload's headline rate is of: its first growing metric (the V8 heap leads, as in
 * the overall verdict), else RSS.
 */
function headline(result: MemoryResult): MetricVerdict | undefined {
  const growing = (m: MetricVerdict) => m.verdict.verdict === 'linear' || m.verdict.verdict === 'exponential';
  return (
    result.metrics.find((m) => m.metric === 'heapUsed' && growing(m)) ??
    result.metrics.find(growing) ??
    result.metrics.find((m) => m.metric === 'rss')
  );
}

/** One row per workload, before the details: what a reader scans first. */
function overviewSection(results: readonly MemoryResult[]): string[] {
  if (results.length === 0) return [];
  const rows = results.map((r) => {
    const metric = headline(r);
    const rate =
      metric && metric.verdict.verdict !== 'insufficient data'
        ? `${metric.label}: ${mbPerSec(metric.verdict.slopeBytesPerSec)}${perRequests(metric.verdict)}`
        : '';
    const failed = r.budgets.filter((b) => b.status !== 'pass').length;
    const budgets = r.budgets.length === 0 ? 'none' : failed === 0 ? 'pass' : `**${failed} failed**`;
    return [
      mdText(name(r)),
      r.state === 'ok' ? `**${r.verdict}**` : `${r.state}: ${r.verdict}`,
      r.peakRss > 0 ? formatBytes(r.peakRss) : '-',
      mdText(rate),
      r.leak ? '**yes**' : 'no',
      budgets,
    ];
  });
  return [
    '## Overview',
    '',
    ...mdTable(['workload', 'verdict', 'peak RSS', 'growth rate', 'leak', 'budgets'], rows),
    '',
  ];
}

function metricsTable(metrics: readonly MetricVerdict[]): string[] {
  return mdTable(
    ['metric', 'verdict', 'growth rate', 'model', 'R²', 'why'],
    metrics.map(({ label, verdict: v }) => {
      const model = chosenModel(v);
      return [
        mdText(label),
        v.verdict,
        v.verdict === 'insufficient data' ? '—' : `${mbPerSec(v.slopeBytesPerSec)}${perRequests(v)}`,
        model?.name ?? '—',
        model ? model.r2.toFixed(3) : '—',
        mdText(v.reason),
      ];
    }),
  );
}

function sitesTable(result: MemoryResult): string[] {
  if (result.topGrowingSites.length === 0) {
    const why = result.files.heapProfile
      ? 'no allocation site grew between the early and the last heap profile'
      : 'no heap profiles were taken';
    return [`Top growing allocation sites: none (${why}).`];
  }
  return [
    'Top growing allocation sites (in-use bytes, early vs last heap profile):',
    '',
    ...mdTable(
      ['function', 'file:line', 'early', 'late', 'growth'],
      result.topGrowingSites.map((s) => [
        mdCode(s.name),
        s.file ? mdCode(s.line ? `${s.file}:${s.line}` : s.file) : '—',
        formatBytes(s.earlyBytes),
        formatBytes(s.lateBytes),
        `+${formatBytes(s.growthBytes)}`,
      ]),
    ),
  ];
}

function filesLine(result: MemoryResult, fromDir: string): string[] {
  const f = result.files;
  const entries: [string, string | undefined][] = [
    ['chart', f.chart],
    ['heap flamegraph', f.heapFlamegraph],
    ['heap profile', f.heapProfile],
    ['series (CSV)', f.seriesCsv],
    ['series (JSON)', f.seriesJson],
    ['log', f.log],
  ];
  const links = entries.flatMap(([label, file]) => (file ? [`[${label}](${mdHref(fromDir, file)})`] : []));
  const lines = links.length > 0 ? [`Files: ${links.join(' · ')}`] : [];
  if (f.chart) lines.push('', `![memory of ${mdText(name(result))} over time](${mdHref(fromDir, f.chart)})`);
  return lines;
}

/**
 * `2 Node processes`, or with worker threads `1 Node process with 3 threads, their V8 heaps summed`:
 * each thread is a heap of its own, and the heap figures are their sum (each in the series JSON).
 */
export function nodeProcesses(result: Pick<MemoryResult, 'processes' | 'threads'>): string {
  const processes = plural(result.processes, 'Node process', 'Node processes');
  return result.threads > result.processes
    ? `${processes} with ${plural(result.threads, 'thread')}, their V8 heaps summed`
    : processes;
}

function workloadSection(result: MemoryResult, fromDir: string): string[] {
  const rss = result.metrics.find((m) => m.metric === 'rss') ?? result.metrics[0];
  const exponential = result.metrics.find((m) => m.verdict.doublingTimeSec !== undefined);
  const ran = `${(result.durationMs / 1000).toFixed(1)} s, ${plural(result.samples.length, 'sample')} every ${result.intervalMs} ms, ${nodeProcesses(result)}`;
  const state =
    result.state === 'ok'
      ? `ok (${ran})`
      : `**${result.state}**: ${mdText(result.reason ?? 'no reason given')} (${ran})`;
  const perRequest = leakPerRequestSentence(result.metrics);
  const facts: [string, string][] = [
    ['state', state],
    ...(result.load
      ? [['load', mdText(formatLoad(result.load).replace(/^load: /, ''))] as [string, string]]
      : []),
    ['verdict', `**${result.verdict}**`],
    ['leak detected', result.leak ? '**yes**' : 'no'],
    ...(perRequest ? [['leak per request', `**${mdText(perRequest)}**`] as [string, string]] : []),
    ['peak RSS', bytes(result.peakRss)],
    ['average RSS', bytes(result.averageRss)],
    ['final RSS', bytes(result.finalRss)],
  ];
  if (rss) facts.push([`growth rate, ${mdText(rss.label)}`, growthRate(rss.verdict)]);
  if (exponential?.verdict.doublingTimeSec !== undefined)
    facts.push([
      `doubling time, ${mdText(exponential.label)}`,
      `${exponential.verdict.doublingTimeSec.toFixed(1)} s`,
    ]);
  return [
    `### ${mdText(name(result))}`,
    '',
    ...mdTable(
      ['', ''],
      facts.map(([k, v]) => [k, v]),
    ),
    '',
    ...(result.metrics.length > 0
      ? [...metricsTable(result.metrics), '']
      : ['No metric could be classified.', '']),
    ...sitesTable(result),
    '',
    ...filesLine(result, fromDir),
  ];
}

function conclusion(results: readonly MemoryResult[]): string[] {
  const count = (kind: MemoryResult['verdict']) => results.filter((r) => r.verdict === kind).length;
  const growing = results.filter((r) => r.leak);
  const failed = results.filter((r) => r.state !== 'ok');
  const budgets = results.flatMap((r) => r.budgets);
  const failedBudgets = budgets.filter((b) => b.status === 'fail');
  const lines = [
    `- ${plural(results.length, 'workload')}: ${count('stable')} stable, ${growing.length} growing, ${count('insufficient data')} with insufficient data.`,
  ];
  const growingItem = (r: MemoryResult): string => {
    const perRequest = leakPerRequestSentence(r.metrics);
    return `${mdText(name(r))} (${r.verdict}${perRequest ? `: ${mdText(perRequest)}` : ''})`;
  };
  if (growing.length > 0) lines.push(`- Growing: ${growing.map(growingItem).join(', ')}.`);
  if (failed.length > 0)
    lines.push(
      `- Not ok: ${failed.map((r) => `${mdText(name(r))} (${r.state}${r.reason ? `: ${mdText(r.reason)}` : ''})`).join(', ')}.`,
    );
  if (budgets.length === 0) lines.push('- No budgets configured.');
  else if (failedBudgets.length === 0) lines.push(`- All ${plural(budgets.length, 'budget')} met.`);
  else
    lines.push(
      `- ${failedBudgets.length} of ${plural(budgets.length, 'budget')} failed: ${failedBudgets
        .map((b) => `${mdText(b.component)} ${mdText(b.budget)} (measured ${mdText(b.measured)})`)
        .join('; ')}.`,
    );
  return ['## Conclusion', '', ...lines];
}

/** The whole memory_summary.md for the results so far. */
export function renderMemorySummary(results: MemoryResult[], opts: MemorySummaryOptions): string {
  const fromDir = join(opts.outDir, 'memory_profiles');
  const sections = results.flatMap((r) => [...workloadSection(r, fromDir), '']);
  const lines = [
    '# Memory profile summary',
    '',
    `Generated ${formatUtc(opts.generatedAt)} on ${mdText(opts.machine)}, Node ${mdText(opts.nodeVersion)}; ${plural(results.length, 'workload')}.`,
    '',
    ...overviewSection(results),
    ...budgetsSection(results),
    '',
    '## Workloads',
    '',
    ...(results.length > 0 ? sections : ['No workloads were run.', '']),
    ...conclusion(results),
    '',
  ];
  return lines.join('\n');
}
