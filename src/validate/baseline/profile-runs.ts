/**
 * The profiled runs of a timed workload, for attribution (`--save-baseline` keeps them, a comparison
 * records them for what regressed): separate from the timed runs, so that profiling never distorts
 * a timing. Two kinds:
 * - `cpu`: under the pprof engine at 1 ms (more samples per run than `profile cpu`'s 2 ms: these
 *   runs are not timed, and attribution tests per-run figures), for time regressions; a server's
 *   run is its load, and the responses it served are kept to compare per request;
 * - `heap`: under the memory agent, keeping each run's last in-use heap profile (the allocation
 *   sites still holding memory as the run ends), for peak RSS regressions.
 * Each run's profile comes back without its process and thread frames, whose pids change every run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV_HEAP_SNAPSHOT_MS, ENV_MEMORY_INTERVAL_MS } from '../../agent/protocol.cjs';
import { withAgent } from '../../engines/paths.js';
import { pprofEngine } from '../../engines/pprof.js';
import { isModuleHooksThread } from '../../engines/threads.js';
import { readHeapProfiles } from '../../memory/heap-profiles.js';
import { HEAP_SNAPSHOT_MS } from '../../memory/profile-memory.js';
import { dropFrames } from '../../model/drop-frames.js';
import type { Profile } from '../../model/profile.js';
import type { PlannedTarget } from '../../plan/planned-target.js';
import type { ProcessOutcome } from '../../runner/run-process.js';
import type { ProfileKind } from '../../store/perfsuite-dir.js';
import { looksLikeGroupingFrame } from '../../workload/combine.js';
import { recordRun } from '../../workload/record-run.js';
import { runTarget } from '../../workload/run-target.js';

/** Sampling interval of the CPU-profiled runs, microseconds. */
export const PROFILED_RUN_INTERVAL_US = 1000;

/** What a profiled run records. */

export interface ProfiledRuns {
  /** One profile per run that ended ok, in run order. */
  profiles: Profile[];
  /** A server's responses in each of those runs (built-in load only), same order. */
  requests: (number | undefined)[];
  /** Each run that failed, as a sentence. */
  failures: string[];
}

export interface ProfileRunsOptions {
  kind: ProfileKind;
  runs: number;
  /** The last run's output. */
  logFile: string;
  signal?: AbortSignal;
}

type Recorded = { outcome: ProcessOutcome; profile: Profile | undefined; requests?: number | undefined };
type Limits = { logFile: string; signal?: AbortSignal | undefined };

async function cpuRun(target: PlannedTarget, artifactDir: string, limits: Limits): Promise<Recorded> {
  const ctx = { artifactDir, intervalUs: PROFILED_RUN_INTERVAL_US, cpuTime: false };
  const spec = pprofEngine.launch(target.spec, ctx);
  // Without the module-hooks thread (tsx's loader): it polls while the program runs and writes its
  // samples in one-second chunks, so how much of it a run holds depends on how long the run lasted.
  // Seen here: a slower version's runs carried 100-200 ms of its `checkForMessages` and GC that the
  // baseline's shorter runs had not flushed, all of it named as a regression.
  const { outcome, combined, load } = await recordRun(target, pprofEngine, ctx, spec, {
    ...limits,
    keepThread: (t) => !isModuleHooksThread(t.threadId, t.start, t.profile.frames),
  });
  return {
    outcome,
    profile: combined && dropFrames(combined.profile, combined.isGrouping),
    requests: load?.kind === 'http' ? load.requests : undefined,
  };
}

async function heapRun(target: PlannedTarget, artifactDir: string, limits: Limits): Promise<Recorded> {
  const env = withAgent(target.spec.env, artifactDir, 'memory');
  // Readings are not used here: one a second keeps the agent's own work out of the way.
  env[ENV_MEMORY_INTERVAL_MS] = '1000';
  env[ENV_HEAP_SNAPSHOT_MS] = String(HEAP_SNAPSHOT_MS);
  const { outcome } = await runTarget(
    target,
    { ...target.spec, env },
    {
      artifactDir,
      logFile: limits.logFile,
      ...(limits.signal ? { signal: limits.signal } : {}),
    },
  );
  const { late } = await readHeapProfiles(artifactDir, target.spec.cwd);
  return { outcome, profile: late && dropFrames(late, looksLikeGroupingFrame) };
}

export async function profileRuns(target: PlannedTarget, options: ProfileRunsOptions): Promise<ProfiledRuns> {
  const profiles: Profile[] = [];
  const requests: (number | undefined)[] = [];
  const failures: string[] = [];
  const record = options.kind === 'cpu' ? cpuRun : heapRun;
  for (let run = 1; run <= options.runs && !options.signal?.aborted; run++) {
    const artifactDir = await mkdtemp(join(tmpdir(), 'perfsuite-attribution-'));
    try {
      const {
        outcome,
        profile,
        requests: served,
      } = await record(target, artifactDir, {
        logFile: options.logFile,
        signal: options.signal,
      });
      if (outcome.state === 'interrupted') break;
      if (outcome.state !== 'ok' || !profile) {
        const why = outcome.reason ?? (profile ? outcome.state : 'no profile was written');
        failures.push(`${options.kind === 'cpu' ? 'profiled' : 'heap-profiled'} run ${run}: ${why}`);
        continue;
      }
      profiles.push(profile);
      requests.push(served);
    } finally {
      await rm(artifactDir, { recursive: true, force: true });
    }
  }
  return { profiles, requests, failures };
}
