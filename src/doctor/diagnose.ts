/**
 * From the agent's readings (and the CPU samples) of each Node process to figures and findings.
 * Every rule and threshold is in docs/doctor-method.md, with why; keep the two in step.
 *
 * Start-up is not judged: the first reading's interval holds the synchronous start of the program
 * (module loading, the main script), which blocks the loop by design. A server under load is judged
 * while its load runs only: its start (reading templates, lazy imports) and shutdown are not load.
 * A block is an interval whose timers ran at least RULES.blockMs late: the delay monitor's, or the
 * reading timer's own (which also catches one block that spans a whole interval, where the
 * monitor's timer never ran).
 *
 * Which readings are judged, and each figure, are worked out in figures/ (one analyser a figure, all
 * of one signature, as clinic doctor's analysis/analyse-*.js); here are the rules, the composition
 * of the figures, and the findings, so that a threshold sits beside the rule that applies it.
 */
import { plural } from '../util/words.js';
import { analyseBlocks } from './figures/blocks.js';
import { analyseCpu } from './figures/cpu.js';
import { analyseDelay, type EventLoopDelay } from './figures/delay.js';
import { analyseGc, type GcPauses } from './figures/gc.js';
import { judgedMsOf, r2 } from './figures/interval.js';
import { judge, type ProcessReadings } from './figures/judged.js';
import { analyseResources } from './figures/resources.js';
import { analyseSeries } from './figures/series.js';
import { analyseUtilization } from './figures/utilization.js';
import { millis as ms, percent as pct } from './format.js';
import type { Block, BlockingFunction, DoctorSample, Finding } from './result.js';

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

export interface Figures {
  /** What was judged, for the evidence: `after start-up`, or `under load` for a server's load. */
  scope: 'after start-up' | 'under load';
  startupMs: number;
  /** Time of blocks spent mostly loading modules after the first interval: not judged. */
  moduleLoadingMs: number;
  judgedReadings: number;
  judgedMs: number;
  eventLoopDelayMs: EventLoopDelay | null;
  utilization: number | null;
  cpu: number | null;
  gcShare: number | null;
  gcPausesMs: GcPauses | null;
  blocks: Block[];
  blockedMs: number;
  resources: Record<string, number>;
  samples: DoctorSample[];
}

/**
 * The figures of a workload's processes, pooled; `startedAt` is the run's start (epoch ms). With a
 * `window` (epoch ms: a server's load), only the intervals whose middle falls in it are judged.
 * Each figure is its own analyser in figures/, over the same judged intervals.
 */
export function measure(
  processes: ProcessReadings[],
  intervalMs: number,
  startedAt: number,
  window?: { from: number; to: number },
): Figures {
  const { startupMs, moduleLoadingMs, intervals } = judge(processes, intervalMs, RULES.blockMs, window);
  const run = { startedAt, blockMs: RULES.blockMs };
  return {
    scope: window ? 'under load' : 'after start-up',
    startupMs,
    moduleLoadingMs,
    judgedReadings: intervals.length,
    judgedMs: judgedMsOf(intervals),
    eventLoopDelayMs: analyseDelay(intervals, run),
    utilization: analyseUtilization(intervals, run),
    cpu: analyseCpu(intervals, run),
    ...analyseGc(intervals, run),
    ...analyseBlocks(intervals, run),
    resources: analyseResources(intervals, run),
    samples: analyseSeries(intervals, run),
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
      evidence: `blocked for ${range} (timers at least ${RULES.blockMs} ms late) in ${f.blocks.length} of ${plural(f.judgedReadings, 'interval')} ${f.scope}, at least ${pct(blockedShare)} of the time; the longest at ${longest.atSec.toFixed(1)} s`,
      functions: blockingFunctions(f.blocks),
    });
  }
  if (f.gcShare !== null && f.gcShare >= RULES.gcShare && f.gcPausesMs) {
    const p = f.gcPausesMs;
    findings.push({
      kind: 'gc-pressure',
      evidence: `GC paused the program ${pct(f.gcShare)} of the time ${f.scope}: ${plural(p.count, 'pause')}, median ${ms(p.p50)}, p99 ${ms(p.p99)}, longest ${ms(p.max)}`,
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
