/**
 * The terminal summary of a `profile cpu` run: per workload its state, duration and samples, the
 * top functions by self and by total time with their share, and where the files are.
 */
import { relative } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { groupThousands } from '../model/format-value.js';
import type { FunctionStat } from '../model/top.js';
import { plural } from '../util/words.js';
import type { CpuResult } from './result.js';

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

export function formatCpuResult(result: CpuResult, cwd: string, count = 5): string {
  const head = `${MARK[result.state].padEnd(6)} ${result.suite}/${result.workload}  ${seconds(result.durationMs)}  ${groupThousands(result.sampleCount)} samples, ${plural(result.processes, 'process', 'processes')}, ${plural(result.threads, 'thread')}, ${result.measures}`;
  const lines = [head];
  if (result.reason) lines.push(`    ${result.reason}`);
  if (result.warning) lines.push(`    warning: ${result.warning}`);
  if (result.load) lines.push(`    ${formatLoad(result.load)}`);
  lines.push(...table('by self time', result.topSelf, cwd, count));
  lines.push(...table('by total time', result.topTotal, cwd, count));
  const files = [result.files.svg, result.files.pprof, result.files.folded, ...(result.files.engine ?? [])]
    .filter((f): f is string => Boolean(f))
    .map((f) => relative(cwd, f) || f);
  if (files.length > 0) lines.push(`    files: ${files.join('  ')}`);
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
