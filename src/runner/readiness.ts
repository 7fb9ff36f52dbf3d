/**
 * "Is the server ready?": a server workload is loaded only once it accepts connections. Three ways
 * to tell, each with a timeout, an abort signal, and a failure at once (not at the timeout) when
 * the server process exits first:
 *
 * - waitForPort: a TCP connect to a known port succeeds;
 * - waitForOutput: a line of the workload's log (the runner's capture of stdout and stderr) matches;
 * - waitForListenFile: the agent reports the first port a process of the workload listens on
 *   (`<pid>.listen.json`), which also covers `listen(0)`.
 *
 * Files are watched with fs.watch and polled as well. Measured here (ext4, Node 20): fs.watch saw
 * 40 of 40 appended lines, median 0.7-0.9 ms after the write (max 8 ms); polling every 20 ms,
 * median 11 ms (max 21), every 50 ms, median 28 ms (max 51). The watcher only wakes the loop up;
 * the polls (backing off from 20 to 200 ms) stay, for a file that does not exist yet when the wait
 * starts and for file systems where fs.watch misses events.
 */
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { stripVTControlCharacters } from 'node:util';
import { type ReadinessOptions, readFrom, waitUntil } from './readiness-wait.js';

export { type ExitInfo, lastLogLines, ReadinessError, type ReadinessOptions } from './readiness-wait.js';

/** Whether a TCP connection to `host:port` opens within `timeoutMs`; closed again at once. */
function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Options of waitForPort. */
export interface PortWaitOptions extends ReadinessOptions {
  /**
   * Where to connect. `localhost` tries both ::1 and 127.0.0.1 (Node's autoSelectFamily), so a
   * server bound to either is found.
   * @default 'localhost'
   */
  host?: string;
}

/**
 * Resolves once a TCP connection to the port opens: for a server whose port is known beforehand
 * (the config's, or one the runner picked and passed as PORT). Resolves with how long it took.
 */
export async function waitForPort(
  port: number,
  options: PortWaitOptions,
): Promise<{ host: string; port: number; waitedMs: number }> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new RangeError(`not a TCP port to wait for: ${port}`);
  const host = options.host ?? 'localhost';
  const started = performance.now();
  const goal = {
    reached: `listened on port ${port}`,
    notReached: `the server did not listen on port ${port}`,
  };
  await waitUntil(goal, options, async () => ((await canConnect(host, port, 1000)) ? true : undefined));
  return { host, port, waitedMs: performance.now() - started };
}

/** A log line that matched, the port in it if one could be told, and how long it took. */
export interface OutputMatch {
  /** The line, without terminal colours. */
  line: string;
  match: RegExpExecArray;
  /**
   * The pattern's group named `port` or first numeric group, else a port in the line
   * (`http://host:3000`, `localhost:3000`, `127.0.0.1:3000`, `port 3000`), else undefined.
   */
  port?: number;
  waitedMs: number;
}

const asPort = (text: string | undefined): number | undefined => {
  const n = text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : 0;
  return n >= 1 && n <= 65535 ? n : undefined;
};
const PORT_IN_LINE = [
  /\b[a-z][a-z0-9+.-]*:\/\/(?:\[[^\]\s]*\]|[^/:\s]*):(\d{1,5})(?!\d)/i,
  /(?:\blocalhost|\b\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]*\]):(\d{1,5})(?!\d)/i,
  /\bport\b\D{0,3}(\d{1,5})(?!\d)/i,
];

/** The port a matching line names: see OutputMatch.port. */
export function portInMatch(match: RegExpExecArray): number | undefined {
  for (const group of [match.groups?.port, ...match.slice(1)]) {
    const port = asPort(group);
    if (port) return port;
  }
  for (const pattern of PORT_IN_LINE) {
    const port = asPort(pattern.exec(match.input)?.[1]);
    if (port) return port;
  }
  return undefined;
}

/** A line that ends without a newline is matched once it has stayed so this long. */
const UNTERMINATED_LINE_MS = 100;

/**
 * Resolves with the first line of `logFile` that matches `pattern` (flags g and y are ignored):
 * for servers that say when they are ready (`listening on http://localhost:3000`). Reads only what
 * was appended since the last look; the file may not exist yet.
 */
export async function waitForOutput(
  logFile: string,
  pattern: RegExp,
  options: ReadinessOptions,
): Promise<OutputMatch> {
  const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const started = performance.now();
  const decoder = new StringDecoder('utf8');
  let offset = 0;
  let tail = '';
  let tailSince = started;
  const test = (line: string): OutputMatch | undefined => {
    const clean = stripVTControlCharacters(line);
    const match = regex.exec(clean);
    if (!match) return undefined;
    const port = portInMatch(match);
    return {
      line: clean,
      match,
      ...(port === undefined ? {} : { port }),
      waitedMs: performance.now() - started,
    };
  };
  const attempt = async (): Promise<OutputMatch | undefined> => {
    const chunk = await readFrom(logFile, offset);
    if (chunk.length > 0) {
      offset += chunk.length;
      const lines = (tail + decoder.write(chunk)).split(/\r\n|\n|\r/);
      tail = lines.pop() ?? '';
      tailSince = performance.now();
      for (const line of lines) {
        const found = test(line);
        if (found) return found;
      }
    }
    return tail !== '' && performance.now() - tailSince >= UNTERMINATED_LINE_MS ? test(tail) : undefined;
  };
  const goal = {
    reached: `printed a line matching ${regex}`,
    notReached: `the server printed no line matching ${regex} in ${logFile}`,
    watch: logFile,
  };
  return waitUntil(goal, { ...options, logFile: options.logFile ?? logFile }, attempt);
}

/**
 * What the agent writes, atomically, as `<pid>.listen.json` in its artifact directory when a
 * process's first TCP server starts listening (after `listen(0)`, the port the OS chose).
 */
export interface ListenRecord {
  pid: number;
  port: number;
  /** As `server.address().address` says, e.g. `::` or `127.0.0.1`: see hostToConnect. */
  address: string;
  /** Epoch milliseconds when it started listening. */
  t: number;
}

/** `<pid>.listen.json`: the agent and the runner must agree on this name. */
export const LISTEN_FILE = /^(\d+)\.listen\.json$/;

function asListenRecord(value: unknown): ListenRecord | undefined {
  const r = value as Partial<ListenRecord> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.pid) &&
    asPort(String(r.port)) !== undefined &&
    typeof r.address === 'string' &&
    typeof r.t === 'number';
  return ok
    ? { pid: r.pid as number, port: r.port as number, address: r.address as string, t: r.t as number }
    : undefined;
}

/**
 * Resolves with the first `<pid>.listen.json` in `dir` (the earliest `t` if several are there at
 * once): for servers whose port is not known beforehand, `listen(0)` included. A file that is not
 * (yet) a valid record is skipped and read again at the next look.
 */
export async function waitForListenFile(
  dir: string,
  options: ReadinessOptions,
): Promise<ListenRecord & { file: string; waitedMs: number }> {
  const started = performance.now();
  const attempt = async (): Promise<(ListenRecord & { file: string }) | undefined> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    let first: (ListenRecord & { file: string }) | undefined;
    for (const name of names.filter((n) => LISTEN_FILE.test(n))) {
      const file = join(dir, name);
      // A half-written or foreign file: skipped now, read again at the next look.
      const text = await readFile(file, 'utf8').catch(() => '');
      let record: ListenRecord | undefined;
      try {
        record = asListenRecord(JSON.parse(text));
      } catch {}
      if (record && (!first || record.t < first.t)) first = { ...record, file };
    }
    return first;
  };
  const goal = {
    reached: 'listened on a TCP port',
    notReached:
      'no process of the server listened on a TCP port (a Node process reports the first port it listens on; for a server that is not Node, give ready.port or ready.output)',
    watch: dir,
  };
  const record = await waitUntil(goal, options, attempt);
  return { ...record, waitedMs: performance.now() - started };
}

/**
 * The host to connect to for a listen address: a wildcard (`::`, `0.0.0.0`) means every interface,
 * so its loopback of the same family; any other address as it is.
 */
export function hostToConnect(address: string): string {
  if (address === '::' || address === '') return '::1';
  if (address === '0.0.0.0') return '127.0.0.1';
  return address;
}
