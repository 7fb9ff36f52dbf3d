/**
 * `demo serve`: the preview server as a real process (its routes, a broken test answered with a 500
 * while the server stays up, a graceful stop on SIGINT or SIGTERM with nothing left behind), its
 * request handler through the library, and the `server` suite profiled by the built perfsuite CLI.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import pidtree from 'pidtree';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../examples/demo/src/lib/project.js';
import { createRenderer } from '../../examples/demo/src/lib/render.js';
import { handleRequest, MAX_SCENARIOS, withScenarios } from '../../examples/demo/src/lib/serve.js';
import type { CpuResult } from '../../src/cpu/result.js';
import { CLI, FIXTURE_PROJECT, TSX, tempDir } from './helpers.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A copy of the fixture project with one more test that does not parse. */
function fixtureWithBrokenTest(prefix: string): string {
  const { dir, cleanup } = tempDir(prefix);
  cleanups.push(cleanup);
  cpSync(FIXTURE_PROJECT, dir, { recursive: true });
  writeFileSync(path.join(dir, 'tests', 'broken.toml'), 'name = "broken"\ntemplate = \n');
  return dir;
}

/** True while the process runs (a zombie, ended and waiting to be reaped, does not count). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** Starts `demo serve` and resolves with its port once it prints its address. */
async function startServe(
  args: string[],
): Promise<{ child: ResultPromise<{ reject: false }>; port: number }> {
  const child = execa('node', ['--import', TSX, CLI, 'serve', ...args], { reject: false });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    // Generous: tsx takes seconds to load when the two cores are shared with other tests.
    const timer = setTimeout(() => reject(new Error(`serve never said where it listens:\n${text}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port };
}

// Each test starts one or two real processes (tsx loading included), several seconds on a busy machine.
describe('demo serve', { timeout: 120_000 }, () => {
  it('answers its routes, a 500 for a broken test without going down, and exits 0 on SIGINT', async () => {
    const project = fixtureWithBrokenTest('serve');
    const { child, port } = await startServe([project]);
    const get = (target: string) => fetch(`http://127.0.0.1:${port}${target}`);

    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await health.json()).toMatchObject({ status: 'ok', project: 'fixture' });

    const checkout = await get('/render/checkout');
    expect(checkout.status).toBe(200);
    expect(checkout.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = await checkout.text();
    expect(markdown).toContain('# checkout (staging)');
    expect(markdown).toContain('- **api** `demo/api:1.0` on port 8080, after db');
    expect(markdown).toContain('### 2. payment [payments, slow]');

    const inventory = await get('/render/inventory?scenarios=5');
    expect(inventory.status).toBe(200);
    expect(inventory.headers.get('content-type')).toMatch(/^text\/plain/);
    const matrix = await inventory.text();
    expect(matrix).toMatch(/^INVENTORY - 5 scenarios x 3 services$/m);
    expect(matrix).toContain('[restock #2] stock:9000 sum=375 product=144');

    const index = (await (await get('/')).json()) as { tests: { name: string; url: string }[] };
    expect(index.tests.map((t) => t.url)).toEqual([
      '/render/broken',
      '/render/checkout',
      '/render/inventory',
      '/render/smoke',
    ]);

    const unknown = await get('/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/^not found: GET \/nope \(routes: GET \/health/);
    const missing = await get('/render/missing');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no test "missing" in tests/');
    expect((await get('/render/..%2fdemo')).status).toBe(404);
    const badKnob = await get('/render/checkout?scenarios=0');
    expect(badKnob.status).toBe(400);
    expect(await badKnob.text()).toContain(`scenarios must be a whole number from 1 to ${MAX_SCENARIOS}`);

    const broken = await get('/render/broken');
    expect(broken.status).toBe(500);
    expect(await broken.text()).toMatch(/^error: .*broken\.toml:2: invalid TOML/);
    expect((await get('/health')).status).toBe(200);

    // A second server on the same port: an error with exit 2, not a stack.
    const taken = await execa('node', ['--import', TSX, CLI, 'serve', project, '--port', String(port)], {
      reject: false,
    });
    expect(taken.exitCode).toBe(2);
    expect(taken.stderr).toBe(`error: cannot listen on 127.0.0.1:${port}: EADDRINUSE`);

    const pids = [child.pid as number, ...(await pidtree(child.pid as number))];
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^stopped \(SIGINT\) after 10 requests$/m);
    expect(result.stderr).toMatch(/^GET \/render\/broken: 500 error: /m);
    // tsx's esbuild service is a child of the server: it ends with it.
    await expect.poll(() => pids.filter(alive), { timeout: 5000 }).toEqual([]);
  });

  it('on SIGTERM closes a keep-alive connection left open instead of waiting for it, and exits 0', async () => {
    const { child, port } = await startServe([FIXTURE_PROJECT, '--port', '0']);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ port, path: '/render/smoke', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
    const stopped = performance.now();
    child.kill('SIGTERM');
    const result = await child;
    // The connection's keep-alive timeout is 5 s: the stop does not wait for it.
    expect(performance.now() - stopped).toBeLessThan(4000);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^stopped \(SIGTERM\) after 1 request$/m);
  });

  it('refuses a bad port with its usage (exit 2)', async () => {
    const result = await execa('node', ['--import', TSX, CLI, 'serve', FIXTURE_PROJECT, '--port', '70000'], {
      reject: false,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--port must be a TCP port from 0 (any free port) to 65535');
    expect(result.stderr).toContain('usage: demo serve [dir] [--port n] [--host h]');
  });
});

describe('the preview server library', () => {
  const project = loadProject(FIXTURE_PROJECT);
  const renderer = createRenderer(project.templatesDir, { cache: false });
  const served = { requests: 0, started: performance.now() };

  it('repeats a test scenarios in turn, the copies numbered', () => {
    const definition = {
      name: 't',
      template: 'x',
      description: '',
      vars: {},
      services: [],
      scenarios: [
        { name: 'a', tags: [], steps: [], assertions: [] },
        { name: 'b', tags: [], steps: [], assertions: [] },
      ],
    };
    expect(withScenarios(definition, 5).scenarios.map((s) => s.name)).toEqual([
      'a',
      'b',
      'a #2',
      'b #2',
      'a #3',
    ]);
    expect(withScenarios(definition, 1).scenarios.map((s) => s.name)).toEqual(['a']);
  });

  it('answers other methods with a 405 naming the allowed ones, and bad escapes with a 400', () => {
    const post = handleRequest(project, renderer, 'POST', '/health', served);
    expect(post.status).toBe(405);
    expect(post.headers).toEqual({ allow: 'GET, HEAD' });
    const bad = handleRequest(project, renderer, 'GET', '/render/%zz', served);
    expect(bad.status).toBe(400);
    expect(bad.body).toBe('bad request: URI malformed in /render/%zz\n');
  });
});

describe('profile cpu server (the built CLI)', { timeout: 120_000 }, () => {
  it('profiles the render route under load: requests, no errors, rendering among the top functions', async () => {
    const { dir, cleanup } = tempDir('serve-profile');
    cleanups.push(cleanup);
    const bin = fileURLToPath(new URL('../../bin/profile.js', import.meta.url));
    // No config in a temp folder: perfsuite profiles the demo's suites.
    const run = await execa(
      'node',
      [bin, 'cpu', 'server', '-w', 'render', '--load-duration', '2', '--out-dir', dir, '--json'],
      { cwd: dir, reject: false },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
    expect(result?.state).toBe('ok');
    expect(result?.load?.requests).toBeGreaterThan(0);
    expect(result?.load?.errors).toBe(0);
    expect(result?.load?.non2xx).toBe(0);
    const rendering = result?.topTotal.find((f) => f.name === 'renderDefinition');
    expect(rendering?.file).toMatch(/examples\/demo\/src\/lib\/render\.ts$/);
    expect(rendering?.totalShare).toBeGreaterThan(0.2);
  });
});
