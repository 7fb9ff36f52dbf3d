/**
 * From the agent's readings (and the CPU samples) of each Node process to figures and findings.
 * Every rule and threshold is in docs/doctor-method.md, with why; keep the two in step.
 *
 * Start-up is not judged: the first reading's interval holds the synchronous start of the program
 * (module loading, the main script), which blocks the loop by design. A server under load is judged
 * while its load runs only: its start (reading templates, lazy imports) and shutdown are not load. A block is an interval whose
 * timers ran at least BLOCK_MS late: the delay monitor's, or the reading timer's own (which also
 * catches one block that spans a whole interval, where the monitor's timer never ran).
 */
import type { DoctorReading } from '../agent/protocol.cjs';
import { percentile } from '../stats/percentile.js';
import { millis as ms, percent as pct } from './format.js';
import type { Block, BlockingFunction, DoctorSample, Finding } from './result.js';
import { busyShare, longestBusyRun, type TimedSamples } from './timed-samples.js';

export const RULES = {
  /** A timer this late (ms) means the loop was blocked: a frame at 60 Hz is 16.7 ms. */
  blockMs: 10,
  /** event-loop-blocked: blocks take at least this share of the time after start-up... */
  blockedShare: 0.01,
  /** ...and there are at least this many of them, */
  minBlocks: 2,
  /** ...or any one block is at least this long (ms). */
  longBlockMs: 100,
  /** gc-pressure: GC pauses take at least this share of the time after start-up. */
  gcShare: 0.1,
  /** io-bound: less CPU than this (1 = one core) and a loop busier than this share of the time... */
  ioCpu: 0.2,
  ioUtilization: 0.2,
  /** ...over at least this long after start-up (ms), for a workload that waits while it works. */
  ioMinMs: 1000,
  /** Fewer readings after start-up than this, over every process: insufficient data. */
  minReadings: 5,
} as const;

/** One Node process's readings and CPU samples, as collected. */
export interface ProcessReadings {
  pid: number;
  readings: DoctorReading[];
  samples: TimedSamples | null;
}

export interface Figures {
  /** What was judged, for the evidence: `after start-up`, or `under load` for a server's load. */
  scope: 'after start-up' | 'under load';
  startupMs: number;
  /** Time of blocks spent mostly loading modules after the first interval: not judged. */
  moduleLoadingMs: number;
  judgedReadings: number;
  judgedMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  utilization: number | null;
  cpu: number | null;
  gcShare: number | null;
  gcPausesMs: { count: number; p50: number; p99: number; max: number } | null;
  blocks: Block[];
  blockedMs: number;
  resources: Record<string, number>;
  samples: DoctorSample[];
}

/** How late the loop ran its timers in the reading's interval, ms. */
export function lateness(reading: DoctorReading, intervalMs: number): number {
  const timer = reading.spanMs - intervalMs;
  return Math.max(0, reading.delay?.max ?? 0, reading.end ? Math.max(0, timer) : timer);
}

interface Judged {
  pid: number;
  reading: DoctorReading;
  samples: TimedSamples | null;
  /** lateness(reading), ms. */
  late: number;
  /** A block's longest busy stretch in the samples. */
  run?: ReturnType<typeof longestBusyRun>;
}

/** Where the reading's interval starts, on the samples' clock. */
const intervalStartUs = (r: DoctorReading): number => r.hrUs - r.spanMs * 1000;

const pauses = (r: DoctorReading): number[] => Object.values(r.gc).flat();
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);
/** Figures for the JSON: µs-precise milliseconds and shares to 4 places are noise beyond that. */
const r2 = (value: number): number => Number(value.toFixed(2));
const r4 = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(4)));

/**
 * The figures of a workload's processes, pooled; `startedAt` is the run's start (epoch ms). With a
 * `window` (epoch ms: a server's load), only the intervals whose middle falls in it are judged.
 */
export function measure(
  processes: ProcessReadings[],
  intervalMs: number,
  startedAt: number,
  window?: { from: number; to: number },
): Figures {
  let startupMs = 0;
  const judged: Judged[] = [];
  const inWindow = (r: DoctorReading): boolean => {
    const middle = r.t - r.spanMs / 2;
    return !window || (middle >= window.from && middle <= window.to);
  };
  const candidates: Judged[] = [];
  processes.forEach(({ pid, readings, samples }, index) => {
    const [first, ...rest] = [...readings].sort((a, b) => a.hrUs - b.hrUs);
    if (!first) return;
    // Only the first process's start-up is the workload's; a child's is part of its parent's time.
    if (index === 0) startupMs = first.end ? first.spanMs : lateness(first, intervalMs);
    for (const reading of rest)
      if (inWindow(reading)) candidates.push({ pid, reading, samples, late: lateness(reading, intervalMs) });
  });
  candidates.sort((a, b) => a.reading.t - b.reading.t);

  // Each block's busy stretch in the samples. A block with Node's module loader on the stack most of
  // the time is code being loaded (ES modules load between timer turns, so start-up outlasts the
  // first interval): its interval is left out, as start-up is, and only its length reported.
  let loadingMs = 0;
  for (const j of candidates) {
    if (j.late >= RULES.blockMs && j.samples) {
      j.run = longestBusyRun(j.samples, intervalStartUs(j.reading), j.reading.hrUs);
      if (j.run && j.run.loadingShare > 0.5) {
        loadingMs += j.late;
        continue;
      }
    }
    judged.push(j);
  }

  const judgedMs = sum(judged.map((j) => j.reading.spanMs));
  const busy = judged.map(({ reading, samples }) =>
    samples ? busyShare(samples, intervalStartUs(reading), reading.hrUs) : null,
  );
  // Weighted by the intervals' lengths, over those with enough samples to tell.
  const busyMs = sum(busy.map((b, i) => (b === null ? 0 : b * (judged[i] as Judged).reading.spanMs)));
  const busyOfMs = sum(busy.map((b, i) => (b === null ? 0 : (judged[i] as Judged).reading.spanMs)));
  const delays = judged.flatMap((j) => (j.reading.delay ? [j.reading.delay] : []));
  const late = judged.map((j) => j.late);
  const allPauses = ascending(judged.flatMap((j) => pauses(j.reading)));

  const blocks: Block[] = [];
  for (const { pid, reading, late: ms, run } of judged) {
    if (ms < RULES.blockMs) continue;
    // A loop busy through the whole interval in short turns (setImmediate) shows one long busy run
    // that holds the block somewhere: its functions are scaled down to the block's length.
    const scale = run && run.ms > ms ? ms / run.ms : 1;
    const functions = (run?.functions ?? []).slice(0, 5).map((fn) => ({ ...fn, ms: r2(fn.ms * scale) }));
    blocks.push({ pid, atSec: (reading.t - startedAt) / 1000, ms, functions });
  }

  const resources: Record<string, number> = {};
  for (const { reading } of judged)
    for (const [type, count] of Object.entries(reading.resources))
      resources[type] = Math.max(resources[type] ?? 0, count);

  return {
    scope: window ? 'under load' : 'after start-up',
    startupMs,
    moduleLoadingMs: r2(loadingMs),
    judgedReadings: judged.length,
    judgedMs,
    eventLoopDelayMs:
      late.length === 0
        ? null
        : {
            p50: r2(percentile(ascending(delays.length > 0 ? delays.map((d) => d.p50) : late), 50)),
            p99: r2(percentile(ascending(delays.length > 0 ? delays.map((d) => d.p99) : late), 99)),
            max: Math.max(...late),
          },
    utilization: r4(busyOfMs > 0 ? busyMs / busyOfMs : null),
    cpu: r4(
      judgedMs > 0 ? sum(judged.map((j) => j.reading.cpuUserMs + j.reading.cpuSystemMs)) / judgedMs : null,
    ),
    gcShare: r4(judgedMs > 0 ? sum(allPauses) / judgedMs : null),
    gcPausesMs:
      allPauses.length === 0
        ? null
        : {
            count: allPauses.length,
            p50: r2(percentile(allPauses, 50)),
            p99: r2(percentile(allPauses, 99)),
            max: allPauses.at(-1) ?? 0,
          },
    blocks: [...blocks].sort((a, b) => b.ms - a.ms),
    blockedMs: sum(blocks.map((b) => b.ms)),
    resources,
    samples: judged.map(({ reading }, i) => ({
      t: (reading.t - startedAt) / 1000,
      delayMaxMs: late[i] as number,
      ...(reading.delay ? { delayP99Ms: reading.delay.p99 } : {}),
      ...(busy[i] === null ? {} : { utilization: r4(busy[i] as number) as number }),
      cpu: r4(reading.spanMs > 0 ? (reading.cpuUserMs + reading.cpuSystemMs) / reading.spanMs : 0) as number,
      gcShare: r4(reading.spanMs > 0 ? Math.min(1, sum(pauses(reading)) / reading.spanMs) : 0) as number,
    })),
  };
}

/** What ran during the blocks, summed over them by function, most first. */
function blockingFunctions(blocks: Block[]): BlockingFunction[] {
  const byKey = new Map<string, BlockingFunction>();
  for (const fn of blocks.flatMap((b) => b.functions)) {
    const key = `${fn.function}\0${fn.file ?? ''}\0${fn.line ?? ''}`;
    const known = byKey.get(key);
    if (known) known.ms += fn.ms;
    else byKey.set(key, { ...fn });
  }
  return [...byKey.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
    .map((fn) => ({ ...fn, ms: r2(fn.ms) }));
}

/**
 * The findings the figures support. `waits`: whether waiting is the workload's work being slow (it
 * ends on its own, or serves load) rather than its nature (a server or watcher stopped by a duration).
 */
export function diagnose(f: Figures, waits: boolean): Finding[] {
  const findings: Finding[] = [];
  const blockedShare = f.judgedMs > 0 ? f.blockedMs / f.judgedMs : 0;
  const longest = f.blocks[0];
  if (
    longest &&
    ((f.blocks.length >= RULES.minBlocks && blockedShare >= RULES.blockedShare) ||
      longest.ms >= RULES.longBlockMs)
  ) {
    const shortest = f.blocks.at(-1) as Block;
    const range =
      ms(shortest.ms) === ms(longest.ms) ? ms(longest.ms) : `${ms(shortest.ms)} to ${ms(longest.ms)}`;
    findings.push({
      kind: 'event-loop-blocked',
      evidence: `blocked for ${range} (timers at least ${RULES.blockMs} ms late) in ${f.blocks.length} of ${f.judgedReadings} intervals ${f.scope}, at least ${pct(blockedShare)} of the time; the longest at ${longest.atSec.toFixed(1)} s`,
      functions: blockingFunctions(f.blocks),
    });
  }
  if (f.gcShare !== null && f.gcShare >= RULES.gcShare && f.gcPausesMs) {
    const p = f.gcPausesMs;
    findings.push({
      kind: 'gc-pressure',
      evidence: `GC paused the program ${pct(f.gcShare)} of the time ${f.scope}: ${p.count} pauses, median ${ms(p.p50)}, p99 ${ms(p.p99)}, longest ${ms(p.max)}`,
      functions: [],
    });
  }
  if (
    waits &&
    f.cpu !== null &&
    f.utilization !== null &&
    f.judgedMs >= RULES.ioMinMs &&
    f.cpu < RULES.ioCpu &&
    f.utilization < RULES.ioUtilization
  ) {
    findings.push({
      kind: 'io-bound',
      evidence: `over ${(f.judgedMs / 1000).toFixed(1)} s the program used ${pct(f.cpu)} of a core and its loop was busy ${pct(f.utilization)} of the time: it waits (on I/O, timers or other processes) more than it computes`,
      functions: [],
    });
  }
  return findings;
}
