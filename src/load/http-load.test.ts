import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCESS_EXITED } from '../runner/run-process.js';
import { UserError } from '../util/user-error.js';
import { type LoadProgress, runHttpLoad } from './http-load.js';
import { LatencyHistogram } from './latency-histogram.js';

const servers: Server[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real node:http server in this process, on a port the OS chooses. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A real server in a child process, which the test can kill; resolves with its port. */
async function serveInChild(): Promise<{ child: ChildProcess; port: number }> {
  const script = `require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () {
    console.log(this.address().port); })`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [data] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return { child, port: Number(data.toString().trim()) };
}

const hello = (_req: IncomingMessage, res: ServerResponse): void => {
  res.end('hello');
};

describe('runHttpLoad', () => {
  it('loads a server for a duration and measures it', async () => {
    const port = await serve(hello);
    const figures = await runHttpLoad({ host: '127.0.0.1', port }, { durationSeconds: 1, connections: 4 });
    expect(figures.stopped).toBeUndefined();
    expect(figures.requests).toBeGreaterThan(50);
    expect(figures).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(figures.statusCodes).toEqual({ 200: figures.requests });
    // The duration, plus connecting and up to one of autocannon's 100 ms ticks (more on a busy machine).
    expect(figures.durationMs).toBeGreaterThan(950);
    expect(figures.durationMs).toBeLessThan(4000);
    expect(figures.rps).toBeCloseTo(figures.requests / (figures.durationMs / 1000), 6);
    const { p50, p90, p99, max } = figures.latencyMs;
    expect(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max).toBe(true);
    // Microsecond resolution: autocannon's own histogram would give whole milliseconds (0 here).
    expect([p50, p90, p99, max].some((v) => !Number.isInteger(v))).toBe(true);
    expect(LatencyHistogram.decode(figures.latencyHistogram).count).toBe(figures.requests);
  });

  it('records when the responses came: cumulative counts every timelineIntervalMs', async () => {
    // 5 ms per response on each of 2 connections: about 400 responses a second, evenly.
    const port = await serve((_req, res) => {
      setTimeout(() => res.end('ok'), 5);
    });
    const before = Date.now();
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { durationSeconds: 1.5, connections: 2, timelineIntervalMs: 50 },
    );
    const after = Date.now();
    const { timeline } = figures;
    expect(timeline[0]).toEqual({ t: expect.any(Number), requests: 0 });
    expect(timeline[0]?.t).toBeGreaterThanOrEqual(before);
    expect(timeline.at(-1)?.requests).toBe(figures.requests);
    expect(timeline.at(-1)?.t).toBeLessThanOrEqual(after);
    // Times and counts never go back; a point every 50 ms (a busy machine may skip a few).
    for (let i = 1; i < timeline.length; i++) {
      const [a, b] = [timeline[i - 1], timeline[i]] as [LoadProgress, LoadProgress];
      expect(b.t).toBeGreaterThan(a.t);
      expect(b.requests).toBeGreaterThanOrEqual(a.requests);
    }
    expect(timeline.length).toBeGreaterThan(20);
    expect(timeline.length).toBeLessThan(40);
    // The slope of the timeline is the response rate.
    const first = timeline[0] as LoadProgress;
    const last = timeline.at(-1) as LoadProgress;
    const rate = (last.requests - first.requests) / ((last.t - first.t) / 1000);
    expect(Math.abs(rate / figures.rps - 1)).toBeLessThan(0.1);
  });

  it('ends the timeline where the load was stopped', async () => {
    const port = await serve(hello);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { durationSeconds: 30, signal: controller.signal },
    );
    const last = figures.timeline.at(-1) as LoadProgress;
    expect(last.requests).toBe(figures.requests);
    expect(last.t - (figures.timeline[0] as LoadProgress).t).toBeLessThan(figures.durationMs + 50);
  });

  it('sends exactly `amount` requests, the paths in turn on every connection', async () => {
    const hits: Record<string, number> = {};
    const port = await serve((req, res) => {
      hits[req.url ?? ''] = (hits[req.url ?? ''] ?? 0) + 1;
      res.end();
    });
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { amount: 300, connections: 3, paths: ['/a', '/b?x=1', '/c'] },
    );
    expect(figures.requests).toBe(300);
    // 100 requests per connection, each /a /b /c /a ...: 34 + 33 + 33.
    expect(hits).toEqual({ '/a': 102, '/b?x=1': 99, '/c': 99 });
  });

  it('sends the method, headers and body asked for', async () => {
    const seen: string[] = [];
    const port = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['x-run']} ${req.headers['content-type']} ${body}`);
        res.end();
      });
    });
    await runHttpLoad(
      { host: '127.0.0.1', port },
      {
        amount: 4,
        connections: 10, // more than amount: lowered to it
        method: 'post',
        paths: ['/items'],
        headers: { 'x-run': '7', 'content-type': 'application/json' },
        body: '{"n":1}',
      },
    );
    expect(seen).toEqual(Array(4).fill('POST /items 7 application/json {"n":1}'));
  });

  it('counts non-2xx responses and their status codes', async () => {
    const port = await serve((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end();
    });
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { amount: 20, connections: 2, paths: ['/', '/missing'] },
    );
    expect(figures).toMatchObject({ requests: 20, non2xx: 10, errors: 0, statusCodes: { 200: 10, 404: 10 } });
  });

  it('measures latency in milliseconds', async () => {
    const port = await serve((_req, res) => {
      setTimeout(() => res.end(), 20);
    });
    const figures = await runHttpLoad({ host: '127.0.0.1', port }, { amount: 20, connections: 2 });
    expect(figures.latencyMs.p50).toBeGreaterThanOrEqual(19.5);
    expect(figures.latencyMs.p50).toBeLessThan(200);
  });

  it('counts requests with no response in time as timeouts', async () => {
    const port = await serve(() => {}); // never answers
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { durationSeconds: 1.6, connections: 2, timeoutSeconds: 1 },
    );
    expect(figures.requests).toBe(0);
    expect(figures.timeouts).toBeGreaterThanOrEqual(2);
    expect(figures.errors).toBeGreaterThanOrEqual(figures.timeouts);
    expect(figures.stopped).toBeUndefined();
  });

  it('resolves with the figures so far when aborted', async () => {
    const port = await serve(hello);
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 500);
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { durationSeconds: 30, signal: controller.signal },
    );
    expect(performance.now() - started).toBeLessThan(5000); // not the 30 s asked for
    expect(figures.stopped).toBe('aborted');
    expect(figures.requests).toBeGreaterThan(0);
    // Up to the abort, not to the result that came a tick later.
    expect(figures.durationMs).toBeGreaterThan(450);
    expect(figures.durationMs).toBeLessThan(performance.now() - started);
    expect(LatencyHistogram.decode(figures.latencyHistogram).count).toBe(figures.requests);
  });

  it('returns at once, stopped, when the signal is already aborted', async () => {
    const port = await serve(hello);
    const figures = await runHttpLoad({ host: '127.0.0.1', port }, { signal: AbortSignal.abort() });
    expect(figures).toMatchObject({ stopped: 'aborted', requests: 0 });
  });

  it('resolves with the figures so far when the server goes away', async () => {
    const { child, port } = await serveInChild();
    setTimeout(() => child.kill('SIGKILL'), 500);
    const started = performance.now();
    const figures = await runHttpLoad({ host: '127.0.0.1', port }, { durationSeconds: 30, connections: 4 });
    expect(performance.now() - started).toBeLessThan(10_000); // not the 30 s asked for
    expect(figures.stopped).toBe('server-gone');
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.firstError).toMatch(/ECONNREFUSED|ECONNRESET|EPIPE/);
    // The clients were stopped at the first refused connection, not left reconnecting in a loop.
    expect(figures.errors).toBeLessThan(100);
  });

  it('says the server is gone when the runner stops it because the server process exited', async () => {
    const port = await serve(hello);
    const controller = new AbortController();
    setTimeout(() => controller.abort(PROCESS_EXITED), 300);
    const figures = await runHttpLoad(
      { host: '127.0.0.1', port },
      { durationSeconds: 30, signal: controller.signal },
    );
    expect(figures.stopped).toBe('server-gone');
    expect(figures.requests).toBeGreaterThan(0);
  });

  it('says the server is gone when nothing listens on the port', async () => {
    const port = await serve(hello);
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const figures = await runHttpLoad({ host: '127.0.0.1', port }, { durationSeconds: 30 });
    expect(figures).toMatchObject({ stopped: 'server-gone', requests: 0 });
    expect(figures.firstError).toContain('ECONNREFUSED');
  });

  it('reaches a server on IPv6 loopback given a bare address', async () => {
    const server = createServer(hello);
    servers.push(server);
    server.listen(0, '::1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const figures = await runHttpLoad({ host: '::1', port }, { amount: 10, connections: 1 });
    expect(figures.requests).toBe(10);
  });

  it('merges the latencies of runs exactly', async () => {
    const port = await serve(hello);
    const runs = [
      await runHttpLoad({ host: '127.0.0.1', port }, { amount: 100, connections: 2 }),
      await runHttpLoad({ host: '127.0.0.1', port }, { amount: 150, connections: 3 }),
    ];
    const merged = LatencyHistogram.merge(runs.map((r) => r.latencyHistogram));
    expect(merged.count).toBe(250);
    expect(merged.percentileMs(100)).toBe(Math.max(...runs.map((r) => r.latencyMs.max)));
  });

  it('refuses wrong options with a message naming the option', async () => {
    const target = { host: '127.0.0.1', port: 1 };
    const cases: [Parameters<typeof runHttpLoad>[1], RegExp][] = [
      [{ paths: ['items'] }, /load path "items" must start with "\/"/],
      [{ paths: [] }, /at least one path/],
      [{ method: 'FETCH' }, /method "FETCH" is not one of GET, POST/],
      [{ method: 'head' }, /method HEAD is not supported/],
      [{ connections: 0 }, /connections must be a whole number of at least 1, not 0/],
      [{ amount: 2.5 }, /amount must be a whole number/],
      [{ timeoutSeconds: 0.5 }, /timeoutSeconds must be at least 1/],
      [{ durationSeconds: 0 }, /durationSeconds must be a number of seconds above 0/],
      [{ timelineIntervalMs: 0 }, /timelineIntervalMs must be at least 1/],
      [{ headers: { 'x-a': 'b\r\nx-evil: 1' } }, /must not contain a line break/],
      [{ headers: { 'bad header': 'x' } }, /not a valid HTTP header name/],
    ];
    for (const [options, message] of cases) {
      await expect(runHttpLoad(target, options)).rejects.toThrow(message);
      await expect(runHttpLoad(target, options)).rejects.toBeInstanceOf(UserError);
    }
  });
});
