/**
 * The terminal summary of a `profile cpu` run: per workload its state, duration and samples, the
 * last lines a failed one printed, the top functions by self and by total time with their share, and
 * where the files are (or that no flamegraph was written, for want of samples).
 */
import { relative } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { groupThousands } from '../model/format-value.js';
import type { FunctionStat } from '../model/top.js';
import { noun, plural } from '../util/words.js';
import { outputTailLines } from '../workload/output-tail-lines.js';
import type { CpuResult } from './result.js';

/**
 * Rows of each top table when `--top` is not given: five keep a workload's summary on one screen;
 * `--json` and cpu_results.json list ten (CpuRunOptions.top).
 */
export const TERMINAL_TOP = 5;

const MARK: Record<CpuResult['state'], string> = {
  ok: 'ok',
  failed: 'FAILED',
  timeout: 'TIMEOUT',
  interrupted: 'INTERRUPTED',
  error: 'ERROR',
};

const pct = (share: number): string => `${(share * 100).toFixed(1).padStart(5)}%`;
const seconds = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function location(stat: FunctionStat, cwd: string): string {
  if (!stat.file) return '';
  const file = stat.file.startsWith('/') ? relative(cwd, stat.file) : stat.file;
  if (!stat.line) return file;
  return stat.column ? `${file}:${stat.line}:${stat.column}` : `${file}:${stat.line}`;
}

function table(title: string, stats: FunctionStat[], cwd: string, count: number): string[] {
  if (stats.length === 0) return [];
  const rows = stats.slice(0, count);
  const width = Math.min(48, Math.max(8, ...rows.map((s) => s.name.length)));
  return [
    `    ${title}`,
    `      self   total  ${'function'.padEnd(width)}  location`,
    ...rows.map(
      (s) =>
        `    ${pct(s.selfShare)} ${pct(s.totalShare)}  ${s.name.slice(0, width).padEnd(width)}  ${location(s, cwd)}`,
    ),
  ];
}

/** One workload's lines; `count` rows in each top table at most (`--top`). */
export function formatCpuResult(result: CpuResult, cwd: string, count = TERMINAL_TOP): string {
  const samples = `${groupThousands(result.sampleCount)} ${noun(result.sampleCount, 'sample')}`;
  const head = `${MARK[result.state].padEnd(6)} ${result.suite}/${result.workload}  ${seconds(result.durationMs)}  ${samples}, ${plural(result.processes, 'process', 'processes')}, ${plural(result.threads, 'thread')}, ${result.measures}`;
  const lines = [head];
  if (result.reason) lines.push(`    ${result.reason}`);
  lines.push(...outputTailLines(result, '    '));
  if (result.warning) lines.push(`    warning: ${result.warning}`);
  if (result.load) lines.push(`    ${formatLoad(result.load)}`);
  lines.push(...table('by self time', result.topSelf, cwd, count));
  lines.push(...table('by total time', result.topTotal, cwd, count));
  const files = [result.files.svg, result.files.pprof, result.files.folded, ...(result.files.engine ?? [])]
    .filter((f): f is string => Boolean(f))
    .map((f) => relative(cwd, f) || f);
  if (files.length > 0) lines.push(`    files: ${files.join('  ')}`);
  if (!result.files.svg) lines.push('    no flamegraph (no samples to draw)');
  if ((result.state !== 'ok' || result.warning) && result.files.log) {
    lines.push(`    log:   ${relative(cwd, result.files.log)}`);
  }
  return lines.join('\n');
}

export function formatCpuTotals(results: CpuResult[]): string {
  const failed = results.filter((r) => r.state !== 'ok').length;
  const wall = results.reduce((sum, r) => sum + r.durationMs, 0);
  return `${plural(results.length, 'workload')} profiled in ${seconds(wall)}; ${failed === 0 ? 'all ok' : `${failed} not ok`}`;
}
