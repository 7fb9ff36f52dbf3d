// Servers under load with `profile cpu`: real servers (node:http and express) are profiled while
// autocannon, or a load command, runs through them; the hot handler leads the profile, the load's
// figures are in the result, readiness is told by the agent, a port or an output line, and every
// fault (port in use, never ready, crash under load, a failing, missing or hung load command,
// Ctrl-C) gets a clear message, keeps what was measured and leaves no process behind.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { alive, bin, fixtures, runCli, tempDir } from './run-cli.js';

const servers = join(fixtures, 'servers');
const config = join(servers, 'profile.config.ts');
const httpServer = join(servers, 'http-server.cjs');

async function profile(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out = tempDir();
  const run = await runCli(['cpu', '--json', '--out-dir', out, ...args], { env });
  const result = (JSON.parse(run.stdout) as { results: CpuResult[] }).results[0] as CpuResult;
  return { run, result, out };
}

const configured = (workload: string, env: NodeJS.ProcessEnv = {}) =>
  profile(['servers', '-w', workload, '--config', config], env);

/** A port nothing listens on now (the OS's pick, released again). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectPlausibleLoad(result: CpuResult) {
  const load = result.load;
  expect(load?.kind).toBe('http');
  expect(load?.requests).toBeGreaterThan(100);
  expect(load?.errors).toBe(0);
  expect(load?.non2xx).toBe(0);
  expect(load?.rps).toBeGreaterThan(50);
  const l = load?.latencyMs;
  expect(l && l.p50 > 0 && l.p50 <= l.p90 && l.p90 <= l.p99 && l.p99 <= l.max).toBe(true);
}

describe('profile cpu under load', () => {
  it.each(['pprof', 'cpu-prof'])(
    'a node:http server: the hot handler leads the profile, with the load figures (%s)',
    async (engine) => {
      const { run, result } = await profile([
        '--engine',
        engine,
        '--load-duration',
        '2',
        '--load-connections',
        '4',
        '--',
        'node',
        httpServer,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(result.state).toBe('ok');
      expect(result.topSelf.find((f) => !f.name.startsWith('('))?.name).toBe('hotHandler');
      expectPlausibleLoad(result);
      // Stopped gracefully once the load ended: its SIGINT handler ran.
      expect(readFileSync(result.files.log as string, 'utf8')).toMatch(/^stopping after \d+ requests$/m);
    },
  );

  it('an express server, ready when it prints its address (ready.output), loaded on one path', async () => {
    const { run, result } = await profile(['servers', '-w', 'output', '--config', config, '--top', '50']);
    expect(run.code, run.stderr).toBe(0);
    expect(result.topTotal.some((f) => f.name === 'expressHot')).toBe(true);
    expectPlausibleLoad(result);
  });

  it('readiness by the port the agent reports (listen(0)) and by a fixed port (ready.port)', async () => {
    const port0 = await configured('port0');
    expect(port0.result.state).toBe('ok');
    expectPlausibleLoad(port0.result);
    const port = await freePort();
    const fixed = await configured('fixed', { FIXED_PORT: String(port) });
    expect(fixed.result.state).toBe('ok');
    expect(fixed.result.load?.port).toBe(port);
    expectPlausibleLoad(fixed.result);
  });

  it('--on-port runs a load command with the port in its arguments and in PORT', async () => {
    const script = `require("http").get("http://localhost:" + process.env.PORT + "/", (r) => { console.log("status", r.statusCode, process.argv[1]); r.resume(); })`;
    const { run, result } = await profile([
      '--on-port',
      `node -e '${script}' {port}`,
      '--',
      'node',
      httpServer,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(result.load).toMatchObject({ kind: 'command', exitCode: 0 });
    expect(readFileSync(result.load?.log as string, 'utf8')).toBe(`status 200 ${result.load?.port}\n`);
  });
});

describe('server faults', () => {
  it('a port already in use: the server exits before it is ready, with its last output', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { run, result } = await profile(['--load', '--', 'node', httpServer, String(port)]);
      expect(run.code).toBe(1);
      expect(result.state).toBe('failed');
      expect(result.reason).toMatch(/^the server exited with code 1 before it listened on a TCP port/);
      expect(result.reason).toContain('EADDRINUSE');
    } finally {
      blocker.close();
    }
  });

  it('a server that never listens fails at its ready timeout, saying what it waited for', async () => {
    const { run, result } = await configured('never');
    expect(run.code).toBe(1);
    expect(result.reason).toMatch(/^no process of the server listened on a TCP port .* within 2 s/);
  });

  it('a server that crashes under load fails with its log, and the load figures so far are kept', async () => {
    const { result } = await configured('crash');
    expect(result.state).toBe('failed');
    expect(result.reason).toBe('the server exited with code 1 before its load ended');
    expect(result.load?.requests).toBeGreaterThan(100);
    expect(result.load?.stopped).toBe('server-gone');
    expect(readFileSync(result.files.log as string, 'utf8')).toContain('crashing at request 200');
    expect(result.files.svg).toBeDefined();
  });

  it('a load command that fails, or is not found, fails the workload with a clear message', async () => {
    const failing = await profile(['--on-port', `node -e 'process.exit(4)'`, '--', 'node', httpServer]);
    expect(failing.result.state).toBe('failed');
    expect(failing.result.reason).toMatch(
      /^the load command \(node -e process\.exit\(4\)\) exited with code 4/,
    );
    const missing = await profile(['--on-port', 'no-such-load-tool {port}', '--', 'node', httpServer]);
    expect(missing.result.state).toBe('failed');
    expect(missing.result.reason).toMatch(/could not start: spawn no-such-load-tool ENOENT/);
    expect(missing.result.files.svg).toBeDefined();
  });

  it('a hung load command is stopped with the server at the timeout: no process is left', async () => {
    const pidFile = join(tempDir(), 'load.pid');
    const hang = join(servers, 'hang-load.cjs');
    const { result } = await profile([
      '--timeout',
      '3',
      '--on-port',
      `node ${hang} ${pidFile}`,
      '--',
      'node',
      httpServer,
    ]);
    expect(result.state).toBe('timeout');
    const loadPid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alive(loadPid)).toBe(false);
  });

  it('Ctrl-C during the load exits 130, keeps the figures so far, and leaves no process', async () => {
    const out = tempDir();
    const child = spawn(
      process.execPath,
      [bin, 'cpu', '--json', '--out-dir', out, '--load-duration', '30', '--', 'node', httpServer],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    const result = (JSON.parse(stdout) as { results: CpuResult[] }).results[0] as CpuResult;
    expect(result.state).toBe('interrupted');
    expect(result.load?.requests).toBeGreaterThan(100);
    expect(result.load?.stopped).toBe('aborted');
    const serverPid = /pid (\d+)/.exec(result.byProcess[0]?.name ?? '')?.[1];
    expect(serverPid && alive(Number(serverPid))).toBe(false);
  });
});
