/**
 * The preview server behind `demo serve` (node:http, no framework): renders the project's tests on
 * request. `GET /health` is the cheap route (a small JSON), `GET /render/<test>` the expensive one
 * (read, parse and validate the test, render it through its template); `GET /` lists the tests.
 * Tests and templates are read again on every request, as `dev` does, so an edit shows on the next
 * reload. A failing request is a 500 with the message, never a crash of the server.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseDefinition, type TestDefinition } from './definition.js';
import { DemoError } from './errors.js';
import { listTestFiles, type Project } from './project.js';
import { createRenderer, type Renderer, renderDefinition } from './render.js';

/** Where to listen. */
export interface ServeOptions {
  /** 0: any free port. @default 0 */
  port?: number;
  /** @default "127.0.0.1" (this machine only) */
  host?: string;
}

/** What a request gets: every route answers through this, so routes are plain functions. */
export interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

/** `?scenarios=n` repeats a test's scenarios up to n: the knob that makes `/render` as heavy as wanted. */
export const MAX_SCENARIOS = 1000;

const ROUTES = 'GET /health, GET / (the tests), GET /render/<test>[?scenarios=n]';
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
/** Content types by the template's inner extension (`suite.md.liquid` renders markdown). */
const TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': JSON_TYPE,
};

const text = (status: number, body: string, headers?: Record<string, string>): Reply => ({
  status,
  type: TEXT,
  body: `${body}\n`,
  ...(headers ? { headers } : {}),
});
const json = (value: unknown): Reply => ({
  status: 200,
  type: JSON_TYPE,
  body: `${JSON.stringify(value)}\n`,
});

/** A test's name in URLs: its path under tests/ without `.toml`, with `/` separators (`api/login`). */
export function testName(project: Project, file: string): string {
  return path
    .relative(project.testsDir, file)
    .replace(/\.toml$/, '')
    .split(path.sep)
    .join('/');
}

/** The tests folder as the project names it (`tests/`): no absolute paths in replies. */
const testsFolder = (project: Project): string => `${path.relative(project.root, project.testsDir) || '.'}/`;

/** The test file a name stands for, or undefined when there is none (or the name leaves tests/). */
function testFile(project: Project, name: string): string | undefined {
  const file = path.resolve(project.testsDir, `${name}.toml`);
  const relative = path.relative(project.testsDir, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return existsSync(file) ? file : undefined;
}

/** The test's scenarios repeated in turn up to `count`, the copies numbered (`payment #2`). */
export function withScenarios(definition: TestDefinition, count: number): TestDefinition {
  const original = definition.scenarios;
  const scenarios = Array.from({ length: count }, (_, i) => {
    const scenario = original[i % original.length] as TestDefinition['scenarios'][number];
    const copy = Math.floor(i / original.length);
    return copy === 0 ? scenario : { ...scenario, name: `${scenario.name} #${copy + 1}` };
  });
  return { ...definition, scenarios };
}

/** `?scenarios=n`: a whole number from 1 to MAX_SCENARIOS, or a 400 reply saying so. */
function parseScenarios(value: string | null): number | undefined | Reply {
  if (value === null) return undefined;
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(count) && count >= 1 && count <= MAX_SCENARIOS) return count;
  return text(
    400,
    `bad request: scenarios must be a whole number from 1 to ${MAX_SCENARIOS} (got "${value}")`,
  );
}

function renderRoute(project: Project, renderer: Renderer, name: string, url: URL): Reply {
  const scenarios = parseScenarios(url.searchParams.get('scenarios'));
  if (typeof scenarios === 'object') return scenarios;
  const file = testFile(project, name);
  if (file === undefined)
    return text(404, `not found: no test "${name}" in ${testsFolder(project)} (see GET /)`);
  const parsed = parseDefinition(readFileSync(file, 'utf8'), file);
  const definition = scenarios === undefined ? parsed : withScenarios(parsed, scenarios);
  const body = renderDefinition(renderer, definition, project.name, file);
  const type = TYPES[path.extname(definition.template.replace(/\.liquid$/, ''))] ?? TEXT;
  return { status: 200, type, body };
}

/** Answers one request: a route's reply, a 404 or 405 with a message, or a 500 with the error's. */
export function handleRequest(
  project: Project,
  renderer: Renderer,
  method: string,
  target: string,
  served: { requests: number; started: number },
): Reply {
  try {
    if (method !== 'GET' && method !== 'HEAD') {
      return text(405, `method not allowed: ${method} (routes: ${ROUTES})`, { allow: 'GET, HEAD' });
    }
    const url = new URL(target, 'http://preview');
    if (url.pathname === '/health') {
      const uptimeS = Math.round((performance.now() - served.started) / 100) / 10;
      return json({ status: 'ok', project: project.name, requests: served.requests, uptimeS });
    }
    if (url.pathname === '/') {
      const tests = listTestFiles(project).map((f) => testName(project, f));
      return json({ project: project.name, tests: tests.map((name) => ({ name, url: `/render/${name}` })) });
    }
    if (url.pathname.startsWith('/render/')) {
      return renderRoute(project, renderer, decodeURIComponent(url.pathname.slice('/render/'.length)), url);
    }
    return text(404, `not found: ${method} ${url.pathname} (routes: ${ROUTES})`);
  } catch (error) {
    if (error instanceof URIError) return text(400, `bad request: ${error.message} in ${target}`);
    const message =
      error instanceof DemoError ? error.describe() : String((error as Error)?.message ?? error);
    return text(500, `error: ${message}`);
  }
}

/** A listening preview server. */
export interface PreviewServer {
  /** `http://127.0.0.1:41234` (an IPv6 host in brackets). */
  url: string;
  host: string;
  port: number;
  /** Requests answered so far. */
  requests: () => number;
  /**
   * Stops gracefully: no new connections, idle ones closed, requests in flight answered (with
   * `connection: close`) before their connections close. Resolves once every connection is gone.
   */
  close: () => Promise<void>;
  /** Closes every connection at once, in flight or not (a second Ctrl-C). */
  closeNow: () => void;
}

/** Starts the server; a port in use or a bad host is a DemoError (exit 2), not a stack. */
export async function startPreviewServer(
  project: Project,
  options: ServeOptions = {},
): Promise<PreviewServer> {
  // No template cache: a template edited while the server runs is read again, as with `dev`.
  const renderer = createRenderer(project.templatesDir, { cache: false });
  const served = { requests: 0, started: performance.now() };
  let closing = false;
  // A keep-alive connection answered while stopping is idle once its reply is out: close it then.
  const afterReply = (): void => {
    if (closing) server.closeIdleConnections();
  };
  const server = http.createServer((req, res) => {
    res.on('finish', afterReply);
    const reply = handleRequest(project, renderer, req.method ?? 'GET', req.url ?? '/', served);
    served.requests++;
    if (reply.status >= 500) console.error(`${req.method} ${req.url}: ${reply.status} ${reply.body.trim()}`);
    res.writeHead(reply.status, {
      'content-type': reply.type,
      'content-length': Buffer.byteLength(reply.body),
      ...reply.headers,
      // Once stopping, answer what is in flight and let the client go.
      ...(closing ? { connection: 'close' } : {}),
    });
    res.end(reply.body);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new DemoError(`cannot listen on ${host}:${options.port ?? 0}: ${error.code ?? error.message}`)),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    requests: () => served.requests,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
    closeNow: () => server.closeAllConnections(),
  };
}
