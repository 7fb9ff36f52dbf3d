/**
 * The built-in load: autocannon, used as a library, drives HTTP requests at a server while it is
 * profiled (what clinic's --autocannon and 0x's --onPort do with a CLI). What comes back is always
 * the figures measured so far: the end of the duration, an abort (Ctrl-C) and a server that went
 * away all resolve with them, told apart by `stopped`.
 */
import { createRequire } from 'node:module';
import { type HttpLoadOptions, resolveLoadOptions, timelineIntervalOf } from '../plan/http-load-options.js';
import { PROCESS_EXITED } from '../runner/run-process.js';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.js';

export type { HttpLoadOptions } from '../plan/http-load-options.js';

/** Where the server listens. An IPv6 address may be given bare (`::1`). */
export interface LoadTarget {
  host: string;
  port: number;
}

/** One point of a load's timeline: responses received (cumulative, any status) by epoch ms `t`. */
export interface LoadProgress {
  t: number;
  requests: number;
}

/** What one load run measured. The same fields whether it ran to its end or was stopped. */
export interface LoadFigures {
  /** Responses received (any status). */
  requests: number;
  /** Connection errors and timeouts, as autocannon counts them (each error or timeout is one). */
  errors: number;
  /** Requests that got no response within `timeoutSeconds` (also counted in `errors`). */
  timeouts: number;
  /** Responses whose status is not 2xx. */
  non2xx: number;
  /** Responses by status code, e.g. `{ 200: 9811, 404: 3 }`. */
  statusCodes: Record<string, number>;
  /** `requests` per second of `durationMs`. */
  rps: number;
  /** From the first connection to the end of the load (or to the moment it was stopped). */
  durationMs: number;
  /**
   * Response time percentiles of every response (non-2xx included, as autocannon does), in ms
   * with microsecond resolution: see latency-histogram.ts.
   */
  latencyMs: LatencySummary;
  /** `LatencyHistogram.encode()` of this run: merge several with `LatencyHistogram.merge`. */
  latencyHistogram: string;
  /**
   * Cumulative responses over time, every `timelineIntervalMs`: the first point (0 requests) when the
   * load starts, the last when it ends or is stopped (its count is `requests`). Memory growth per
   * request is read against it (memory/collect.ts).
   */
  timeline: LoadProgress[];
  /**
   * Why the load ended early: `aborted` (the signal), `server-gone` (a connection was refused:
   * nothing listens on the port any more, or never did). Absent when it ran its duration or amount.
   */
  stopped?: 'aborted' | 'server-gone';
  /** The first error autocannon reported, e.g. `connect ECONNREFUSED 127.0.0.1:3000` or `request timed out`. */
  firstError?: string;
}

/** The part of autocannon's API used here (its own package has no types; @types/autocannon is v7). */
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: 'reqError', listener: (error: Error & { code?: string }) => void): void;
  stop(): void;
}
/** A connection, as autocannon hands it to `setupClient`. */
interface AutocannonClient {
  destroy(): void;
}
interface AutocannonRawResult {
  totalCompletedRequests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonRawResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** `host:port` for a URL: an IPv6 address goes in brackets. */
const urlHost = ({ host, port }: LoadTarget): string =>
  `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;

/**
 * Runs one load against `target` and resolves with its figures; rejects only when the options are
 * wrong (a UserError naming the option). See HttpLoadOptions for how paths are spread.
 */
export async function runHttpLoad(target: LoadTarget, options: HttpLoadOptions = {}): Promise<LoadFigures> {
  const resolved = resolveLoadOptions(options);
  const timelineIntervalMs = timelineIntervalOf(options);
  const { signal } = options;
  const latencies = LatencyHistogram.create();
  const clients: AutocannonClient[] = [];
  const started = performance.now();
  let stoppedAt: number | undefined;
  let stopped: LoadFigures['stopped'];
  let firstError: string | undefined;
  // The timeline: the response handler only counts; a timer writes the count down. Per response that
  // is one increment, where a timestamp per response would be a clock read and an array slot.
  let responses = 0;
  const timeline: LoadProgress[] = [];
  const mark = (): void => {
    const t = Date.now();
    const last = timeline[timeline.length - 1];
    if (last?.t === t) last.requests = responses;
    else timeline.push({ t, requests: responses });
  };
  let ticking: ReturnType<typeof setInterval> | undefined;
  const endTimeline = (): void => {
    if (ticking === undefined) return;
    clearInterval(ticking);
    ticking = undefined;
    mark();
  };

  return new Promise<LoadFigures>((resolve, reject) => {
    const done = (error: Error | null, raw: AutocannonRawResult): void => {
      signal?.removeEventListener('abort', onAbort);
      endTimeline();
      if (error) {
        reject(error);
        return;
      }
      const durationMs = (stoppedAt ?? performance.now()) - started;
      const requests = raw.totalCompletedRequests;
      resolve({
        requests,
        errors: raw.errors,
        timeouts: raw.timeouts,
        non2xx: raw.non2xx,
        statusCodes: Object.fromEntries(Object.entries(raw.statusCodeStats).map(([k, v]) => [k, v.count])),
        rps: durationMs > 0 ? requests / (durationMs / 1000) : 0,
        durationMs,
        latencyMs: latencies.summary(),
        latencyHistogram: latencies.encode(),
        timeline,
        ...(stopped ? { stopped } : {}),
        ...(firstError === undefined ? {} : { firstError }),
      });
    };
    let instance: AutocannonInstance;
    try {
      instance = autocannon(
        {
          ...resolved,
          url: `http://${urlHost(target)}`,
          // autocannon's result comes at its next sample tick after a stop: every 100 ms instead of
          // its 1 s default, so an abort resolves promptly. Its per-sample histograms are not used.
          sampleInt: 100,
          skipAggregateResult: true,
          setupClient: (client: AutocannonClient) => clients.push(client),
        },
        done,
      );
    } catch (error) {
      // autocannon throws synchronously for some options it does not validate itself.
      reject(error);
      return;
    }
    // Stopping autocannon only takes effect at its next tick, and until then its clients reconnect
    // at once after every refused connection (thousands of errors a second): destroy them now, so
    // the figures are those of the moment the load stopped.
    const stop = (why: NonNullable<LoadFigures['stopped']>): void => {
      if (stopped) return;
      stopped = why;
      stoppedAt = performance.now();
      instance.stop();
      for (const client of clients) client.destroy();
      endTimeline();
    };
    function onAbort(): void {
      stop(signal?.reason === PROCESS_EXITED ? 'server-gone' : 'aborted');
    }
    mark();
    ticking = setInterval(mark, timelineIntervalMs);
    ticking.unref();
    // Every response autocannon counts is recorded here too (destroyed clients emit no more).
    instance.on('response', (_client, _status, _bytes, ms) => {
      responses++;
      latencies.recordMs(ms);
    });
    instance.on('reqError', (error) => {
      firstError ??= error.message;
      if (error.code === 'ECONNREFUSED') stop('server-gone');
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
  });
}
