/**
 * The `## Servers under load` section of the validate report: for each server workload, the load
 * of all its measured runs in one line (load/summary.ts's formatLoad, as `profile cpu` prints it)
 * and a table with a row per run and one for all runs, whose latency percentiles are of every
 * request (the runs' histograms merged), not averages of the rows above.
 */
import type { LoadSummary } from '../../load/summary.js';
import { formatLoad } from '../../load/summary.js';
import { groupThousands } from '../../model/format-value.js';
import { mdCode, mdTable, mdText } from '../../render/markdown.js';
import { plural } from '../../util/words.js';
import type { ServerLoad, ValidateResult } from '../measurement.js';
import { formatMeasure } from './format.js';

const ms = (value: number | undefined): string => (value === undefined ? '—' : formatMeasure(value, 'ms'));
const count = (value: number | undefined): string => (value === undefined ? '—' : groupThousands(value));

function httpRow(label: string, load: LoadSummary): string[] {
  const l = load.latencyMs;
  return [
    label,
    count(load.requests),
    count(load.errors),
    count(load.non2xx),
    load.rps === undefined ? '—' : formatMeasure(load.rps, 'req/s'),
    ms(l?.p50),
    ms(l?.p90),
    ms(l?.p99),
    ms(l?.max),
    ms(load.readyMs),
  ];
}

function commandRow(label: string, load: LoadSummary): string[] {
  const end = load.signal ? `killed by ${load.signal}` : `exit code ${load.exitCode ?? '?'}`;
  return [label, mdCode((load.command ?? []).join(' ')), ms(load.durationMs), end, ms(load.readyMs)];
}

function serverLines(server: ServerLoad): string[] {
  const http = server.total.kind === 'http';
  const runLabel = (run: number, state: string) => `${run}${state === 'ok' ? '' : ` (${state})`}`;
  const rows = server.runs.map((r) => (http ? httpRow : commandRow)(runLabel(r.run, r.state), r.load));
  rows.push((http ? httpRow : commandRow)('**all runs**', server.total));
  const headers = http
    ? ['run', 'requests', 'errors', 'non-2xx', 'req/s', 'p50', 'p90', 'p99', 'max', 'ready']
    : ['run', 'load command', 'load time', 'ended', 'ready'];
  return [
    '',
    `### ${mdText(`${server.suite}/${server.name}`)}`,
    '',
    `${plural(server.runs.length, 'measured run')}; ${mdText(formatLoad(server.total))}.`,
    '',
    ...mdTable(headers, rows),
  ];
}

/** The section, or nothing when the run had no server workload. */
export function serversSection(result: ValidateResult): string[] {
  const servers = result.servers ?? [];
  if (servers.length === 0) return [];
  return [
    '## Servers under load',
    '',
    'Each run started the server, waited until it was ready, ran its load and stopped it. Latency ' +
      '(ms) is of every response; the "all runs" row merges the runs\' histograms, so its ' +
      'percentiles are those of every request of every run. req/s is requests per second of load ' +
      'time; ready is the time from start to ready.',
    ...servers.flatMap(serverLines),
  ];
}
