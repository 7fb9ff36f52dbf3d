/**
 * The options of the built-in HTTP load, their defaults in one place, and their validation: a bad
 * value fails before any request with a message naming the option, instead of as an exception from
 * deep inside autocannon (some of its checks throw while connecting, some not at all).
 */
import { UserError } from '../util/user-error.js';

/** How to load the server. Every field is optional. */
export interface HttpLoadOptions {
  /**
   * Paths to request, each with its query string. Every connection requests them in turn
   * (`a, b, c, a, b, c, ...`: autocannon's `requests` sequence), so each path gets the same share of
   * the requests, within one per connection, whatever its latency.
   * @default ['/']
   */
  paths?: string[];
  /**
   * HTTP method of every request, in any case: GET, POST, PUT, DELETE, PATCH, OPTIONS, TRACE or
   * CONNECT (autocannon's list). Not HEAD: autocannon's response parser then waits for the body the
   * Content-Length announces, so every HEAD request timed out here.
   * @default 'GET'
   */
  method?: string;
  /**
   * Request headers. `Host` is set from the target unless given here; `Content-Length` from `body`.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * Request body, sent with every request.
   * @default undefined (no body)
   */
  body?: string;
  /**
   * Concurrent keep-alive connections. With `amount` smaller than this, `amount` connections.
   * @default 10
   */
  connections?: number;
  /**
   * How long to load, in seconds (fractions allowed). Ignored when `amount` is given.
   * @default 10
   */
  durationSeconds?: number;
  /**
   * Total number of requests to send instead of a duration: the load ends once each has a response
   * or an error.
   * @default undefined (run for `durationSeconds`)
   */
  amount?: number;
  /**
   * Requests sent on a connection before waiting for their responses (HTTP pipelining).
   * @default 1
   */
  pipelining?: number;
  /**
   * Seconds a request may wait for its response before it counts as a timeout and its connection
   * is reopened; at least 1 (autocannon's minimum).
   * @default 10
   */
  timeoutSeconds?: number;
  /**
   * Milliseconds between the points of the figures' `timeline` (cumulative responses over time, for
   * rates per request). A timer reads a counter the response handler increments: nothing more per
   * request, and about 600 points for a minute of load.
   * @default 100
   */
  timelineIntervalMs?: number;
  /**
   * Stops the load; the figures measured so far are still returned, with `stopped: 'aborted'`.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** The defaults of HttpLoadOptions, as documented there. */
export const HTTP_LOAD_DEFAULTS = {
  paths: ['/'],
  method: 'GET',
  connections: 10,
  durationSeconds: 10,
  pipelining: 1,
  timeoutSeconds: 10,
  timelineIntervalMs: 100,
} as const;

/** autocannon's lib/httpMethods.js (it throws on any other while connecting), less HEAD (see above). */
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'];

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new UserError(`load option ${name} must be a whole number of at least 1, not ${value}`);
  return value;
}

/** Any CR or LF would end the header line and let a value inject headers of its own. */
function noLineBreak(what: string, text: string): string {
  if (/[\r\n]/.test(text))
    throw new UserError(`load ${what} must not contain a line break: ${JSON.stringify(text)}`);
  return text;
}

/** `timelineIntervalMs`, checked: at least 1 ms and finite. */
export function timelineIntervalOf(options: HttpLoadOptions): number {
  const interval = options.timelineIntervalMs ?? HTTP_LOAD_DEFAULTS.timelineIntervalMs;
  if (!(interval >= 1 && Number.isFinite(interval)))
    throw new UserError(`load option timelineIntervalMs must be at least 1 (ms), not ${interval}`);
  return interval;
}

/** Checks `options` and maps them onto autocannon's option names (without url, signal, sampling, timeline). */
export function resolveLoadOptions(options: HttpLoadOptions): Record<string, unknown> {
  const paths = options.paths ?? HTTP_LOAD_DEFAULTS.paths;
  if (paths.length === 0) throw new UserError('load option paths must name at least one path');
  for (const path of paths) {
    if (!path.startsWith('/'))
      throw new UserError(`load path ${JSON.stringify(path)} must start with "/" (e.g. "/${path}")`);
    noLineBreak('path', path);
    if (/\s/.test(path))
      throw new UserError(`load path ${JSON.stringify(path)} has a space: write it as %20`);
  }
  const method = (options.method ?? HTTP_LOAD_DEFAULTS.method).toUpperCase();
  if (method === 'HEAD')
    throw new UserError(
      'load option method HEAD is not supported: autocannon waits for a body that never comes',
    );
  if (!METHODS.includes(method))
    throw new UserError(
      `load option method ${JSON.stringify(options.method)} is not one of ${METHODS.join(', ')}`,
    );
  const headers = options.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new UserError(`load header name ${JSON.stringify(name)} is not a valid HTTP header name`);
    noLineBreak(`header ${name}`, value);
  }
  let connections = positiveInteger('connections', options.connections ?? HTTP_LOAD_DEFAULTS.connections);
  const pipelining = positiveInteger('pipelining', options.pipelining ?? HTTP_LOAD_DEFAULTS.pipelining);
  const timeout = options.timeoutSeconds ?? HTTP_LOAD_DEFAULTS.timeoutSeconds;
  if (!(timeout >= 1)) throw new UserError(`load option timeoutSeconds must be at least 1, not ${timeout}`);
  const amount = options.amount === undefined ? undefined : positiveInteger('amount', options.amount);
  const duration = options.durationSeconds ?? HTTP_LOAD_DEFAULTS.durationSeconds;
  if (!(duration > 0 && Number.isFinite(duration)))
    throw new UserError(`load option durationSeconds must be a number of seconds above 0, not ${duration}`);
  // autocannon splits `amount` over the connections and refuses a connection with none to send.
  if (amount !== undefined) connections = Math.min(connections, amount);
  return {
    requests: paths.map((path) => ({ path })),
    method,
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    connections,
    pipelining,
    timeout,
    duration,
    ...(amount === undefined ? {} : { amount }),
  };
}
