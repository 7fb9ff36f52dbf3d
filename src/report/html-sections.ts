/**
 * The report page's other sections, written server-side as escaped HTML so they read before (and
 * without) any script: Memory (verdict table, charts, growing allocation sites), Event loop
 * (profile doctor's verdicts, findings with the blocking functions, charts), Validation
 * (targets, the baseline comparison, sweeps), History (the "since the last run" table; the trend
 * charts are drawn by the page's script from the same data) and the files that could not be read.
 */
import { millis, percent } from '../doctor/format.js';
import type { HistoryMove } from '../history/trend-types.js';
import { formatValue } from '../model/format-value.js';
import { plural } from '../util/words.js';
import { escapeHtml as esc, hrefOfPath } from './html-escape.js';
import type { ComparisonEntry, DoctorEntry, MemoryEntry, PageData } from './page-data.js';

/** A table from header cells and rows of already-escaped cell markup; `num` marks right-aligned columns. */
function table(className: string, headers: string[], rows: string[][], num: number[] = []): string {
  const cls = (i: number) => (num.includes(i) ? ' class="num"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** An ISO time as `2026-12-01 10:20 UTC`; anything else as it is. */
export function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function empty(text: string): string {
  return `<p class="empty">${esc(text)}</p>`;
}

function memoryRow(entry: MemoryEntry): string[] {
  const budgets = entry.budgets.map((b) => `${b.budget}: ${b.measured} (${b.status})`).join('; ');
  const state =
    entry.state === 'ok' ? '' : ` <span class="state state-${esc(entry.state)}">${esc(entry.state)}</span>`;
  return [
    esc(`${entry.suite}/${entry.workload}`) + state,
    `<strong>${esc(entry.verdict)}</strong>`,
    esc(entry.peakRss > 0 ? formatValue(entry.peakRss, 'bytes') : '-'),
    esc(entry.growth === '' ? '-' : entry.growth),
    `<span class="yes-no-${entry.leak ? 'yes' : 'no'}">${entry.leak ? 'yes' : 'no'}</span>`,
    esc(budgets === '' ? '-' : budgets),
  ];
}

function memoryDetail(entry: MemoryEntry): string {
  const parts = [`<h3>${esc(`${entry.suite}/${entry.workload}`)}</h3>`];
  if (entry.heap !== undefined)
    parts.push(`<p class="links"><a href="#${esc(entry.heap)}">heap profile</a></p>`);
  // chartSvg is our own renderer's markup: inlined as it is (page-data.ts).
  if (entry.chartSvg !== undefined) parts.push(`<figure class="chart">${entry.chartSvg}</figure>`);
  if (entry.growingSites.length > 0) {
    parts.push(
      table(
        'growing-sites',
        ['Growing allocation site', 'Location', 'Growth'],
        entry.growingSites.map((s) => [
          `<span class="name">${esc(s.name)}</span>`,
          `<code>${esc(s.location)}</code>`,
          esc(`+${formatValue(s.growthBytes, 'bytes')}`),
        ]),
        [2],
      ),
    );
  }
  return parts.join('\n');
}

/** The Memory section's body. */
export function memorySection(memory: MemoryEntry[]): string {
  if (memory.length === 0) return empty('No memory results in this directory: `profile memory` writes them.');
  const rows = memory.map(memoryRow);
  const details = memory.filter((e) => e.chartSvg !== undefined || e.growingSites.length > 0 || e.heap);
  return [
    table(
      'memory-verdicts',
      ['Workload', 'Verdict', 'Peak RSS', 'Growth rate', 'Leak', 'Budgets'],
      rows,
      [2],
    ),
    ...details.map(memoryDetail),
  ].join('\n');
}

const ms = (v: number | null): string => (v === null ? '-' : millis(v));

function doctorDetail(entry: DoctorEntry): string {
  const parts = [`<h3>${esc(`${entry.suite}/${entry.workload}`)}</h3>`];
  for (const f of entry.findings) {
    parts.push(
      `<p class="finding"><strong>${esc(f.kind)}</strong>${f.allowed ? ' (allowed)' : ''}: ${esc(f.evidence)}</p>`,
    );
    parts.push(...findingTables(f));
  }
  const clinic = entry.clinic;
  if (clinic) {
    const report = clinic.href ? ` (<a href="${esc(hrefOfPath(clinic.href))}">its report</a>)` : '';
    parts.push(
      `<p class="clinic">clinic doctor: ${clinic.error ? esc(clinic.error) : `<strong>${esc(clinic.category ?? '-')}</strong>${report}`}</p>`,
    );
  }
  // chartSvg is our own renderer's markup: inlined as it is (page-data.ts).
  if (entry.chartSvg !== undefined) parts.push(`<figure class="chart">${entry.chartSvg}</figure>`);
  return parts.join('\n');
}

/** The tables under a finding: what ran during the blocks, what allocated most. */
function findingTables(f: DoctorEntry['findings'][number]): string[] {
  const tables: string[] = [];
  const name = (fn: { name: string; location: string }) => [
    `<span class="name">${esc(fn.name)}</span>`,
    `<code>${esc(fn.location)}</code>`,
  ];
  if (f.functions.length > 0)
    tables.push(
      table(
        'blocking-functions',
        ['Ran during the blocks', 'Location', 'CPU time'],
        f.functions.map((fn) => [...name(fn), esc(ms(fn.ms))]),
        [2],
      ),
    );
  if (f.allocations.length > 0)
    tables.push(
      table(
        'allocating-functions',
        ['Allocated most', 'Location', 'Allocated', 'Share'],
        f.allocations.map((fn) => [...name(fn), esc(formatValue(fn.bytes, 'bytes')), esc(percent(fn.share))]),
        [2, 3],
      ),
    );
  return tables;
}

/** The Event loop section's body (profile doctor). */
export function doctorSection(doctor: DoctorEntry[]): string {
  if (doctor.length === 0)
    return empty('No event-loop results in this directory: `profile doctor` writes them.');
  const rows = doctor.map((e) => {
    const state = e.state === 'ok' ? '' : ` <span class="state state-${esc(e.state)}">${esc(e.state)}</span>`;
    const budgets = e.budgets.map((b) => `${b.budget}: ${b.measured} (${b.status})`).join('; ');
    return [
      esc(`${e.suite}/${e.workload}`) + state,
      `<strong>${esc(e.verdict)}</strong>`,
      esc(ms(e.delayP99)),
      esc(ms(e.delayMax)),
      esc(percent(e.utilization)),
      esc(percent(e.cpu)),
      esc(percent(e.gcShare)),
      esc(budgets === '' ? '-' : budgets),
    ];
  });
  return [
    table(
      'doctor-verdicts',
      ['Workload', 'Verdict', 'Delay p99', 'Max', 'Loop busy', 'CPU', 'GC', 'Budgets'],
      rows,
      [2, 3, 4, 5, 6],
    ),
    ...doctor.filter((e) => e.findings.length > 0 || e.chartSvg !== undefined).map(doctorDetail),
  ].join('\n');
}

function verdictCell(verdict: string): string {
  return `<span class="verdict-${esc(verdict.replace(/[^a-z]/gi, '-'))}">${esc(verdict)}</span>`;
}

/** "Why it got slower": per attributed comparison, its causes and its differential flamegraph. */
function whyParts(comparisons: ComparisonEntry[]): string[] {
  const explained = comparisons.filter((c) => c.why);
  if (explained.length === 0) return [];
  const parts = ['<h3>Why it got slower</h3>'];
  for (const { id, change, why } of explained) {
    if (!why) continue;
    const link = why.flamegraph
      ? ` <a href="${esc(hrefOfPath(why.flamegraph))}">differential flamegraph</a>`
      : '';
    const per = why.per ? ` (figures ${why.per})` : '';
    parts.push(`<p class="why-heading"><strong>${esc(id)}</strong> ${esc(change)}${esc(per)}${link}</p>`);
    if (why.causes.length > 0) {
      parts.push(
        table(
          'why',
          ['Function', 'Where', 'Baseline', 'This run', 'Change', 'Of the change', 'p'],
          why.causes.map((c) => [
            esc(c.function),
            esc(c.where),
            esc(c.before),
            esc(c.after),
            esc(c.delta),
            esc(c.share),
            esc(c.p),
          ]),
          [2, 3, 4, 5, 6],
        ),
      );
    }
    if (why.note) parts.push(`<p class="note">${esc(why.note)}</p>`);
  }
  return parts;
}

/** The Validation section's body. */
export function validationSection(validation: PageData['validation']): string {
  if (validation === undefined)
    return empty('No validation report in this directory: `profile validate` writes one.');
  const parts = [
    `<p class="note">${esc(`Report ${validation.report}, started ${when(validation.startedAt)}`)}</p>`,
  ];
  parts.push('<h3>Targets</h3>');
  parts.push(
    validation.targets.length === 0
      ? empty('No targets.')
      : table(
          'targets',
          ['Target', 'Component', 'Limit', 'Measured', 'Verdict'],
          validation.targets.map((t) => [
            esc(t.id),
            esc(t.component),
            esc(t.limit),
            esc(t.measured),
            verdictCell(t.verdict),
          ]),
        ),
  );
  parts.push('<h3>Against the baseline</h3>');
  parts.push(
    validation.comparisons.length === 0
      ? empty('No baseline comparison.')
      : table(
          'comparisons',
          ['Measurement', 'Change', 'Verdict'],
          validation.comparisons.map((c) => [esc(c.id), esc(c.change), verdictCell(c.verdict)]),
          [1],
        ),
  );
  parts.push(...whyParts(validation.comparisons));
  if (validation.sweeps.length > 0) {
    parts.push('<h3>Sweeps</h3><div class="charts">');
    for (const sweep of validation.sweeps) {
      const exponent =
        sweep.exponent === undefined
          ? 'no fit'
          : `time ∝ size^${sweep.exponent.toFixed(2)}` +
            (sweep.interval
              ? ` (95% interval ${sweep.interval[0].toFixed(2)} to ${sweep.interval[1].toFixed(2)})`
              : '');
      // chartSvg is our own renderer's markup.
      parts.push(
        `<figure class="chart sweep">${sweep.chartSvg}<figcaption>${esc(`${sweep.name}: ${exponent}`)}</figcaption></figure>`,
      );
    }
    parts.push('</div>');
  }
  return parts.join('\n');
}

function moveValue(value: number | undefined, unit: string): string {
  if (value === undefined) return '-';
  return ['nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes', 'count'].includes(unit)
    ? formatValue(value, unit)
    : `${Number(value.toPrecision(3))} ${unit}`.trim();
}

function moveRow(move: HistoryMove): string[] {
  const change =
    move.change === undefined
      ? '-'
      : `${move.change > 0 ? '+' : ''}${move.change.toFixed(1)}%` +
        (move.band === undefined ? '' : ` (band ${move.band.toFixed(1)}%)`);
  return [
    esc(move.id),
    esc(move.machine),
    esc(moveValue(move.before, move.unit)),
    esc(moveValue(move.after, move.unit)),
    esc(change),
    `<span class="move-${esc(move.verdict.replace(/[^a-z]/gi, '-'))}">${esc(move.verdict)}</span>`,
  ];
}

/** The History section's body: the charts' place (the script fills it) and "since the last run". */
export function historySection(history: PageData['history']): string {
  if (history.runs.length === 0)
    return empty('No run history yet: every run of profile cpu, memory or validate adds one.');
  const first = history.runs[0];
  const last = history.runs[history.runs.length - 1];
  const span =
    first && last
      ? `${plural(history.runs.length, 'run')} from ${when(first.t)} to ${when(last.t)}.`
      : `${plural(history.runs.length, 'run')}.`;
  return [
    `<p class="note">${esc(span)} ${esc(history.rule)}</p>`,
    '<h3>Since the last run</h3>',
    history.moved.length === 0
      ? empty('Nothing to compare yet.')
      : table(
          'moved',
          ['Measurement', 'Machine', 'Before', 'After', 'Change', 'Verdict'],
          history.moved.map(moveRow),
          [2, 3, 4],
        ),
    '<h3>Trends</h3>',
    '<p class="no-script note">The trend charts are drawn by the page\'s script.</p>',
    '<div id="history-charts" class="charts"></div>',
  ].join('\n');
}

/** The files that could not be read, and why. */
export function unreadableSection(unreadable: PageData['unreadable']): string {
  if (unreadable.length === 0) return empty('Every file was read.');
  const items = unreadable.map((u) => `<li><code>${esc(u.file)}</code>: ${esc(u.reason)}</li>`);
  return `<ul class="unreadable">\n${items.join('\n')}\n</ul>`;
}
