/**
 * `demo run --jobs n` (worker threads, piscina) run for real as a child process: it prints, saves
 * and exits exactly as the in-process `run` on the same project, broken files included; the TypeScript
 * worker loads under tsx whether tsx is given by name or by absolute URL (as perfsuite starts
 * TypeScript); the rendering really happens in the worker threads; bad `--jobs` values are usage
 * errors; and the process exits on its own once done.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runTestSize, writeProject } from '../../examples/demo/workloads/support/generate.js';
import { CLI, DEMO_DIR, FIXTURE_PROJECT, runCli, TSX, tempDir } from './helpers.js';

/** The summary line ends with the elapsed time, the one thing allowed to differ between runs. */
const withoutTiming = (stdout: string): string => stdout.replace(/\(\d+ ms\)$/m, '(N ms)');

/** Every file under `dir` (rendered outputs and results.json) with its content, by relative path. */
function filesUnder(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [path.relative(dir, file), readFileSync(file, 'utf8')];
    }),
  );
}

/** results.json without its two timing fields (when the run finished, how long it took). */
function savedResults(outDir: string): unknown {
  const { finishedAt, durationMs, ...rest } = JSON.parse(
    readFileSync(path.join(outDir, 'results.json'), 'utf8'),
  );
  expect(typeof finishedAt).toBe('string');
  expect(typeof durationMs).toBe('number');
  return rest;
}

/** Runs `run <project>` with and without `--jobs`, each into an output folder of its own. */
async function runBoth(project: string, cwd: string, outRoot: string, jobs: string) {
  const [inProcess, pooled] = await Promise.all(
    [undefined, jobs].map((n) => {
      const outDir = path.join(outRoot, `jobs-${n ?? 'default'}`);
      const args = ['run', project, '--out-dir', outDir, ...(n === undefined ? [] : ['--jobs', n])];
      return runCli(args, cwd).then((result) => ({ result, outDir }));
    }),
  );
  if (!inProcess || !pooled) throw new Error('both runs expected');
  return { inProcess, pooled };
}

/** Checks that two runs printed, saved, rendered and exited alike. */
function expectSameRun(a: Awaited<ReturnType<typeof runBoth>>['inProcess'], b: typeof a): void {
  expect(b.result.stderr).toBe(a.result.stderr);
  expect(withoutTiming(b.result.stdout)).toBe(withoutTiming(a.result.stdout));
  expect(b.result.exitCode).toBe(a.result.exitCode);
  expect(savedResults(b.outDir)).toEqual(savedResults(a.outDir));
  const { 'results.json': _a, ...outputsA } = filesUnder(a.outDir);
  const { 'results.json': _b, ...outputsB } = filesUnder(b.outDir);
  expect(outputsB).toEqual(outputsA);
}

describe('demo run --jobs', () => {
  const temp = tempDir('jobs');
  afterAll(temp.cleanup);
  /** A project of `files` generated tests (the workloads' kind and size) in the temp folder. */
  const generated = (name: string, files: number): string => {
    const dir = path.join(temp.dir, name);
    mkdirSync(dir);
    return writeProject(dir, files, 'medium', runTestSize).root;
  };

  it('on the fixture project: the same output, results, files and exit code as without --jobs', async () => {
    const { inProcess, pooled } = await runBoth(
      FIXTURE_PROJECT,
      temp.dir,
      path.join(temp.dir, 'fixture'),
      '4',
    );
    expect(inProcess.result.stdout).toMatch(/^5 passed, 0 failed, 3 files rendered, 0 files broken/m);
    expect(inProcess.result.exitCode).toBe(0);
    expectSameRun(inProcess, pooled);
  });

  it('on a generated project with broken and failing tests: the same lines, in the same order, exit 1', async () => {
    const project = generated('generated', 13);
    const edit = (name: string, change: (text: string) => string) => {
      const file = path.join(project, 'tests', `${name}.toml`);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    };
    edit('test_002', (text) => `${text}\n[vars\n`); // TOML syntax: BROKEN with a line
    edit('test_005', (text) => text.replace('template = "medium.md.liquid"', 'template = "gone.liquid"')); // no line
    edit('test_008', (text) => text.replace(/expect = (\d+)/, 'expect = 999999')); // a failing step
    edit('test_011', (text) => text.replace('port = 8001', 'port = "eighty"')); // schema: BROKEN with a line
    const { inProcess, pooled } = await runBoth(project, project, path.join(temp.dir, 'generated-out'), '4');
    const stdout = inProcess.result.stdout;
    expect(stdout).toMatch(/^FAIL test_008 > scenario 0$/m);
    expect(stdout).toMatch(/^BROKEN tests\/test_002\.toml:\d+: invalid TOML/m);
    expect(stdout).toMatch(/^BROKEN tests\/test_005\.toml: template "gone\.liquid"/m);
    expect(stdout).toMatch(/^BROKEN tests\/test_011\.toml:\d+: services\[1\]\.port/m);
    expect(stdout).toMatch(/^\d+ passed, 1 failed, 10 files rendered, 3 files broken/m);
    expect(inProcess.result.exitCode).toBe(1);
    expectSameRun(inProcess, pooled);
  });

  it('loads its TypeScript worker with `--import tsx` by name too, and renders in the worker threads', async () => {
    const project = generated('profiled', 24);
    const profiles = path.join(temp.dir, 'cpu-profiles');
    // --cpu-prof writes one profile per thread, named CPU.<date>.<time>.<pid>.<thread id>.<n>: 0 is the main thread.
    const profiling = ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=100'];
    const started = execa('node', [...profiling, '--import', 'tsx', CLI, 'run', project, '--jobs', '2'], {
      cwd: DEMO_DIR,
      reject: false,
      all: true,
    });
    const run = await started;
    expect(run.all).toMatch(/^192 passed, 0 failed, 24 files rendered, 0 files broken/m);
    expect(run.exitCode).toBe(0);
    const rendering = (file: string) =>
      readFileSync(path.join(profiles, file), 'utf8').includes('"renderTestFile"');
    const byThread = readdirSync(profiles)
      .filter((f) => f.includes(`.${started.pid}.`))
      .map((f) => ({ main: f.split('.').at(-3) === '0', rendering: rendering(f) }));
    expect(byThread.filter((t) => t.main)).toEqual([{ main: true, rendering: false }]);
    expect(byThread.filter((t) => !t.main && t.rendering).length).toBeGreaterThanOrEqual(1);
  });

  it('exits on its own right after its summary: the pool is destroyed, no thread is left', async () => {
    const args = ['run', FIXTURE_PROJECT, '--out-dir', path.join(temp.dir, 'exit'), '--jobs', '3'];
    const run = execa('node', ['--import', TSX, CLI, ...args], {
      cwd: temp.dir,
      reject: false,
      all: true,
      timeout: 45_000,
    });
    let summaryAt = Number.NaN;
    run.stdout?.on('data', (chunk: Buffer) => {
      if (/files broken/.test(chunk.toString()) && Number.isNaN(summaryAt)) summaryAt = performance.now();
    });
    const result = await run;
    const exitedAt = performance.now();
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    // A thread left running would keep the process alive until the timeout (idle piscina threads are
    // unref'd, but a running one is not); exit takes a few ms once the summary is printed.
    expect(exitedAt - summaryAt).toBeLessThan(5000);
  });

  it.each([
    ['0', '--jobs must be a whole number of worker threads, 1 or more (got "0")'],
    ['abc', '--jobs must be a whole number of worker threads, 1 or more (got "abc")'],
    ['-2', '--jobs must be a whole number of worker threads, 1 or more (got "-2")'],
    ['1.5', '--jobs must be a whole number of worker threads, 1 or more (got "1.5")'],
  ])('--jobs %s exits 2 with the usage', async (value, message) => {
    const result = await runCli(['run', FIXTURE_PROJECT, `--jobs=${value}`], temp.dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`error: run: ${message}\nusage: demo run [dir] [--out-dir dir] [--jobs n]`);
    expect(result.stdout).toBe('');
  });

  it('--jobs without a value exits 2 with the usage', async () => {
    const result = await runCli(['run', FIXTURE_PROJECT, '--jobs'], temp.dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("Option '-j, --jobs <value>' argument missing");
    expect(result.stderr).toContain('usage: demo run [dir] [--out-dir dir] [--jobs n]');
  });
});
