/**
 * What every result says of a server's load (`load` in `--json` of cpu, memory and validate), and
 * its line in the terminal summaries. The latency histogram stays out: it is for merging runs.
 */
import { groupThousands } from '../model/format-value.js';
import { noun } from '../util/words.js';
import type { LoadResult } from './drive-server.js';
import type { LatencySummary } from './latency-histogram.js';

export interface LoadSummary {
  /** `http`: the built-in load; `command`: the user's load command. */
  kind: 'http' | 'command';
  /** The port the server listened on, and how long it took to be ready (ms from its start). */
  port: number;
  readyMs: number;
  /** How long the load ran, ms. */
  durationMs: number;
  /** The built-in load's figures (responses of any status; errors include timeouts). */
  requests?: number;
  errors?: number;
  timeouts?: number;
  non2xx?: number;
  rps?: number;
  latencyMs?: LatencySummary;
  /** Why the built-in load ended early: `aborted` (Ctrl-C, timeout) or `server-gone`. */
  stopped?: 'aborted' | 'server-gone';
  firstError?: string;
  /** The load command as it ran ({port} replaced), how it ended, and where its output went. */
  command?: string[];
  exitCode?: number;
  signal?: string;
  log?: string;
}

export function loadSummary(result: LoadResult): LoadSummary {
  const base = {
    kind: result.kind,
    port: result.port,
    readyMs: result.readyMs,
    durationMs: result.durationMs,
  };
  if (result.kind === 'command') {
    return {
      ...base,
      command: result.argv,
      ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
      ...(result.signal ? { signal: result.signal } : {}),
      log: result.logFile,
    };
  }
  return {
    ...base,
    requests: result.requests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rps: result.rps,
    latencyMs: result.latencyMs,
    ...(result.stopped ? { stopped: result.stopped } : {}),
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** `load: 21,400 requests in 10.0 s, 2,140 req/s, 0 errors, 0 non-2xx; latency ms p50 1.21 p90 2.40 p99 6.02 max 31.0` */
export function formatLoad(load: LoadSummary): string {
  const ran = `${(load.durationMs / 1000).toFixed(1)} s`;
  if (load.kind === 'command') {
    const end = load.signal ? `killed by ${load.signal}` : `exit code ${load.exitCode ?? '?'}`;
    return `load: ${(load.command ?? []).join(' ')} on port ${load.port}, ${ran}, ${end}`;
  }
  const l = load.latencyMs;
  const latency = l ? `; latency ms p50 ${ms(l.p50)} p90 ${ms(l.p90)} p99 ${ms(l.p99)} max ${ms(l.max)}` : '';
  const stopped = load.stopped
    ? ` (stopped early: ${load.stopped === 'server-gone' ? 'the server went away' : 'aborted'})`
    : '';
  const [requests, errors] = [load.requests ?? 0, load.errors ?? 0];
  return `load: ${groupThousands(requests)} ${noun(requests, 'request')} in ${ran}${stopped}, ${groupThousands(Math.round(load.rps ?? 0))} req/s, ${groupThousands(errors)} ${noun(errors, 'error')}, ${groupThousands(load.non2xx ?? 0)} non-2xx${latency}`;
}
