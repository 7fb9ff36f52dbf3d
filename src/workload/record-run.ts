/**
 * One run of a workload, recorded: launched under an engine (with its server's load), its process
 * tree waited for, and every process's and thread's profile collected and combined into one. The
 * step `profile cpu` and validate's profiled runs share; `profile memory` and `profile doctor` run
 * their targets through run-target.ts below it.
 */
import type { Engine, EngineContext, ProcessProfile, ThreadProfile } from '../engines/engine.js';
import type { LoadResult } from '../load/drive-server.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { programStarted } from '../runner/program-start.js';
import type { LaunchSpec, ProcessOutcome } from '../runner/run-process.js';
import { type Combined, combineProcesses } from './combine.js';
import { runTarget } from './run-target.js';

/** One recorded run: how it ended, its server load, and its processes combined into one profile. */
export interface RecordedRun {
  outcome: ProcessOutcome;
  load: LoadResult | undefined;
  parts: ProcessProfile[];
  combined: Combined | undefined;
  warnings: string[];
  /** performance.now() when the workload's tree had exited, before collecting. */
  exitedAt: number;
  /** From the graceful stop (duration, load end) to the tree's exit, ms. */
  stopMs: number | undefined;
}

/**
 * Runs `target` once under `engine` and collects what it recorded, into `ctx.artifactDir`: the
 * step `profile cpu` and the profiled runs of `profile validate` (baselines) share.
 */
export async function recordRun(
  target: PlannedTarget,
  engine: Engine,
  ctx: EngineContext,
  spec: LaunchSpec,
  limits: {
    logFile: string;
    signal?: AbortSignal | undefined;
    /** Which threads the combined profile holds. @default all */
    keepThread?: (thread: ThreadProfile) => boolean;
  },
): Promise<RecordedRun> {
  const startTime = Date.now();
  const { outcome, load } = await runTarget(target, spec, {
    artifactDir: ctx.artifactDir,
    ...(engine.stopGraceMs === undefined ? {} : { graceMs: engine.stopGraceMs }),
    ...(engine.startsProgramLate
      ? { durationFrom: (running) => programStarted(ctx.artifactDir, running, target.timeoutMs) }
      : {}),
    ...(limits.signal ? { signal: limits.signal } : {}),
    logFile: limits.logFile,
  });
  const exitedAt = performance.now();
  const stopMs = outcome.stoppedAt === undefined ? undefined : Date.now() - outcome.stoppedAt;
  const collected = await engine.collect(ctx);
  const { keepThread } = limits;
  const parts = keepThread
    ? collected.processes.map((part) => ({ ...part, threads: part.threads.filter(keepThread) }))
    : collected.processes;
  const { warnings } = collected;
  const combined = combineProcesses(
    parts,
    {
      title: `${target.suite}/${target.workload}`,
      suite: target.suite,
      workload: target.workload,
      engine: engine.name,
      startTime,
      durationNanos: Math.round(outcome.wallMs * 1e6),
    },
    target.spec.cwd,
  );
  return { outcome, load, parts, combined, warnings, exitedAt, stopMs };
}
