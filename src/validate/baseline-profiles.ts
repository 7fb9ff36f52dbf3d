/**
 * The CPU profiles kept beside a baseline: `<outDir>/.perfsuite/baselines/<name>.profiles/<suite>/<workload>/<run>.pb.gz`,
 * one gzipped pprof file per profiled run (runs numbered from 1). They are written into a temporary
 * folder and renamed into place when every workload is done, so an interrupted save never leaves a
 * baseline with half its profiles; the baseline JSON lists what was kept (`profiles`).
 *
 * Compactness: a run's profile is kept with its frames merged per function and line, the process
 * and thread frames dropped (their pids change every run), and gzipped: a few KB to a few hundred
 * KB a run (BENCHMARKS.md).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { baselinesDir } from './baseline.js';

/** The folder of baseline `name`'s profiles (the name is checked by baselinePath before). */
export function baselineProfilesDir(outDir: string, name: string): string {
  return join(baselinesDir(outDir), `${name}.profiles`);
}

/** Where run `run` (1-based) of a workload goes under a profiles folder. */
export function profileRunPath(dir: string, suite: string, workload: string, run: number): string {
  return join(dir, suite, workload, `${run}.pb.gz`);
}

/** The profile files kept under a profiles folder, by `suite/workload`, each list in run order. */
export async function listProfileRuns(dir: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (!existsSync(dir)) return found;
  for (const suite of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const suiteDir = join(dir, suite.name);
    for (const workload of (await readdir(suiteDir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
      const workloadDir = join(suiteDir, workload.name);
      const runs = (await readdir(workloadDir))
        .filter((file) => /^\d+\.pb\.gz$/.test(file))
        .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
        .map((file) => join(workloadDir, file));
      if (runs.length > 0) found.set(`${suite.name}/${workload.name}`, runs);
    }
  }
  return found;
}
