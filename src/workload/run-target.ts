/**
 * One workload run as every command runs it (cpu, memory, doctor): `spec` spawned (the target's own
 * or an engine's launch of it) under the target's duration and timeout; a server made ready, loaded
 * and then stopped, its load command run with the workload's own environment (not profiled, not in
 * the tree).
 */

import { type LoadResult, serverDrive } from '../load/drive-server.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { type LaunchSpec, type ProcessOutcome, type RunLimits, runProcess } from '../runner/run-process.js';

/** What running needs of a target (validate's timed runs and tests build no more). */
export type RunnableTarget = Pick<PlannedTarget, 'spec' | 'server' | 'durationMs' | 'timeoutMs'>;

/** What the command adds to the run's limits: where files go, Ctrl-C, its own hooks. */
export type TargetLimits = Pick<RunLimits, 'logFile' | 'signal' | 'graceMs' | 'durationFrom' | 'onSpawn'> & {
  /** Where the agent reports the port a server listens on. */
  artifactDir: string;
};

export async function runTarget(
  target: RunnableTarget,
  spec: LaunchSpec,
  limits: TargetLimits,
): Promise<{ outcome: ProcessOutcome; load: LoadResult | undefined }> {
  const { artifactDir, ...rest } = limits;
  const server =
    target.server &&
    serverDrive(target.server, {
      artifactDir,
      logFile: limits.logFile,
      cwd: target.spec.cwd,
      env: target.spec.env,
    });
  const outcome = await runProcess(spec, {
    ...rest,
    ...(server ? { drive: server.drive } : {}),
    timeoutMs: target.timeoutMs,
    ...(target.durationMs === undefined ? {} : { durationMs: target.durationMs }),
  });
  return { outcome, load: server?.result() };
}
