/**
 * What `profile doctor` prints for one workload: state and verdict first, the last lines a failed
 * one printed, then each finding with its evidence and the functions behind it, then the figures,
 * and where the files are.
 */
import { relative } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { formatBytes } from '../util/bytes.js';
import { outputTailLines } from '../workload/output-tail-lines.js';
import { millis, percent } from './format.js';
import type { FunctionAt } from './program-frame.js';
import type { DoctorResult, Finding } from './result.js';

const MARK: Record<DoctorResult['state'], string> = {
  ok: 'ok',
  failed: 'FAILED',
  timeout: 'TIMEOUT',
  interrupted: 'INTERRUPTED',
  error: 'ERROR',
};

/** `renderRows (src/table.ts:12)`, or the name alone. */
export function functionLabel(fn: FunctionAt): string {
  if (!fn.file) return fn.function;
  return `${fn.function} (${fn.file}${fn.line === undefined ? '' : `:${fn.line}`})`;
}

/** `event-loop-blocked`, or `event-loop-blocked (allowed)`. */
export function findingLabel(finding: Finding, result: Pick<DoctorResult, 'diagnosis'>): string {
  return result.diagnosis.allowed.includes(finding.kind) ? `${finding.kind} (allowed)` : finding.kind;
}

/** `event-loop-blocked, gc-pressure`, `healthy` or `insufficient data`. */
export function verdictLine(result: DoctorResult): string {
  if (result.diagnosis.verdict !== 'findings') return result.diagnosis.verdict;
  return result.diagnosis.findings.map((f) => findingLabel(f, result)).join(', ');
}

export function formatDoctorResult(result: DoctorResult, cwd: string): string {
  const lines = [`${MARK[result.state]}  ${result.suite}/${result.workload}: ${verdictLine(result)}`];
  if (result.reason) lines.push(`  ${result.reason}`);
  lines.push(...outputTailLines(result, '  '));
  if (result.load) lines.push(`  ${formatLoad(result.load)}`);
  for (const finding of result.diagnosis.findings) {
    lines.push(`  ${findingLabel(finding, result)}: ${finding.evidence}`);
    for (const fn of finding.functions.slice(0, 3))
      lines.push(`    ${millis(fn.ms).padStart(8)}  ${functionLabel(fn)}`);
    for (const fn of (finding.allocations ?? []).slice(0, 3))
      lines.push(
        `    ${formatBytes(fn.bytes).padStart(8)}  ${functionLabel(fn)} allocated (${percent(fn.share)})`,
      );
  }
  const d = result.eventLoopDelayMs;
  lines.push(
    `  loop delay p50 ${d ? millis(d.p50) : '-'}, p99 ${d ? millis(d.p99) : '-'}, max ${d ? millis(d.max) : '-'}; ` +
      `loop busy ${percent(result.utilization)}; CPU ${percent(result.cpu)} of a core; GC ${percent(result.gcShare)}; ` +
      `start-up ${millis(result.startupMs)}${result.moduleLoadingMs > 0 ? `, then ${millis(result.moduleLoadingMs)} loading modules` : ''}`,
  );
  const clinic = result.clinic;
  if (clinic)
    lines.push(
      clinic.error
        ? `  clinic doctor: ${clinic.error}`
        : `  clinic doctor says: ${clinic.category}${clinic.html ? `; its report: ${relative(cwd, clinic.html)}` : ''}`,
    );
  for (const b of result.budgets.filter((b) => b.status === 'fail'))
    lines.push(`  budget failed: ${b.budget}, measured ${b.measured}`);
  if (result.files.json) lines.push(`  data: ${relative(cwd, result.files.json)}`);
  if (result.state !== 'ok' && result.files.log) lines.push(`  log:  ${relative(cwd, result.files.log)}`);
  return lines.join('\n');
}
