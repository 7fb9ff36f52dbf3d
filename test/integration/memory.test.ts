// `profile memory` on real workloads with known memory behaviour (test/fixtures/memory/): each gets
// the verdict it was written to produce, its files, and memory_summary.md its budgets table; the exit
// code is 1 when a budget fails and 0 otherwise. The six fixtures run in one CLI call (about 55 s of
// workload time); the exit-code runs go alongside it, so the file takes about a minute on 2 cores.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryResult } from '../../src/memory/result.js';
import { type CliRun, fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'memory', 'profile.config.ts');
const SUITE = 'memory';

/** One result of `--json`: the series are left out, their length kept. */
type JsonResult = Omit<MemoryResult, 'samples'> & { sampleCount: number };

interface Run extends CliRun {
  outDir: string;
  results: JsonResult[];
}

async function profileMemory(workloads: string[]): Promise<Run> {
  const outDir = tempDir('perfsuite-memory-test-');
  const run = await runCli([
    'memory',
    SUITE,
    ...workloads.flatMap((w) => ['-w', w]),
    '--config',
    config,
    '--json',
    '--out-dir',
    outDir,
  ]);
  if (!run.stdout.trim().startsWith('{')) throw new Error(`no JSON on stdout:\n${run.stdout}\n${run.stderr}`);
  return { ...run, outDir, results: (JSON.parse(run.stdout) as { results: JsonResult[] }).results };
}

const expected: Record<string, MemoryResult['verdict']> = {
  stable: 'stable',
  linear_heap: 'linear',
  linear_buffer: 'linear',
  exponential: 'exponential',
  child_leak: 'linear',
  worker_leak: 'linear',
};

let all: Run;
let stableOnly: Run;
let growthOnly: Run;
let unbudgetedLeak: Run;

beforeAll(async () => {
  // The exit-code runs go one after another beside the main run: the fixtures are mostly idle
  // timers, so two at a time fit in 2 cores.
  await Promise.all([
    (async () => {
      stableOnly = await profileMemory(['stable']);
      growthOnly = await profileMemory(['linear_heap']);
      unbudgetedLeak = await profileMemory(['linear_buffer']);
    })(),
    (async () => {
      all = await profileMemory(Object.keys(expected));
    })(),
  ]);
}, 150_000);

const result = (workload: string): JsonResult => {
  const found = all.results.find((r) => r.workload === workload);
  if (!found) throw new Error(`no result for ${workload}: ${all.stderr}`);
  return found;
};

describe('profile memory on the fixtures', () => {
  it.each(Object.entries(expected))('%s is classified %s', (workload, verdict) => {
    const r = result(workload);
    expect(r.state, r.reason).toBe('ok');
    expect(r.verdict, JSON.stringify(r.metrics.map((m) => [m.metric, m.verdict.reason]))).toBe(verdict);
    expect(r.leak).toBe(verdict !== 'stable');
    expect(r.sampleCount).toBeGreaterThan(50);
    expect(r.peakRss).toBeGreaterThanOrEqual(r.finalRss);
    expect(r.peakRss).toBeGreaterThanOrEqual(r.averageRss);
  });

  it('finds the leak where it is: in the heap, in Buffers, and in the child process', () => {
    const heapMetric = (w: string) => result(w).metrics.find((m) => m.metric === 'heapUsed')?.verdict;
    const externalMetric = (w: string) => result(w).metrics.find((m) => m.metric === 'external')?.verdict;
    expect(heapMetric('linear_heap')?.verdict).toBe('linear');
    expect(externalMetric('linear_buffer')?.verdict).toBe('linear');
    // 1 MiB every 100 ms: about 10 MB/s, whichever process holds it.
    for (const w of ['linear_buffer', 'child_leak']) {
      const rss = result(w).metrics.find((m) => m.metric === 'rss')?.verdict;
      expect(rss?.slopeBytesPerSec).toBeGreaterThan(5e6);
      expect(rss?.slopeBytesPerSec).toBeLessThan(20e6);
    }
    expect(result('child_leak').processes).toBe(2);
    const doubling = result('exponential').metrics.find((m) => m.verdict.verdict === 'exponential');
    expect(doubling?.verdict.doublingTimeSec).toBeGreaterThan(1);
    expect(doubling?.verdict.doublingTimeSec).toBeLessThan(4);
  });

  it("finds a worker thread's leak: every thread's heap summed, each in the series file", () => {
    const r = result('worker_leak');
    expect(r.metrics.find((m) => m.metric === 'heapUsed')?.verdict.verdict).toBe('linear');
    expect([r.processes, r.threads]).toEqual([1, 2]);
    expect(r.topGrowingSites[0]?.name).toBe('cacheResult');
    const base = join(all.outDir, 'memory_profiles', SUITE, 'worker_leak');
    const series = JSON.parse(readFileSync(`${base}.series.json`, 'utf8')) as {
      threads: { threadId: number; name: string; columns: string[]; samples: number[][] }[];
    };
    expect(series.threads.map((t) => t.name).sort()).toEqual(['main thread', 'worker 1 (linear-heap.js)']);
    const worker = series.threads.find((t) => t.threadId === 1);
    expect(worker?.columns).toEqual(['t', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers']);
    const heapUsed = worker?.samples.map((row) => row[1] as number) ?? [];
    expect(heapUsed.length).toBeGreaterThan(40);
    expect((heapUsed.at(-1) as number) - (heapUsed[0] as number)).toBeGreaterThan(8e6);
    // The heap flamegraph has the worker's allocations under its own thread frame.
    expect(readFileSync(`${base}.heap.svg`, 'utf8')).toContain('worker 1 (linear-heap.js)');
  });

  it('names the allocation site that grew', () => {
    expect(result('linear_heap').topGrowingSites[0]?.name).toBe('cacheResult');
    const site = result('linear_heap').topGrowingSites[0];
    expect(site?.file).toMatch(/linear-heap\.js$/);
    expect(site?.growthBytes).toBeGreaterThan(1e6);
  });

  it('writes the series, chart, heap profile and heap flamegraph of each workload', () => {
    for (const workload of Object.keys(expected)) {
      const base = join(all.outDir, 'memory_profiles', SUITE, workload);
      const r = result(workload);
      expect(r.files).toEqual({
        seriesJson: `${base}.series.json`,
        seriesCsv: `${base}.series.csv`,
        chart: `${base}.chart.svg`,
        heapProfile: `${base}.heap.pb.gz`,
        heapFlamegraph: `${base}.heap.svg`,
        log: `${base}.log`,
      });
      const series = JSON.parse(readFileSync(`${base}.series.json`, 'utf8')) as {
        samples: unknown[];
        verdict: string;
      };
      expect(series.samples).toHaveLength(r.sampleCount);
      expect(series.verdict).toBe(r.verdict);
      const csv = readFileSync(`${base}.series.csv`, 'utf8').trim().split('\n');
      expect(csv[0]).toMatch(/^t_s,rss_bytes,heap_used_bytes/);
      expect(csv).toHaveLength(r.sampleCount + 1);
      expect(readFileSync(`${base}.chart.svg`, 'utf8')).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
      expect(readFileSync(`${base}.heap.svg`, 'utf8')).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
      expect(readFileSync(`${base}.heap.svg`, 'utf8')).toContain(
        workload === 'linear_heap' ? 'cacheResult' : '',
      );
      // gzip magic number
      expect([...readFileSync(`${base}.heap.pb.gz`).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
      expect(statSync(`${base}.heap.pb.gz`).size).toBeGreaterThan(100);
    }
  });

  it('writes memory_summary.md with the budgets table, a section per workload and a conclusion', () => {
    const md = readFileSync(join(all.outDir, 'memory_profiles', 'memory_summary.md'), 'utf8');
    expect(md).toMatch(/^# Memory profile summary\n/);
    // The overview comes first: a row per workload before the budgets and the details.
    expect(md.indexOf('## Overview')).toBeLessThan(md.indexOf('## Budgets'));
    expect(md).toMatch(
      /\| memory\/linear_heap +\| \*\*linear\*\* +\| [\d.]+ MB +\| V8 heap used: [\d.]+ MB\/s +\| \*\*yes\*\* +\| \*\*1 failed\*\* +\|/,
    );
    expect(md).toContain('| component | budget | measured | status |');
    expect(md).toMatch(/\| memory\/stable +\| peak RSS <= 500 MB +\| [\d.]+ MB +\| pass +\|/);
    expect(md).toMatch(/\| memory\/stable +\| growth: stable +\| stable +\| pass +\|/);
    expect(md).toMatch(/\| memory\/linear_heap +\| growth: stable +\| linear +\| \*\*FAIL\*\* +\|/);
    expect(md).toMatch(/\| memory\/child_leak +\| peak RSS <= 20 MB +\| [\d.]+ MB +\| \*\*FAIL\*\* +\|/);
    for (const workload of Object.keys(expected)) expect(md).toContain(`### memory/${workload}\n`);
    expect(md).toMatch(/\| verdict +\| \*\*exponential\*\* +\|/);
    expect(md).toMatch(/\| doubling time, /);
    expect(md).toContain('`cacheResult`');
    expect(md).toContain('[heap flamegraph](memory/linear_heap.heap.svg)');
    expect(md).toContain('## Conclusion');
    expect(md).toContain('- 6 workloads: 1 stable, 5 growing, 0 with insufficient data.');
    expect(md).toContain('1 Node process with 2 threads, their V8 heaps summed');
    expect(md).toMatch(/- 2 of 4 budgets failed: /);
    expect(existsSync(join(all.outDir, 'memory_profiles', 'memory_results.json'))).toBe(true);
  });
});

describe('exit code', () => {
  it('is 1 when a budget fails (peak RSS over budget, growth where stable is expected)', () => {
    expect(all.code, all.stderr).toBe(1);
    expect(result('child_leak').budgets.map((b) => [b.budget, b.status])).toEqual([
      ['peak RSS <= 20 MB', 'fail'],
    ]);
  });

  it('is 1 for growth where the config expects stable, with no peak budget involved', () => {
    expect(growthOnly.code, growthOnly.stderr).toBe(1);
    expect(growthOnly.results[0]?.budgets).toEqual([
      { component: 'memory/linear_heap', budget: 'growth: stable', measured: 'linear', status: 'fail' },
    ]);
  });

  it('is 0 when every budget is met', () => {
    expect(stableOnly.code, stableOnly.stderr).toBe(0);
    expect(stableOnly.results[0]?.budgets.map((b) => b.status)).toEqual(['pass', 'pass']);
  });

  it('is 0 for growth the config does not forbid', () => {
    expect(unbudgetedLeak.code, unbudgetedLeak.stderr).toBe(0);
    expect(unbudgetedLeak.results[0]?.leak).toBe(true);
    expect(unbudgetedLeak.results[0]?.budgets).toEqual([]);
  });
});
