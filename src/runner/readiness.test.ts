import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  hostToConnect,
  portInMatch,
  ReadinessError,
  waitForListenFile,
  waitForOutput,
  waitForPort,
} from './readiness.js';
import { type ProcessOutcome, runProcess } from './run-process.js';

const tmp = mkdtempSync(join(tmpdir(), 'perfsuite-readiness-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string): string => join(tmp, `${++n}-${name}`);

const running: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((stop) => stop()));
});

const env = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

/** Runs `script` with node through the real runner (own process group, output to `logFile`). */
function workload(script: string, logFile: string, extraEnv: Record<string, string> = {}) {
  const controller = new AbortController();
  const outcome: Promise<ProcessOutcome> = runProcess(
    { argv: [process.execPath, '-e', script], cwd: tmp, env: { ...env, ...extraEnv } },
    { timeoutMs: 60_000, graceMs: 1000, logFile, signal: controller.signal },
  );
  running.push(() => {
    controller.abort();
    return outcome;
  });
  return outcome;
}

/** A port that was free a moment ago (the OS chose it, then we let it go). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function responds(host: string, port: number): Promise<string> {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return (await fetch(url)).text();
}

/** Rejection of `promise` as a ReadinessError, or a failed test. */
async function failure(promise: Promise<unknown>): Promise<ReadinessError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadinessError);
  return error as ReadinessError;
}

const SERVER = `const http = require('node:http');
const serve = (port, then) => http.createServer((q, s) => s.end('up')).listen(port, then);`;

describe('waitForPort', () => {
  it('resolves once a server listens on a fixed free port, after a delay', async () => {
    const port = await freePort();
    const outcome = workload(`${SERVER} setTimeout(() => serve(${port}), 400);`, fresh('late.log'));
    const ready = await waitForPort(port, { timeoutMs: 15_000, exited: outcome });
    expect(ready.waitedMs).toBeGreaterThan(300);
    expect(await responds(ready.host, port)).toBe('up');
  });

  it('times out with what the process printed last', async () => {
    const port = await freePort();
    const logFile = fresh('silent.log');
    workload(
      `for (let i = 1; i <= 15; i++) console.log('starting step ' + i); setInterval(() => {}, 1000);`,
      logFile,
    );
    await waitForOutput(logFile, /step 15/, { timeoutMs: 15_000 });
    const error = await failure(waitForPort(port, { timeoutMs: 500, logFile }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`the server did not listen on port ${port} within 0.5 s`);
    expect(error.lastLines).toEqual(Array.from({ length: 10 }, (_, i) => `starting step ${i + 6}`));
    expect(error.waitedMs).toBeGreaterThanOrEqual(500);
  });

  it('fails at once when the process exits before it listens', async () => {
    const port = await freePort();
    const logFile = fresh('crash.log');
    const outcome = workload(`console.error('Error: cannot read config.json'); process.exit(3);`, logFile);
    const error = await failure(waitForPort(port, { timeoutMs: 30_000, exited: outcome, logFile }));
    expect(error.kind).toBe('exited');
    expect(error.message).toBe(`the server exited with code 3 before it listened on port ${port}`);
    expect(error.lastLines).toEqual(['Error: cannot read config.json']);
    expect(error.waitedMs).toBeLessThan(5000);
  });

  it('tells a process that was killed, through isAlive or [code, signal] from events.once', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const exited = once(child, 'exit');
    setTimeout(() => child.kill('SIGKILL'), 200);
    const viaPromise = await failure(waitForPort(port, { timeoutMs: 30_000, exited }));
    expect(viaPromise.message).toBe(`the server was killed by SIGKILL before it listened on port ${port}`);
    const viaIsAlive = await failure(
      waitForPort(port, {
        timeoutMs: 30_000,
        isAlive: () => child.exitCode === null && child.signalCode === null,
      }),
    );
    expect(viaIsAlive.message).toBe(`the server exited before it listened on port ${port}`);
  });

  it('stops waiting when aborted', async () => {
    const port = await freePort();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Ctrl-C')), 100);
    const error = await failure(waitForPort(port, { timeoutMs: 30_000, signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(error.message).toBe(`interrupted before the server listened on port ${port}`);
    expect((error.cause as Error).message).toBe('Ctrl-C');
    expect(error.waitedMs).toBeLessThan(5000);
  });
});

describe('waitForOutput', () => {
  it('finds the line a server prints when it is ready, and the port in it', async () => {
    const logFile = fresh('vite.log');
    workload(
      `${SERVER} console.log('compiling...');
       setTimeout(() => serve(0, function () {
         console.log('\\x1b[32m  ➜  Local:\\x1b[0m listening on http://localhost:' + this.address().port + '/');
       }), 300);`,
      logFile,
    );
    const ready = await waitForOutput(logFile, /listening on/, { timeoutMs: 15_000 });
    expect(ready.line).toMatch(/^ {2}➜ {2}Local: listening on http:\/\/localhost:\d+\/$/);
    expect(ready.port).toBeGreaterThan(0);
    expect(ready.waitedMs).toBeGreaterThan(200);
    expect(await responds('localhost', ready.port as number)).toBe('up');
  });

  it('takes the port from a capture group of the pattern', async () => {
    const logFile = fresh('group.log');
    const port = await freePort();
    workload(
      `${SERVER} serve(${port}, () => console.log('[12:30:01] ready (pid ' + process.pid + ') on ${port}'));`,
      logFile,
    );
    const ready = await waitForOutput(logFile, /ready \(pid \d+\) on (\d+)/g, { timeoutMs: 15_000 });
    expect(ready.port).toBe(port);
    expect(ready.match[1]).toBe(String(port));
  });

  it('waits for a log file that does not exist yet, and for a line to be complete', async () => {
    const logFile = fresh('later.log');
    setTimeout(() => writeFile(logFile, 'booting\nlistening on http://localhost:30'), 100);
    setTimeout(() => appendFile(logFile, '00/\n'), 160);
    const ready = await waitForOutput(logFile, /listening/, { timeoutMs: 5000 });
    expect(ready.port).toBe(3000);
  });

  it('matches a last line that never gets its newline', async () => {
    const logFile = fresh('no-newline.log');
    await writeFile(logFile, 'Server started on port 4321');
    const ready = await waitForOutput(logFile, /started/, { timeoutMs: 5000 });
    expect(ready).toMatchObject({ line: 'Server started on port 4321', port: 4321 });
  });

  it('fails at once when the process exits before printing the line', async () => {
    const logFile = fresh('exits.log');
    const outcome = workload(`console.log('usage: server --port N'); process.exit(1);`, logFile);
    const error = await failure(waitForOutput(logFile, /listening/, { timeoutMs: 30_000, exited: outcome }));
    expect(error.message).toBe('the server exited with code 1 before it printed a line matching /listening/');
    expect(error.lastLines).toEqual(['usage: server --port N']);
  });

  it('times out naming the pattern and the log', async () => {
    const logFile = fresh('quiet.log');
    await writeFile(logFile, 'nothing to see\n');
    const error = await failure(waitForOutput(logFile, /ready/i, { timeoutMs: 300 }));
    expect(error.message).toBe(`the server printed no line matching /ready/i in ${logFile} within 0.3 s`);
    expect(error.lastLines).toEqual(['nothing to see']);
  });
});

describe('waitForListenFile', () => {
  /** What the agent will do: after listen(0), write <pid>.listen.json atomically (temp file, rename). */
  const LISTEN_AND_REPORT = `${SERVER}
    const fs = require('node:fs');
    setTimeout(() => serve(0, function () {
      const { port, address } = this.address();
      const file = process.env.AGENT_DIR + '/' + process.pid + '.listen.json';
      fs.writeFileSync(file + '.tmp', JSON.stringify({ pid: process.pid, port, address, t: Date.now() }));
      fs.renameSync(file + '.tmp', file);
    }), 300);`;

  it('resolves with the port a server on port 0 got, skipping broken and foreign files', async () => {
    const dir = fresh('agent');
    await mkdir(dir);
    await writeFile(join(dir, '999999.listen.json'), '{"pid": 999999, "po'); // half-written
    await writeFile(join(dir, '12.listen.json.tmp-12'), '{}');
    await writeFile(join(dir, '13.json'), '{"pid": 13}');
    const outcome = workload(LISTEN_AND_REPORT, fresh('port0.log'), { AGENT_DIR: dir });
    const ready = await waitForListenFile(dir, { timeoutMs: 15_000, exited: outcome });
    expect(ready.port).toBeGreaterThan(0);
    expect(ready.file).toBe(join(dir, `${ready.pid}.listen.json`));
    expect(await responds(hostToConnect(ready.address), ready.port)).toBe('up');
  });

  it('waits for a directory that does not exist yet', async () => {
    const dir = fresh('later');
    setTimeout(async () => {
      await mkdir(dir);
      await writeFile(
        join(dir, '20.listen.json'),
        JSON.stringify({ pid: 20, port: 4002, address: '::', t: 2 }),
      );
    }, 150);
    const ready = await waitForListenFile(dir, { timeoutMs: 5000 });
    expect(ready).toMatchObject({ pid: 20, port: 4002, address: '::', t: 2 });
    expect(ready.waitedMs).toBeGreaterThan(100);
  });

  it('takes the earliest to listen of several processes', async () => {
    const dir = fresh('several');
    await mkdir(dir);
    await writeFile(
      join(dir, '20.listen.json'),
      JSON.stringify({ pid: 20, port: 4002, address: '::', t: 2 }),
    );
    await writeFile(
      join(dir, '10.listen.json'),
      JSON.stringify({ pid: 10, port: 4001, address: '::', t: 1 }),
    );
    const ready = await waitForListenFile(dir, { timeoutMs: 5000 });
    expect(ready).toMatchObject({ pid: 10, port: 4001, address: '::', t: 1 });
  });

  it('times out when no process listens, with the last output of the log', async () => {
    const dir = fresh('none');
    await mkdir(dir);
    await writeFile(join(dir, '5.listen.json'), 'not json');
    const logFile = fresh('none.log');
    await writeFile(logFile, 'waiting for the database...\n');
    const error = await failure(waitForListenFile(dir, { timeoutMs: 300, logFile }));
    expect(error.message).toBe(
      'no process of the server listened on a TCP port (a Node process reports the first port it listens on; for a server that is not Node, give ready.port or ready.output) within 0.3 s',
    );
    expect(error.lastLines).toEqual(['waiting for the database...']);
  });
});

describe('portInMatch and hostToConnect', () => {
  const port = (line: string, pattern = /./): number | undefined =>
    portInMatch(pattern.exec(line) as RegExpExecArray);

  it('finds the port a line names', () => {
    expect(port('[12:34:56] Server listening at http://127.0.0.1:8080')).toBe(8080);
    expect(port('Nest application successfully started +2ms on [::1]:3001')).toBe(3001);
    expect(port('listening on 0.0.0.0:9000 (pid 42)')).toBe(9000);
    expect(port('Listening on port 5000')).toBe(5000);
    expect(port('ready in 12:30 on localhost:4000')).toBe(4000);
    expect(port('started', /started/)).toBeUndefined();
    expect(port('up 70000 port 99999')).toBeUndefined();
  });

  it('prefers the group named port, then the first numeric group', () => {
    expect(port('a 1 b 2', /a (\d) b (?<port>\d)/)).toBe(2);
    expect(port('worker 7 on 8080', /worker (\d+) on (\d+)/)).toBe(7);
    expect(port('on http://h:81/ x', /on (\S+)/)).toBe(81);
  });

  it('connects to the loopback of a wildcard address', () => {
    expect(hostToConnect('::')).toBe('::1');
    expect(hostToConnect('0.0.0.0')).toBe('127.0.0.1');
    expect(hostToConnect('127.0.0.1')).toBe('127.0.0.1');
    expect(hostToConnect('::1')).toBe('::1');
  });
});
