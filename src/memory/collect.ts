/**
 * Turns what a memory run left behind into one series: the runner's RSS readings of the whole
 * process tree are the timeline; at each of them the V8 figures of every thread of every Node
 * process (each a V8 heap of its own; their latest reading, unless it is stale) are summed, and the
 * iterations reported through the probe counted, and for a server under the built-in load the
 * responses it had given by then. Each thread's own readings are kept too, for the series file.
 * Readings after `endAt` (the runner's stop signal) are shutdown, not workload, and are left out.
 */
import { artifactNames, type HeapReading, type ProbeRecord, type ThreadStart } from '../agent/protocol.cjs';
import { readJsonLines, readThreadRecords } from '../engines/agent-records.js';
import type { LoadProgress } from '../load/http-load.js';
import type { RssReading } from '../runner/rss-sampler.js';
import type { MemorySample } from './series.js';

/** Latest row with `t <= at` in rows sorted by t (binary search). */
function latestAt<T extends { t: number }>(rows: T[], at: number): T | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid] as T;
    if (row.t <= at) {
      found = row;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** One thread's own V8 readings, as it took them. */
export interface ThreadHeapSeries {
  pid: number;
  threadId: number;
  /** How its parent started it, for its name (workers started through `Worker`). */
  start?: ThreadStart;
  readings: HeapReading[];
}

export interface CollectedSeries {
  samples: MemorySample[];
  /** Node processes that reported V8 figures. */
  processes: number;
  /** Their threads (main threads and workers), each a V8 heap of its own; heap figures are their sum. */
  threads: ThreadHeapSeries[];
}

/**
 * Responses by epoch ms `at` on a load's timeline (points in time order): 0 before it starts, its
 * last count after it ends, and between two points the straight line through them (the timeline's
 * points are 100 ms apart, as the readings are, so a step would shift counts by up to one interval).
 */
export function requestsAt(timeline: readonly LoadProgress[], at: number): number {
  const first = timeline[0];
  const last = timeline[timeline.length - 1];
  if (first === undefined || last === undefined || at < first.t) return 0;
  if (at >= last.t) return last.requests;
  let lo = 0;
  let hi = timeline.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((timeline[mid] as LoadProgress).t <= at) lo = mid;
    else hi = mid;
  }
  const a = timeline[lo] as LoadProgress;
  const b = timeline[hi] as LoadProgress;
  return a.requests + ((b.requests - a.requests) * (at - a.t)) / (b.t - a.t);
}

/**
 * `requestTimeline`: the built-in load's cumulative responses over time (http-load.ts `timeline`), for
 * a server under load; each sample then carries `requests`.
 */
export async function collectSeries(
  dir: string,
  rss: RssReading[],
  startedAt: number,
  intervalMs: number,
  endAt: number = Number.POSITIVE_INFINITY,
  requestTimeline: readonly LoadProgress[] = [],
): Promise<CollectedSeries> {
  const heaps = await readJsonLines<HeapReading>(dir, 'memory');
  const probes = await readJsonLines<ProbeRecord>(dir, 'probe');
  const starts = (await readJsonLines<ThreadStart>(dir, 'threads')).flatMap((file) =>
    file.rows.map((start) => ({ pid: file.pid, start })),
  );
  const iterations = probes
    .flatMap((file) => file.rows)
    .filter((r): r is Extract<ProbeRecord, { kind: 'iteration' }> => r.kind === 'iteration')
    .sort((a, b) => a.t - b.t);
  let cumulative = 0;
  const counted = iterations.map((r) => {
    cumulative += r.count;
    return { t: r.t, total: cumulative };
  });

  // A thread whose event loop is blocked reports nothing meanwhile; its last figure stands for
  // a while, but not for ever (it may have ended). A worker parked in Atomics.wait said so in its
  // last reading: that stands until its next one or its recorded end.
  const staleMs = Math.max(1000, 5 * intervalMs);
  const ends = await readThreadRecords(dir);
  // Each thread of each process reports its own V8 heap (workers are separate heaps).
  const perThread = heaps.map(({ pid, threadId, rows }) => ({
    rows: rows.sort((a, b) => a.t - b.t),
    endedAt: ends.get(artifactNames.record(pid, threadId))?.endedAt ?? Number.POSITIVE_INFINITY,
  }));
  // Without RSS readings (a run shorter than one interval) the agent's own readings are the timeline.
  const timeline: RssReading[] = (
    rss.length > 0
      ? rss
      : perThread
          .flatMap((thread) => thread.rows)
          .map((r) => ({ t: r.t, rss: r.rss, processes: 1 }))
          .sort((a, b) => a.t - b.t)
  ).filter((r) => r.t <= endAt);

  const samples = timeline.map((reading): MemorySample => {
    const sample: MemorySample = { t: (reading.t - startedAt) / 1000, rss: reading.rss };
    let heapUsed = 0;
    let heapTotal = 0;
    let external = 0;
    let arrayBuffers = 0;
    let reporting = 0;
    for (const { rows, endedAt } of perThread) {
      const row = latestAt(rows, reading.t);
      if (!row || reading.t > endedAt || (!row.parked && reading.t - row.t > staleMs)) continue;
      reporting++;
      heapUsed += row.heapUsed;
      heapTotal += row.heapTotal;
      external += row.external;
      arrayBuffers += row.arrayBuffers;
    }
    if (reporting > 0) Object.assign(sample, { heapUsed, heapTotal, external, arrayBuffers });
    const done = latestAt(counted, reading.t);
    if (counted.length > 0) sample.iteration = done?.total ?? 0;
    if (requestTimeline.length > 0) sample.requests = Math.round(requestsAt(requestTimeline, reading.t));
    return sample;
  });
  const threads = heaps.map(({ pid, threadId, rows }): ThreadHeapSeries => {
    const start = starts.find((s) => s.pid === pid && s.start.threadId === threadId)?.start;
    return { pid, threadId, ...(start ? { start } : {}), readings: rows.filter((r) => r.t <= endAt) };
  });
  return { samples, processes: new Set(heaps.map((h) => h.pid)).size, threads };
}
