/**
 * Runs one workload under memory sampling end to end: RSS of the whole process tree from outside
 * (pidusage), V8 figures and in-use heap profiles from inside (the agent in memory mode), then the
 * series, verdicts, growing allocation sites, budgets and files. A server (a target with `server`) is
 * loaded once it is ready and stopped when its load ends, as `profile cpu` does it; its samples then
 * count the responses given so far, for growth per 1,000 requests. A crash or timeout still yields a
 * result with everything measured up to that point.
 */

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_HEAP_SNAPSHOT_MS, ENV_MEMORY_INTERVAL_MS } from '../agent/protocol.cjs';
import { withAgent } from '../engines/paths.js';
import { threadName } from '../engines/threads.js';
import type { LoadResult } from '../load/drive-server.js';
import { loadSummary } from '../load/summary.js';
import { toPprof } from '../model/pprof.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { renderFlamegraph } from '../render/flamegraph/index.js';
import { renderMemoryChart } from '../render/memory-chart.js';
import { type RssSampler, startRssSampler } from '../runner/rss-sampler.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { runTarget } from '../workload/run-target.js';
import { workloadRun } from '../workload/workload-run.js';
import { checkBudgets } from './budgets.js';
import { memoryChartData } from './chart-data.js';
import { classifySamples } from './classify-samples.js';
import { collectSeries } from './collect.js';
import { heapSiteGrowth } from './heap-growth.js';
import { readHeapProfiles } from './heap-profiles.js';
import { anyGrowth, overallVerdict } from './overall.js';
import type { MemoryFiles, MemoryLoad, MemoryResult, MetricVerdict } from './result.js';
import type { MemoryMetric, MemorySample } from './series.js';
import { seriesToCsv, seriesToJson } from './series-files.js';

export interface MemoryRunOptions {
  outDir: string;
  /** Milliseconds between RSS and V8 readings. @default 100 */
  intervalMs: number;
  signal?: AbortSignal;
}

const METRICS: { metric: MemoryMetric; label: string }[] = [
  { metric: 'rss', label: 'RSS (process tree)' },
  { metric: 'heapUsed', label: 'V8 heap used' },
  { metric: 'external', label: 'external + array buffers' },
];

/**
 * Milliseconds between the agent's periodic in-use heap profiles, after its early one at 2 s. Rare on
 * purpose: each profile is a burst of garbage in the measured process, and every 2 s made the demo's
 * stable `watcher` read as linear growth (src/agent/memory.cts). Only the early and the last profile
 * are compared; the periodic ones stand in for the last when a process is killed before its exit hook.
 */
export const HEAP_SNAPSHOT_MS = 10_000;

/** Largest value, by a loop: `Math.max(...values)` overflows the call stack on long series. */
function maxOf(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function memoryPaths(outDir: string, suite: string, workload: string) {
  const base = join(outDir, 'memory_profiles', suite, workload);
  return {
    seriesJson: `${base}.series.json`,
    seriesCsv: `${base}.series.csv`,
    chart: `${base}.chart.svg`,
    heapProfile: `${base}.heap.pb.gz`,
    heapFlamegraph: `${base}.heap.svg`,
    log: `${base}.log`,
  };
}

function classifyMetrics(samples: MemorySample[]): MetricVerdict[] {
  return METRICS.filter(({ metric }) => samples.some((s) => s[metric] !== undefined)).map(
    ({ metric, label }) => ({
      metric,
      label,
      verdict: classifySamples(samples, metric),
    }),
  );
}

/** The load's figures for the result, timed on the series' clock (seconds from `startedAt`). */
function memoryLoad(load: LoadResult, startedAt: number): MemoryLoad {
  return {
    ...loadSummary(load),
    startSec: (load.startedAt - startedAt) / 1000,
    endSec: (load.endedAt - startedAt) / 1000,
  };
}

export async function profileMemory(target: PlannedTarget, options: MemoryRunOptions): Promise<MemoryResult> {
  const paths = memoryPaths(options.outDir, target.suite, target.workload);
  const artifactDir = await mkdtemp(join(tmpdir(), 'perfsuite-mem-'));
  const component = target.config?.memory?.component ?? `${target.suite}/${target.workload}`;
  try {
    await mkdir(join(options.outDir, 'memory_profiles', target.suite), { recursive: true });
    const env = withAgent(target.spec.env, artifactDir, 'memory');
    env[ENV_MEMORY_INTERVAL_MS] = String(options.intervalMs);
    env[ENV_HEAP_SNAPSHOT_MS] = String(HEAP_SNAPSHOT_MS);
    let sampler: RssSampler | undefined;
    const startedAt = Date.now();
    let spawnedAt = startedAt;
    let abortedAt = options.signal?.aborted ? Date.now() : undefined;
    options.signal?.addEventListener('abort', () => (abortedAt ??= Date.now()), { once: true });
    // A server: ready, loaded, then stopped (its load command not sampled, not in the sampled tree).
    const { outcome, load: loaded } = await runTarget(
      target,
      { ...target.spec, env },
      {
        artifactDir,
        ...(options.signal ? { signal: options.signal } : {}),
        logFile: paths.log,
        onSpawn: (pid) => {
          spawnedAt = Date.now();
          sampler = startRssSampler(pid, options.intervalMs);
        },
      },
    );
    const rss = (await sampler?.stop()) ?? [];
    // Once the runner has signalled the tree to stop, what follows is shutdown (the agent's final
    // heap profile, exit hooks, processes ending one by one), not the workload: those readings
    // would make the final RSS and the end of the fitted trend about shutting down. A server is
    // stopped when its load ends (or its drive failed): the runner says when.
    const stopSentAt = outcome.stoppedAfterDuration
      ? spawnedAt + (target.durationMs ?? 0)
      : outcome.state === 'timeout'
        ? spawnedAt + target.timeoutMs
        : outcome.state === 'interrupted'
          ? abortedAt
          : outcome.stoppedAt;
    const { samples, processes, threads } = await collectSeries(
      artifactDir,
      rss,
      startedAt,
      options.intervalMs,
      stopSentAt,
      loaded?.kind === 'http' ? loaded.timeline : [],
    );
    const metrics = classifyMetrics(samples);
    const verdict = overallVerdict(metrics);
    const leak = anyGrowth(metrics);
    const rssValues = samples.map((s) => s.rss);
    const peakRss = rssValues.length > 0 ? maxOf(rssValues) : 0;
    const averageRss = rssValues.length > 0 ? rssValues.reduce((a, b) => a + b, 0) / rssValues.length : 0;
    const finalRss = rssValues.at(-1) ?? 0;

    const heap = await readHeapProfiles(artifactDir, target.spec.cwd);
    const topGrowingSites = heap.early && heap.late ? heapSiteGrowth(heap.early, heap.late) : [];
    const files: MemoryFiles = { log: paths.log };
    const result: MemoryResult = {
      ...(await workloadRun(target, outcome, paths.log)),
      component,
      intervalMs: options.intervalMs,
      processes,
      threads: threads.length,
      samples,
      verdict,
      leak,
      metrics,
      peakRss,
      averageRss,
      finalRss,
      ...(loaded ? { load: memoryLoad(loaded, startedAt) } : {}),
      topGrowingSites,
      budgets: checkBudgets(component, target.config?.memory, { peakRss, verdict, leak }),
      files,
    };
    const writes: Promise<void>[] = [];
    if (samples.length > 0) {
      Object.assign(files, { seriesJson: paths.seriesJson, seriesCsv: paths.seriesCsv, chart: paths.chart });
      writes.push(writeFileAtomic(paths.seriesCsv, seriesToCsv(samples)));
      writes.push(writeFileAtomic(paths.chart, renderMemoryChart(memoryChartData(result))));
    }
    if (heap.late) {
      const late = {
        ...heap.late,
        meta: { ...heap.late.meta, title: `${target.suite}/${target.workload} in-use heap` },
      };
      Object.assign(files, { heapProfile: paths.heapProfile, heapFlamegraph: paths.heapFlamegraph });
      writes.push(writeFileAtomic(paths.heapProfile, toPprof(late)));
      writes.push(writeFileAtomic(paths.heapFlamegraph, renderFlamegraph(late)));
    }
    await Promise.all(writes);
    // Written last: it lists the files above.
    if (files.seriesJson) {
      const perThread = threads.map((t) => ({
        ...t,
        name: threadName(t.threadId, t.start, target.spec.cwd),
      }));
      await writeFileAtomic(paths.seriesJson, seriesToJson(result, perThread, startedAt));
    }
    return result;
  } finally {
    await rm(artifactDir, { recursive: true, force: true });
  }
}
