/**
 * The result of `profile doctor` for one workload: one type for success and failure alike, read by
 * the terminal summary, `--json` (docs/doctor-json.md), doctor_summary.md and the files writer.
 */

import type { ClinicDoctorResult } from '../clinic/doctor.js';
import type { FindingKind } from '../config/finding-kinds.js';
import type { LoadSummary } from '../load/summary.js';
import type { BudgetCheck } from '../render/budgets-md.js';
import type { WorkloadRun } from '../workload/workload-run.js';

export const DOCTOR_JSON_VERSION = 1;

/** A function that ran while the loop was blocked: its CPU samples inside the blocks, in ms. */
export interface BlockingFunction {
  function: string;
  /** Relative to the workload's directory where it is under it; a URL or `node:` module otherwise. */
  file?: string;
  line?: number;
  ms: number;
}

/** One stretch with the loop blocked, as the delay monitor and the reading timer saw it. */
export interface Block {
  pid: number;
  /** When the interval holding it ended, seconds from the start of the run. */
  atSec: number;
  /** The longest the loop was late in that interval, ms: the block's length, within 5 ms. */
  ms: number;
  /** What ran during it (the longest stretch of busy CPU samples in the interval), most first. */
  functions: BlockingFunction[];
}

/** A function that allocated: the bytes its allocation samples stand for, and their share of all. */
export interface AllocatingFunction {
  function: string;
  file?: string;
  line?: number;
  bytes: number;
  share: number;
}

export interface Finding {
  kind: FindingKind;
  /** The figures the rule saw, in a sentence: `12 blocks of 20-24 ms, 21% of the time`. */
  evidence: string;
  /** For event-loop-blocked: what ran during the blocks, summed over them, most first. */
  functions: BlockingFunction[];
  /** For gc-pressure: the functions that allocated most (the allocation profile), most first. */
  allocations?: AllocatingFunction[];
}

/** `healthy`: enough data and no finding; `insufficient data`: no finding, and too little after start-up to call it healthy. */
export type Verdict = 'healthy' | 'insufficient data' | 'findings';

export interface Diagnosis {
  verdict: Verdict;
  /** Several may hold at once. */
  findings: Finding[];
  /** Findings the user allowed (`--allow`, the config's `doctor.allow`): shown, but not failing the run. */
  allowed: FindingKind[];
}

/** One point of the series: a reading of one of the workload's Node processes (its main thread), in time order. */
export interface DoctorSample {
  /** Seconds from the start of the run, at the end of the interval. */
  t: number;
  /** How late the loop ran its timers in the interval, at most, ms. */
  delayMaxMs: number;
  delayP99Ms?: number;
  /** Share of the interval the loop was busy, 0 to 1, from the CPU samples (absent with too few). */
  utilization?: number;
  /** CPU time over the interval divided by its length: 1 = one core busy. */
  cpu: number;
  /** Share of the interval in GC pauses, 0 to 1. */
  gcShare: number;
}

export interface DoctorResult extends WorkloadRun {
  /** Milliseconds between readings. */
  intervalMs: number;
  /** Node processes that reported readings. */
  processes: number;
  /** The synchronous start of the first process (module loading, the main script), ms: not judged. */
  startupMs: number;
  /**
   * Blocks after the first interval spent mostly with Node's module loader on the stack (ES modules,
   * lazy imports), ms: loading code, reported but not judged.
   */
  moduleLoadingMs: number;
  /**
   * What the figures below cover: the run after start-up, or for a server under load, the load's
   * span only (its own start and shutdown are not load).
   */
  scope: 'after start-up' | 'under load';
  /** The verdict and what it rests on (docs/doctor-method.md). */
  diagnosis: Diagnosis;
  /** The config's `doctor` budgets, checked (component: `suite/workload`). */
  budgets: BudgetCheck[];
  /** Over the judged readings (`scope`), every process pooled. */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  /**
   * Share of the time after start-up the loop was busy (not waiting in the OS), 0 to 1, from the CPU
   * samples: libuv's own figure is broken by the profiler's signals (agent/doctor.cts).
   */
  utilization: number | null;
  /** Share of the time after start-up spent in GC pauses, 0 to 1. */
  gcShare: number | null;
  gcPausesMs: { count: number; p50: number; p99: number; max: number } | null;
  /** Mean CPU use after start-up: 1 = one core busy. */
  cpu: number | null;
  /** The longest blocks, longest first (at most 10). */
  blocks: Block[];
  /** Active handles and requests by type, at most over any reading (what keeps the loop alive). */
  resources: Record<string, number>;
  samples: DoctorSample[];
  load?: LoadSummary;
  /** `--with-clinic`: clinic doctor's own verdict and report on the same workload, beside perfsuite's. */
  clinic?: ClinicDoctorResult;
  files: { json?: string; chart?: string; cpuProfile?: string; allocationProfile?: string; log?: string };
}
