/**
 * The profiles kept beside a baseline: `<outDir>/.perfsuite/baselines/<name>.profiles/<suite>/<workload>/<run>.pb.gz`,
 * one gzipped pprof file per CPU-profiled run (runs numbered from 1), and the same under
 * `<name>.heap-profiles/` for the heap-profiled runs. They are written into a temporary
 * folder and renamed into place when every workload is done, so an interrupted save never leaves a
 * baseline with half its profiles; the baseline JSON lists what was kept (`profiles`).
 *
 * Compactness: a run's profile is kept as the pprof encoder writes it (strings and locations shared,
 * identical stacks one sample), without the process and thread frames (their pids change every run),
 * gzipped: tens of KB a run for the demo's commands (BENCHMARKS.md).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toPprof } from '../../model/pprof.js';
import type { Profile } from '../../model/profile.js';
import { baselineProfilesDir, type ProfileKind } from '../../store/perfsuite-dir.js';

/** Where run `run` (1-based) of a workload goes under a profiles folder. */
export function profileRunPath(dir: string, suite: string, workload: string, run: number): string {
  return join(dir, suite, workload, `${run}.pb.gz`);
}

/**
 * Writes one run's profile (a new file: the folder is new or temporary), and for a server's run the
 * responses it served beside it (`<run>.load.json`), to compare per request.
 */
export async function writeProfileRun(
  dir: string,
  suite: string,
  workload: string,
  run: number,
  profile: Profile,
  requests?: number,
): Promise<string> {
  const path = profileRunPath(dir, suite, workload, run);
  await mkdir(join(dir, suite, workload), { recursive: true });
  await writeFile(path, toPprof(profile));
  if (requests !== undefined) await writeFile(loadPath(path), `${JSON.stringify({ requests })}\n`);
  return path;
}

const loadPath = (profilePath: string) => profilePath.replace(/\.pb\.gz$/, '.load.json');

/** The responses a server's profiled run served, when they were kept beside its profile. */
export async function readRunRequests(profilePath: string): Promise<number | undefined> {
  try {
    const { requests } = JSON.parse(await readFile(loadPath(profilePath), 'utf8')) as { requests?: unknown };
    return typeof requests === 'number' && requests > 0 ? requests : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A folder beside baseline `name`'s profiles to write the new ones into, and `commit`, which puts
 * it in their place: the old profiles stay whole until the new ones are all written.
 */
export async function stageBaselineProfiles(
  outDir: string,
  name: string,
  kind: ProfileKind,
): Promise<{ dir: string; commit: () => Promise<void>; discard: () => Promise<void> }> {
  const final = baselineProfilesDir(outDir, name, kind);
  const dir = `${final}.partial-${process.pid}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return {
    dir,
    commit: async () => {
      await rm(final, { recursive: true, force: true });
      await rename(dir, final);
    },
    discard: () => rm(dir, { recursive: true, force: true }),
  };
}
