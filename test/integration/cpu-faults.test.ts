// Faults: a crash keeps its profile and fails the run; a hang is killed with its whole tree at the
// timeout; a duration stop is graceful; Ctrl-C stops the tree and keeps finished results; bad input
// gets exit code 2 and a message that lists what exists.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { alive, bin, fixtures, repoRoot, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'profile.config.ts');

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('faults', () => {
  it('a crashing workload is reported failed, its profile kept, the others still run, exit code 1', async () => {
    const out = tempDir();
    const run = await runCli([
      'cpu',
      'fixtures',
      '-w',
      'crash',
      '-w',
      'hot',
      '--config',
      config,
      '--out-dir',
      out,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const { results } = JSON.parse(run.stdout) as { results: CpuResult[] };
    const crash = results.find((r) => r.workload === 'crash');
    const hot = results.find((r) => r.workload === 'hot');
    expect(crash?.state).toBe('failed');
    expect(crash?.exitCode).toBe(1);
    expect(crash?.topSelf.map((f) => f.name)).toContain('beforeCrash');
    expect(existsSync(crash?.files.svg as string)).toBe(true);
    expect(readFileSync(crash?.files.log as string, 'utf8')).toMatch(/deliberate crash/);
    expect(hot?.state).toBe('ok');
  });

  it('a hanging workload is killed with its whole process tree at the timeout', async () => {
    const out = tempDir();
    const pidFile = join(out, 'child.pid');
    const started = Date.now();
    const run = await runCli(
      ['cpu', 'fixtures', '-w', 'hang', '--config', config, '--out-dir', out, '--json'],
      {
        env: { HANG_PID_FILE: pidFile },
      },
    );
    const elapsed = Date.now() - started;
    expect(run.code).toBe(1);
    const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
    expect(result?.state).toBe('timeout');
    expect(elapsed).toBeLessThan(15_000);
    const childPid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(childPid)).toBe(false);
  });

  // 0x converts its log after the program ends, inside the measured run: allow for that.
  it.each([
    ['pprof', 5000],
    ['cpu-prof', 5000],
    ['0x', 20_000],
  ])(
    'a long-running workload is stopped gracefully after its duration and its profile written (%s)',
    async (engine, maxMs) => {
      const out = tempDir();
      const run = await runCli([
        'cpu',
        'fixtures',
        '-w',
        'server',
        '--engine',
        engine,
        '--config',
        config,
        '--out-dir',
        out,
        '--json',
      ]);
      const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
      expect(run.code).toBe(0);
      expect(result?.state).toBe('ok');
      expect(result?.durationMs).toBeGreaterThan(900);
      expect(result?.durationMs).toBeLessThan(maxMs);
      // The 1 s spin would give ~500 samples at 2 ms; CI's loaded cores gave it a tenth of that.
      expect(result?.sampleCount).toBeGreaterThan(10);
    },
  );

  // Loading 0x takes 0.5 s here, seconds on a loaded machine: counted from the spawn, a short
  // duration stopped 0x before it started the program ("no profile was written").
  it('a duration shorter than 0x takes to start still runs the program for all of it (0x)', async () => {
    const out = tempDir();
    const run = await runCli([
      'cpu',
      'fixtures',
      '-w',
      'server',
      '--engine',
      '0x',
      '--duration',
      '0.2',
      '--config',
      config,
      '--out-dir',
      out,
      '--json',
    ]);
    const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
    expect(result?.reason).toBeUndefined();
    expect(run.code).toBe(0);
    expect(result?.state).toBe('ok');
    expect(result?.sampleCount).toBeGreaterThan(10);
  });

  it('Ctrl-C stops the workload tree, keeps finished results and exits 130', async () => {
    const out = tempDir();
    const pidFile = join(out, 'child.pid');
    const child = spawn(
      process.execPath,
      [
        bin,
        'cpu',
        'fixtures',
        '-w',
        'hot',
        '-w',
        'hang',
        '--timeout',
        '60',
        '--config',
        config,
        '--out-dir',
        out,
      ],
      { cwd: repoRoot, env: { ...process.env, HANG_PID_FILE: pidFile }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    expect(await waitFor(() => existsSync(pidFile), 20_000)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    const saved = JSON.parse(readFileSync(join(out, 'profiles', 'cpu_results.json'), 'utf8')) as {
      results: CpuResult[];
    };
    expect(saved.results.map((r) => [r.workload, r.state])).toEqual([
      ['hot', 'ok'],
      ['hang', 'interrupted'],
    ]);
  });
});

describe('a profile with no samples', () => {
  it('is ok, with a warning in the JSON and in the terminal', async () => {
    // One sample every 5 s: a program of 200 ms ends before the first.
    const adHoc = ['cpu', '--interval', '5000', '--out-dir', tempDir()];
    const program = ['--', process.execPath, '-e', 'setTimeout(() => {}, 200)'];
    const json = await runCli([...adHoc, '--json', ...program]);
    const [result] = (JSON.parse(json.stdout) as { results: CpuResult[] }).results;
    expect(json.code).toBe(0);
    expect(result?.state).toBe('ok');
    expect(result?.sampleCount).toBe(0);
    expect(result?.warning).toMatch(/^no samples were recorded/);
    const terminal = await runCli([...adHoc, ...program]);
    expect(terminal.stdout).toMatch(/warning: no samples were recorded[\s\S]*\n\s+log: /);
    // No empty flamegraph: no files to list, and the summary says so.
    expect(result?.files).toEqual({ log: result?.files.log });
    expect(terminal.stdout).toMatch(/\n {4}no flamegraph \(no samples to draw\)\n/);
    expect(terminal.stdout).not.toMatch(/files: /);
  });

  it("writes no empty flamegraph, and removes an earlier run's files of the workload", async () => {
    const out = tempDir();
    // Busy for 300 ms: samples at the default 2 ms, none at one every 5 s.
    const program = ['--', process.execPath, '-e', 'for (const end = Date.now() + 300; Date.now() < end; );'];
    const sampled = await runCli(['cpu', '--out-dir', out, '--json', ...program]);
    const [before] = (JSON.parse(sampled.stdout) as { results: CpuResult[] }).results;
    expect(before?.sampleCount).toBeGreaterThan(0);
    const earlier = [before?.files.svg, before?.files.pprof, before?.files.folded] as string[];
    for (const file of earlier) expect(existsSync(file)).toBe(true);
    const none = await runCli(['cpu', '--interval', '5000', '--out-dir', out, '--json', ...program]);
    const [after] = (JSON.parse(none.stdout) as { results: CpuResult[] }).results;
    expect(after?.sampleCount).toBe(0);
    expect(after?.files.svg).toBeUndefined();
    for (const file of earlier) expect(existsSync(file)).toBe(false);
  });
});

describe('bad input', () => {
  it('an unknown suite lists the suites and exits 2', async () => {
    const run = await runCli(['cpu', 'nope', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown suite "nope"\. Suites: fixtures/);
  });

  it('an unknown workload lists the workloads and exits 2', async () => {
    const run = await runCli(['cpu', 'fixtures', '-w', 'nope', '--config', config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown workload "nope".*fixtures\/hot/);
  });

  it('an invalid config names the file and the key path', async () => {
    const dir = tempDir();
    const file = join(dir, 'profile.config.json');
    writeFileSync(
      file,
      JSON.stringify({ suites: { s: { workloads: { '../x': { script: 'a.js', timeout: -1 } } } } }),
    );
    const run = await runCli(['cpu', 'all', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/suites\.s\.workloads\.\.\.\/x.*path separators|suites\.s\.workloads/);
  });

  it('an unknown engine is a usage error', async () => {
    const run = await runCli(['cpu', 'all', '--engine', 'perf']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/perf/);
  });
});
