/**
 * Constructed `MemoryResult`s with known shapes (a leak under a GC sawtooth, a warm-up that levels
 * off, exponential growth, a crash, a server leaking per request under load) for the golden tests of the memory chart, memory_summary.md and
 * the terminal summary. The series are seeded synthetic data and the verdicts come from the real
 * classifier, so the renderers are tested on what `profile memory` really produces.
 */
import type { GrowthKind } from '../../src/memory/classify.js';
import { classifySamples } from '../../src/memory/classify-samples.js';
import type { HeapSiteGrowth, MemoryLoad, MemoryResult, MetricVerdict } from '../../src/memory/result.js';
import type { MemoryMetric, MemorySample } from '../../src/memory/series.js';
import type { BudgetCheck } from '../../src/render/budgets-md.js';
import { gaussian, sawtooth, seededRandom } from './synthetic-series.js';

const MB = 1e6;
const KB = 1e3;
const SEVERITY: GrowthKind[] = ['insufficient data', 'stable', 'linear', 'exponential'];
const LABELS: Record<string, string> = {
  rss: 'RSS (process tree)',
  heapUsed: 'V8 heap used',
  external: 'external + array buffers',
};

type Shape = (t: number) => number;

/** Samples every 100 ms for `durationSec`, each metric its shape plus seeded noise, rounded to bytes. */
function series(
  durationSec: number,
  seed: number,
  shapes: Partial<Record<MemoryMetric | 'iteration' | 'requests', Shape>>,
): MemorySample[] {
  const noise = gaussian(seededRandom(seed));
  const count = Math.round(durationSec / 0.1) + 1;
  return Array.from({ length: count }, (_, i) => {
    const t = Math.round(i * 100) / 1000;
    const at = (shape: Shape | undefined, sd: number): number | undefined =>
      shape === undefined ? undefined : Math.round(shape(t) + sd * noise());
    const sample: MemorySample = { t, rss: at(shapes.rss, 0.2 * MB) as number };
    const heapUsed = at(shapes.heapUsed, 0.1 * MB);
    const heapTotal = at(shapes.heapTotal, 0);
    const external = at(shapes.external, 20 * KB);
    if (heapUsed !== undefined) sample.heapUsed = heapUsed;
    if (heapTotal !== undefined) sample.heapTotal = heapTotal;
    if (external !== undefined) {
      sample.external = external;
      sample.arrayBuffers = Math.round(external / 4);
    }
    if (shapes.iteration) sample.iteration = Math.floor(shapes.iteration(t));
    if (shapes.requests) sample.requests = Math.floor(shapes.requests(t));
    return sample;
  });
}

interface ExampleInput {
  suite: string;
  workload: string;
  samples: MemorySample[];
  topGrowingSites?: HeapSiteGrowth[];
  budgets?: (measured: { peakRss: number; verdict: GrowthKind }) => BudgetCheck[];
  failure?: { reason: string; exitCode: number };
  load?: MemoryLoad;
}

/** A full result from samples, classified as profile-memory.ts does it, with files under /out. */
function example(input: ExampleInput): MemoryResult {
  const { suite, workload, samples } = input;
  const metrics: MetricVerdict[] = (['rss', 'heapUsed', 'external'] as const)
    .filter((metric) => samples.some((s) => s[metric] !== undefined))
    .map((metric) => ({
      metric,
      label: LABELS[metric] as string,
      verdict: classifySamples(samples, metric),
    }));
  const verdict = metrics.reduce<GrowthKind>(
    (worst, m) => (SEVERITY.indexOf(m.verdict.verdict) > SEVERITY.indexOf(worst) ? m.verdict.verdict : worst),
    'insufficient data',
  );
  const rss = samples.map((s) => s.rss);
  const peakRss = Math.max(...rss);
  const base = `/out/memory_profiles/${suite}/${workload}`;
  const last = samples[samples.length - 1];
  return {
    suite,
    workload,
    component: `${suite}/${workload}`,
    state: input.failure ? 'failed' : 'ok',
    ...(input.failure ? { reason: input.failure.reason, exitCode: input.failure.exitCode } : {}),
    durationMs: Math.round((last?.t ?? 0) * 1000) + 40,
    intervalMs: 100,
    processes: samples.some((s) => s.heapUsed !== undefined) ? 1 : 0,
    threads: samples.some((s) => s.heapUsed !== undefined) ? 1 : 0,
    samples,
    verdict,
    leak: verdict === 'linear' || verdict === 'exponential',
    metrics,
    peakRss,
    averageRss: rss.reduce((a, b) => a + b, 0) / rss.length,
    finalRss: last?.rss ?? 0,
    ...(input.load ? { load: input.load } : {}),
    topGrowingSites: input.topGrowingSites ?? [],
    budgets: input.budgets?.({ peakRss, verdict }) ?? [],
    files: {
      seriesJson: `${base}.series.json`,
      seriesCsv: `${base}.series.csv`,
      chart: `${base}.chart.svg`,
      ...(input.failure ? {} : { heapProfile: `${base}.heap.pb.gz`, heapFlamegraph: `${base}.heap.svg` }),
      log: `${base}.log`,
    },
  };
}

/** A cache that never evicts: 250 KB/s of RSS under a 2 s GC sawtooth, 50 iterations/s, two budgets failed. */
export function leakingExample(): MemoryResult {
  const gc = sawtooth(6 * MB, 2);
  return example({
    suite: 'demo',
    workload: 'leaky_cache',
    samples: series(30, 11, {
      rss: (t) => 60 * MB + 250 * KB * t + gc(t),
      heapUsed: (t) => 18 * MB + 90 * KB * t + gc(t),
      heapTotal: (t) => 30 * MB + 100 * KB * t,
      external: () => 1.5 * MB,
      iteration: (t) => 50 * t,
    }),
    topGrowingSites: [
      {
        name: 'remember',
        file: '/app/src/cache.ts',
        line: 42,
        earlyBytes: 310_000,
        lateBytes: 2_950_000,
        growthBytes: 2_640_000,
      },
      {
        name: 'Session|<init>',
        file: '/app/src/session.ts',
        line: 7,
        earlyBytes: 0,
        lateBytes: 120_000,
        growthBytes: 120_000,
      },
      { name: '(anonymous)', earlyBytes: 4_000, lateBytes: 36_000, growthBytes: 32_000 },
      {
        name: 'parse',
        file: 'node:internal/url',
        line: 300,
        earlyBytes: 1_000,
        lateBytes: 9_000,
        growthBytes: 8_000,
      },
    ],
    budgets: ({ peakRss, verdict }) => [
      {
        component: 'cache',
        budget: 'peak RSS <= 50 MB',
        measured: `${(peakRss / MB).toFixed(1)} MB`,
        status: peakRss <= 50 * MB ? 'pass' : 'fail',
      },
      {
        component: 'cache',
        budget: 'growth: stable',
        measured: verdict,
        status: verdict === 'stable' ? 'pass' : 'fail',
      },
    ],
  });
}

/** A service that fills its caches for a few seconds then levels off: stable, budget met. */
export function plateauExample(): MemoryResult {
  return example({
    suite: 'demo',
    workload: 'warm_cache',
    samples: series(30, 12, {
      rss: (t) => 50 * MB + 20 * MB * (1 - Math.exp(-t / 3)),
      heapUsed: (t) => 15 * MB + 12 * MB * (1 - Math.exp(-t / 3)),
      external: () => 0.8 * MB,
    }),
    budgets: ({ peakRss }) => [
      {
        component: 'demo/warm_cache',
        budget: 'peak RSS <= 120 MB',
        measured: `${(peakRss / MB).toFixed(1)} MB`,
        status: peakRss <= 120 * MB ? 'pass' : 'fail',
      },
    ],
  });
}

/** A non-Node workload (RSS only) whose memory compounds, doubling every 5 s above its baseline. */
export function exponentialExample(): MemoryResult {
  return example({
    suite: 'native',
    workload: 'compounding',
    samples: series(30, 13, { rss: (t) => 40 * MB + 2 * MB * 2 ** (t / 5) }),
  });
}

/** A workload that crashed after 1.2 s: too few samples to classify, and a reason. */
export function crashedExample(): MemoryResult {
  return example({
    suite: 'demo',
    workload: 'crashes',
    samples: series(1.2, 14, { rss: (t) => 45 * MB + MB * t, heapUsed: (t) => 10 * MB + MB * t }),
    failure: { reason: 'exited with code 1', exitCode: 1 },
  });
}

/**
 * A server that keeps 2 KB per request: ready at 0.8 s, then 2,500 requests/s of the built-in load
 * until it is stopped at 12.8 s; its heap grows 5 MB/s, i.e. 2 MB per 1,000 requests.
 */
export function serverLeakExample(): MemoryResult {
  const gc = sawtooth(3 * MB, 1);
  const requests = (t: number): number => 2500 * Math.max(0, t - 0.8);
  return example({
    suite: 'servers',
    workload: 'leaky_server',
    samples: series(12.8, 15, {
      rss: (t) => 70 * MB + 2.2 * KB * requests(t) + gc(t),
      heapUsed: (t) => 9 * MB + 2 * KB * requests(t) + gc(t),
      heapTotal: (t) => 20 * MB + 2.2 * KB * requests(t),
      external: () => 1.2 * MB,
      requests,
    }),
    topGrowingSites: [
      {
        name: 'remember',
        file: '/app/server.js',
        line: 12,
        earlyBytes: 2_100_000,
        lateBytes: 55_000_000,
        growthBytes: 52_900_000,
      },
    ],
    load: {
      kind: 'http',
      port: 40123,
      readyMs: 612.4,
      durationMs: 12_010.5,
      requests: 30_000,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      rps: 2497.8,
      latencyMs: { p50: 3.42, p90: 5.1, p99: 9.87, max: 31.2 },
      startSec: 0.8,
      endSec: 12.8,
    },
  });
}
