/**
 * doctor_summary.md: what a `profile doctor` run found, from its results alone: a verdict table, then
 * a section per workload with each finding's evidence and the functions behind it, the figures and
 * the longest blocks. Rewritten after every workload, so a crash or Ctrl-C keeps what was measured.
 */
import { join } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { budgetsTable } from '../render/budgets-md.js';
import { mdCode, mdHref, mdTable, mdText } from '../render/markdown.js';
import { formatBytes } from '../util/bytes.js';
import { formatUtc } from '../util/words.js';
import { RULES } from './diagnose.js';
import { millis, percent } from './format.js';
import type { DoctorResult } from './result.js';
import { findingLabel, functionLabel, verdictLine } from './terminal.js';

export interface DoctorSummaryOptions {
  /** The run's --out-dir; links are relative to `<outDir>/doctor/`, where the file is written. */
  outDir: string;
  generatedAt: Date;
  machine: string;
  nodeVersion: string;
}

const delay = (r: DoctorResult, key: 'p50' | 'p99' | 'max'): string =>
  r.eventLoopDelayMs ? millis(r.eventLoopDelayMs[key]) : '-';

function workloadSection(r: DoctorResult, dir: string): string[] {
  const lines = [`## ${mdText(`${r.suite}/${r.workload}`)}`, ''];
  lines.push(
    `Verdict: **${mdText(verdictLine(r))}**${r.state === 'ok' ? '' : ` (the run ${r.state}${r.reason ? `: ${mdText(r.reason)}` : ''})`}.`,
    '',
  );
  if (r.load) lines.push(`Load: ${mdText(formatLoad(r.load))}.`, '');
  if (r.diagnosis.verdict === 'insufficient data') {
    lines.push(
      `Fewer than ${RULES.minReadings} readings after start-up (${r.intervalMs} ms apart): run the workload longer (\`--duration\`) to judge it.`,
      '',
    );
  }
  for (const finding of r.diagnosis.findings) {
    lines.push(`### ${mdText(findingLabel(finding, r))}`, '', `${mdText(finding.evidence)}.`, '');
    if (finding.functions.length > 0) {
      lines.push(
        ...mdTable(
          ['function', 'CPU time in the blocks'],
          finding.functions.map((fn) => [mdCode(functionLabel(fn)), millis(fn.ms)]),
        ),
        '',
      );
    }
    if (finding.allocations && finding.allocations.length > 0) {
      lines.push(
        ...mdTable(
          ['function', 'allocated (sampled)', 'share of all allocations'],
          finding.allocations.map((fn) => [
            mdCode(functionLabel(fn)),
            formatBytes(fn.bytes),
            percent(fn.share),
          ]),
        ),
        '',
      );
    }
  }
  lines.push(
    ...mdTable(
      ['figure', r.scope],
      [
        ['event-loop delay p50 / p99 / max', `${delay(r, 'p50')} / ${delay(r, 'p99')} / ${delay(r, 'max')}`],
        ['event-loop utilization', percent(r.utilization)],
        ['CPU (1 core = 100%)', percent(r.cpu)],
        ['time in GC pauses', percent(r.gcShare)],
        [
          'GC pauses',
          r.gcPausesMs
            ? `${r.gcPausesMs.count}, median ${millis(r.gcPausesMs.p50)}, p99 ${millis(r.gcPausesMs.p99)}, longest ${millis(r.gcPausesMs.max)}`
            : 'none',
        ],
        ['start-up (not judged)', millis(r.startupMs)],
        ['blocks loading modules after it (not judged)', millis(r.moduleLoadingMs)],
        ['Node processes', String(r.processes)],
      ],
    ),
    '',
  );
  if (r.clinic) {
    lines.push('### clinic doctor', '');
    if (r.clinic.error) lines.push(`${mdText(r.clinic.error)}.`, '');
    else {
      const report = r.clinic.html ? ` ([its report](${mdHref(dir, r.clinic.html)}))` : '';
      lines.push(`clinic doctor's own analysis: **${mdText(r.clinic.category ?? 'none')}**${report}.`, '');
      if (r.clinic.recommendation) lines.push('Its recommendation:', '', r.clinic.recommendation, '');
    }
  }
  if (r.blocks.length > 0) {
    lines.push(
      '### Longest blocks',
      '',
      ...mdTable(
        ['at', 'length', 'pid', 'what ran'],
        r.blocks.map((b) => [
          `${b.atSec.toFixed(2)} s`,
          millis(b.ms),
          String(b.pid),
          b.functions.length > 0
            ? mdText(b.functions.slice(0, 3).map(functionLabel).join(', '))
            : '(no CPU samples)',
        ]),
      ),
      '',
    );
  }
  if (r.files.chart)
    lines.push(`![event-loop delay, busy share, CPU and GC over time](${mdHref(dir, r.files.chart)})`, '');
  const files = [r.files.json, r.files.chart, r.files.cpuProfile, r.files.log].filter(
    (f): f is string => !!f,
  );
  lines.push(
    `Files: ${files.map((f) => `[${mdText(f.split('/').at(-1) as string)}](${mdHref(dir, f)})`).join(', ')}`,
    '',
  );
  return lines;
}

export function renderDoctorSummary(results: readonly DoctorResult[], options: DoctorSummaryOptions): string {
  const dir = join(options.outDir, 'doctor');
  const lines = [
    '# Event-loop health (profile doctor)',
    '',
    `Generated ${formatUtc(options.generatedAt)} on ${mdText(options.machine)}, Node ${mdText(options.nodeVersion)}. ` +
      'How each verdict is reached: docs/doctor-method.md in perfsuite.',
    '',
    ...mdTable(
      ['workload', 'verdict', 'delay p99', 'max', 'loop busy', 'CPU', 'GC'],
      results.map((r) => [
        mdText(`${r.suite}/${r.workload}`),
        r.state === 'ok' ? mdText(verdictLine(r)) : `**${r.state}**`,
        delay(r, 'p99'),
        delay(r, 'max'),
        percent(r.utilization),
        percent(r.cpu),
        percent(r.gcShare),
      ]),
    ),
    '',
  ];
  const budgets = results.flatMap((r) => r.budgets);
  if (budgets.length > 0) {
    lines.push('## Budgets', '', ...budgetsTable(budgets), '');
  }
  for (const r of results) lines.push(...workloadSection(r, dir));
  return `${lines.join('\n').trimEnd()}\n`;
}
