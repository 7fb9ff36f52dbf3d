/**
 * The profiled runs of a timed workload, for attribution (`--save-baseline` keeps them, a comparison
 * records them for what regressed): separate from the timed runs, so that profiling never distorts
 * a timing, each run under the pprof engine at 1 ms (more samples per run than `profile cpu`'s 2 ms:
 * these runs are not timed, and attribution tests per-run figures). Each run's profile comes back
 * without its process and thread frames, whose pids change every run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordRun } from '../cpu/profile-workload.js';
import { pprofEngine } from '../engines/pprof.js';
import { dropFrames } from '../model/drop-frames.js';
import type { Profile } from '../model/profile.js';
import type { PlannedTarget } from '../plan/planned-target.js';

/** Sampling interval of the profiled runs, microseconds. */
export const PROFILED_RUN_INTERVAL_US = 1000;

export interface ProfiledRuns {
  /** One profile per run that ended ok, in run order. */
  profiles: Profile[];
  /** Each run that failed, as a sentence. */
  failures: string[];
}

export interface ProfileRunsOptions {
  runs: number;
  /** Every run's output, appended. */
  logFile: string;
  signal?: AbortSignal;
  /** Called with each run's profile as it is recorded (to write it at once). */
  onProfile?: (profile: Profile, run: number) => Promise<void>;
}

export async function profileRuns(target: PlannedTarget, options: ProfileRunsOptions): Promise<ProfiledRuns> {
  const profiles: Profile[] = [];
  const failures: string[] = [];
  for (let run = 1; run <= options.runs && !options.signal?.aborted; run++) {
    const ctx = {
      artifactDir: await mkdtemp(join(tmpdir(), 'perfsuite-attribution-')),
      intervalUs: PROFILED_RUN_INTERVAL_US,
      cpuTime: false,
    };
    try {
      const spec = pprofEngine.launch(target.spec, ctx);
      const recorded = await recordRun(target, pprofEngine, ctx, spec, {
        logFile: options.logFile,
        signal: options.signal,
      });
      const { outcome, combined } = recorded;
      if (outcome.state === 'interrupted') break;
      if (outcome.state !== 'ok' || !combined) {
        failures.push(
          `profiled run ${run}: ${outcome.reason ?? (combined ? outcome.state : 'no profile was written')}`,
        );
        continue;
      }
      const profile = dropFrames(combined.profile, combined.isGrouping);
      profiles.push(profile);
      await options.onProfile?.(profile, profiles.length);
    } finally {
      await rm(ctx.artifactDir, { recursive: true, force: true });
    }
  }
  return { profiles, failures };
}
