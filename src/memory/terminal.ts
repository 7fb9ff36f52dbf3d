/**
 * The terminal summary of one `profile memory` workload, in the style of the CPU one (cpu/terminal.ts):
 * state and verdict on the first line, the last lines a failed one printed, a server's load, then RSS
 * figures and growth, each metric's verdict (per second, and per 1,000 requests under load), a leak
 * per request in words, the top growing allocation sites, and where the files are (relative to the
 * current directory).
 */

import { relative } from 'node:path';
import { formatLoad } from '../load/summary.js';
import { groupThousands } from '../model/format-value.js';
import { formatBytes } from '../util/bytes.js';
import { noun } from '../util/words.js';
import { outputTailLines } from '../workload/output-tail-lines.js';
import type { GrowthVerdict } from './classify.js';
import { leakPerRequestSentence, per1kRequests } from './per-request.js';
import type { HeapSiteGrowth, MemoryResult } from './result.js';
import { nodeProcesses } from './summary-md.js';

const MARK: Record<MemoryResult['state'], string> = {
  ok: 'ok',
  failed: 'FAILED',
  timeout: 'TIMEOUT',
  interrupted: 'INTERRUPTED',
  error: 'ERROR',
};

const seconds = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const signed = (bytes: number): string => `${bytes > 0 ? '+' : ''}${formatBytes(bytes)}`;
const sizeOrDash = (bytes: number): string =>
  Number.isFinite(bytes) && bytes > 0 ? formatBytes(bytes) : '-';

/**
 * `+93.0 KB/s, +1.9 KB/iteration, doubling every 5.0 s` or `+186.0 KB/s, +1.95 MB per 1,000 requests`,
 * or nothing for insufficient data.
 */
function growth(v: GrowthVerdict): string {
  if (v.verdict === 'insufficient data') return '';
  const parts = [`${signed(v.slopeBytesPerSec)}/s`];
  if (v.slopeBytesPerIteration !== undefined) parts.push(`${signed(v.slopeBytesPerIteration)}/iteration`);
  if (v.slopeBytesPer1kRequests !== undefined) parts.push(per1kRequests(v.slopeBytesPer1kRequests));
  if (v.doublingTimeSec !== undefined) parts.push(`doubling every ${v.doublingTimeSec.toFixed(1)} s`);
  return parts.join(', ');
}

function location(site: HeapSiteGrowth, cwd: string): string {
  if (!site.file) return '';
  const file = site.file.startsWith('/') ? relative(cwd, site.file) : site.file;
  return site.line ? `${file}:${site.line}` : file;
}

/** The lines for one workload's result; `count` growing sites at most. */
export function formatMemoryResult(result: MemoryResult, cwd: string, count = 3): string {
  const verdict = `${result.verdict}${result.leak ? ' (growing)' : ''}`;
  const samples = `${groupThousands(result.samples.length)} ${noun(result.samples.length, 'sample')}`;
  const lines = [
    `${MARK[result.state].padEnd(6)} ${result.suite}/${result.workload}  ${seconds(result.durationMs)}  ${samples}, ${nodeProcesses(result)}, verdict ${verdict}`,
  ];
  if (result.reason) lines.push(`    ${result.reason}`);
  lines.push(...outputTailLines(result, '    '));
  if (result.load) lines.push(`    ${formatLoad(result.load)}`);
  if (result.samples.length > 0) {
    lines.push(
      `    RSS peak ${sizeOrDash(result.peakRss)}, average ${sizeOrDash(result.averageRss)}, final ${sizeOrDash(result.finalRss)}`,
    );
  }
  const width = Math.max(0, ...result.metrics.map((m) => m.label.length));
  for (const m of result.metrics) {
    const rate = growth(m.verdict);
    lines.push(`    ${m.label.padEnd(width)}  ${m.verdict.verdict.padEnd(11)}${rate ? `  ${rate}` : ''}`);
  }
  const perRequest = leakPerRequestSentence(result.metrics);
  if (perRequest) lines.push(`    leak per request: ${perRequest}`);
  const sites = result.topGrowingSites.slice(0, count);
  if (sites.length > 0) {
    const nameWidth = Math.min(40, Math.max(8, ...sites.map((s) => s.name.length)));
    lines.push('    growing allocation sites (in-use bytes, early -> last heap profile)');
    for (const s of sites) {
      const grew = signed(s.growthBytes).padStart(10);
      lines.push(
        `    ${grew}  ${s.name.slice(0, nameWidth).padEnd(nameWidth)}  ${location(s, cwd)}`.trimEnd(),
      );
    }
  }
  const failed = result.budgets.filter((b) => b.status === 'fail');
  for (const b of failed) lines.push(`    budget failed: ${b.component} ${b.budget}, measured ${b.measured}`);
  const f = result.files;
  const files = [f.chart, f.heapFlamegraph, f.heapProfile, f.seriesJson, f.seriesCsv]
    .filter((file): file is string => Boolean(file))
    .map((file) => relative(cwd, file) || file);
  if (files.length > 0) lines.push(`    files: ${files.join('  ')}`);
  if (result.state !== 'ok' && f.log) lines.push(`    log:   ${relative(cwd, f.log)}`);
  return lines.join('\n');
}
