// Real processes timed like hyperfine: run counts, wall ordering, CPU time of the whole tree from the
// kernel, peak RSS, probe measures from child processes, failures, timeouts, duration stops, Ctrl-C.
// The agent comes from dist/ (npm run build). Sequential: its run counts under minTime and its wall
// ordering are timings, so it runs alone.
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LaunchSpec } from '../../runner/run-process.js';
import { readChildrenCpu } from './children-cpu.js';
import { type TimedRun, timeRuns } from './time-runs.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/validate/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'perfsuite-time-test-'));
const logFile = join(tmp, 'runs.log');

function env(extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return { ...out, ...extra };
}

function node(script: string, args: string[] = [], extra: Record<string, string> = {}): LaunchSpec {
  return { argv: [process.execPath, join(fixtures, script), ...args], cwd: fixtures, env: env(extra) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const base = { timeoutMs: 30_000, logFile };

describe('timeRuns', () => {
  it('runs the warm-ups, then the measured runs, each a fresh process', async () => {
    const timed = await timeRuns(node('scale.mjs', ['1']), { ...base, warmup: 2, runs: 3 });
    expect(timed.warmups.map((r) => r.index)).toEqual([1, 2]);
    expect(timed.runs.map((r) => r.index)).toEqual([1, 2, 3]);
    expect([...timed.warmups, ...timed.runs].every((r) => r.state === 'ok')).toBe(true);
    expect(timed.interrupted).toBe(false);
    // Every run, warm-ups included, left its header in the log.
    expect(readFileSync(logFile, 'utf8').match(/^--- (warm-up|run) \d+: ok ---$/gm)).toHaveLength(5);
  });

  it('adds runs until minTime has passed, and no more', async () => {
    const timed = await timeRuns(node('scale.mjs', ['20']), { ...base, runs: 1, minTimeMs: 700 });
    const walls = timed.runs.map((r) => r.wallMs);
    const total = walls.reduce((a, b) => a + b, 0);
    expect(walls.length).toBeGreaterThanOrEqual(2);
    expect(total).toBeGreaterThanOrEqual(700);
    // The run before the last had not yet reached it.
    expect(total - (walls.at(-1) as number)).toBeLessThan(700);
  });

  it('a longer program has a longer median wall time', async () => {
    const short = await timeRuns(node('scale.mjs', ['15']), { ...base, runs: 3 });
    const long = await timeRuns(node('scale.mjs', ['45']), { ...base, runs: 3 });
    expect(median(long.runs.map((r) => r.wallMs))).toBeGreaterThan(median(short.runs.map((r) => r.wallMs)));
  });

  it("reads the whole tree's user CPU time from the kernel, children included", async () => {
    expect(readChildrenCpu()).not.toBeNull(); // Linux: /proc/self/stat
    for (const script of ['burn.mjs', 'burn-child.mjs']) {
      const timed = await timeRuns(node(script, ['300']), { ...base, runs: 1 });
      const run = timed.runs[0] as TimedRun;
      expect(run.state).toBe('ok');
      expect(run.cpuSource).toBe('children');
      // 300 ms burnt by the (grand)child, counted in 10 ms ticks.
      expect(run.userMs).toBeGreaterThanOrEqual(250);
      expect(run.sysMs).toBeGreaterThanOrEqual(0);
      // No more CPU than the cores could give in that wall time (plus a tick of rounding).
      expect((run.userMs as number) + (run.sysMs as number)).toBeLessThanOrEqual(
        run.wallMs * availableParallelism() + 20,
      );
    }
  });

  it('finds the peak RSS of a process holding 100 MB', async () => {
    const timed = await timeRuns(node('alloc.mjs', ['100']), { ...base, runs: 1 });
    const run = timed.runs[0] as TimedRun;
    expect(run.state).toBe('ok');
    expect(run.nodeProcesses).toBe(1);
    expect(run.peakRssMb).toBeGreaterThanOrEqual(90);
  });

  it('takes the exact peak a Node process reports when sampling misses it', async () => {
    // One RSS reading, at spawn: only the agent's maxRSS can see the 100 MB.
    const spec = node('alloc.mjs', ['100', '0']);
    const sampled = await timeRuns(spec, { ...base, runs: 1, rssIntervalMs: 60_000, agent: false });
    expect(sampled.runs[0]?.peakRssMb).toBeLessThan(90);
    const exact = await timeRuns(spec, { ...base, runs: 1, rssIntervalMs: 60_000 });
    expect(exact.runs[0]?.peakRssMb).toBeGreaterThanOrEqual(90);
  });

  it('collects probe measures from every process of the tree', async () => {
    const timed = await timeRuns(node('probe-parent.mjs'), { ...base, runs: 2 });
    for (const run of timed.runs) {
      expect(run.state).toBe('ok');
      expect(run.nodeProcesses).toBe(2);
      expect(run.probes['child-phase']).toEqual([7]);
      expect(run.probes.phase).toHaveLength(2);
      expect(run.probes.phase?.[0]).toBe(5);
      expect(run.probes.phase?.[1]).toBeGreaterThanOrEqual(19);
    }
  });

  it('records failed runs with their reason and still does the others', async () => {
    const counter = join(mkdtempSync(join(tmp, 'flaky-')), 'count');
    const timed = await timeRuns(node('flaky.mjs', [counter], { FLAKY_EVERY: '2' }), { ...base, runs: 4 });
    expect(timed.runs.map((r) => r.state)).toEqual(['ok', 'failed', 'ok', 'failed']);
    expect(timed.runs[1]?.exitCode).toBe(3);
    expect(timed.runs[1]?.reason).toBe('exited with code 3');
    expect(readFileSync(logFile, 'utf8')).toContain('run 2 fails on purpose');
  });

  it('stops a run at the timeout and marks it so', async () => {
    const timed = await timeRuns(node('watcher.mjs'), { ...base, runs: 1, timeoutMs: 400 });
    expect(timed.runs[0]?.state).toBe('timeout');
    expect(timed.runs[0]?.reason).toMatch(/timed out/);
  });

  it('stops a watcher after its duration as a success and keeps its probe measures', async () => {
    const timed = await timeRuns(node('watcher.mjs'), { ...base, runs: 1, durationMs: 600 });
    const run = timed.runs[0] as TimedRun;
    expect(run.state).toBe('ok');
    expect(run.stoppedAfterDuration).toBe(true);
    expect(run.probes.cycle?.length).toBeGreaterThanOrEqual(3);
  });

  it('does not extend minTime with a program that cannot start', async () => {
    const spec: LaunchSpec = { argv: ['perfsuite-no-such-program'], cwd: fixtures, env: env() };
    const timed = await timeRuns(spec, { ...base, runs: 2, minTimeMs: 60_000 });
    expect(timed.runs).toHaveLength(2);
    expect(timed.runs.every((r) => r.state === 'failed' && /ENOENT/.test(r.reason ?? ''))).toBe(true);
  });

  it('on Ctrl-C stops the running process and returns what was measured', async () => {
    const abort = new AbortController();
    const timed = await timeRuns(node('watcher.mjs'), {
      ...base,
      runs: 5,
      durationMs: 300,
      signal: abort.signal,
      onRun: (run) => {
        // After the first run, interrupt the second one while it runs.
        if (run.index === 1) setTimeout(() => abort.abort(), 100);
      },
    });
    expect(timed.interrupted).toBe(true);
    expect(timed.runs.map((r) => r.state)).toEqual(['ok', 'interrupted']);
  });
});
