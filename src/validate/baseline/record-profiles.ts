/**
 * Profiled runs of the timed workloads of a `profile validate` run, after their timings: for
 * `--save-baseline` (every timed workload, kept beside the baseline) and for a comparison (the
 * workloads with a regression, or all of them with `--attribute`). A workload is profiled once even
 * when both want it; a heap-profiled run (the memory agent) is a run of its own, for peak RSS. A
 * server's run is one load, as in its timed runs.
 */
import { join } from 'node:path';
import type { Profile } from '../../model/profile.js';
import type { ProfileKind } from '../../store/perfsuite-dir.js';
import { plural } from '../../util/words.js';
import type { ValidateItem } from '../plan.js';
import { profileRuns } from './profile-runs.js';

export type TimingItem = Extract<ValidateItem, { kind: 'timing' }>;

/** A workload's profiled runs. */
export interface WorkloadProfiles {
  suite: string;
  name: string;
  profiles: Profile[];
  /** A server's responses in each profiled run (built-in load), same order as `profiles`. */
  requests: (number | undefined)[];
  failures: string[];
}

/** `suite/workload`, the key of profiles in baselines and comparisons. */
export const workloadKey = (suite: string, name: string): string => `${suite}/${name}`;

/** The items whose workloads can be profiled for attribution: every timed one, servers included. */
export function profilable(items: readonly ValidateItem[]): TimingItem[] {
  return items.filter((item): item is TimingItem => item.kind === 'timing');
}

export interface RecordProfilesOptions {
  kind: ProfileKind;
  runs: number;
  logDir: string;
  signal: AbortSignal;
  /** Progress on stderr (not with --json). */
  quiet: boolean;
  /** Why these runs happen, for the progress line: "for the baseline", "to explain the regression". */
  purpose: string;
}

export async function recordProfiles(
  items: readonly TimingItem[],
  options: RecordProfilesOptions,
): Promise<Map<string, WorkloadProfiles>> {
  const recorded = new Map<string, WorkloadProfiles>();
  for (const item of items) {
    if (options.signal.aborted) break;
    if (!options.quiet) {
      process.stderr.write(
        `${options.kind === 'cpu' ? 'profiling' : 'heap-profiling'} ${item.suite}/${item.name} ${options.purpose} (${plural(options.runs, 'run')})...\n`,
      );
    }
    const { profiles, requests, failures } = await profileRuns(item.target, {
      kind: options.kind,
      runs: options.runs,
      logFile: join(options.logDir, `${item.suite}.${item.name}.${options.kind}-profiled.log`),
      signal: options.signal,
    });
    recorded.set(workloadKey(item.suite, item.name), {
      suite: item.suite,
      name: item.name,
      profiles,
      requests,
      failures,
    });
  }
  return recorded;
}
