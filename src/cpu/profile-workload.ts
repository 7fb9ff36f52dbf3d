/**
 * Profiles one workload end to end: launch under the engine, wait for the whole process tree,
 * import every process's profile into the model, and write pprof, folded and SVG files. Whatever
 * happens to the workload, what it got as far as recording is written and a result comes back.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, EngineContext } from '../engines/engine.js';
import { loadSummary } from '../load/summary.js';
import { toFolded } from '../model/folded.js';
import { toPprof } from '../model/pprof.js';
import { type Profile, sampleCount } from '../model/profile.js';
import { topFunctions } from '../model/top.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { renderFlamegraph } from '../render/flamegraph/index.js';
import type { LaunchSpec, ProcessOutcome } from '../runner/run-process.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { summarizeProcesses } from '../workload/combine.js';
import { recordRun } from '../workload/record-run.js';
import { type RunOutcome, workloadRun } from '../workload/workload-run.js';
import type { CpuOutputFiles, CpuResult } from './result.js';

export interface CpuRunOptions {
  engine: Engine;
  intervalUs: number;
  cpuTime: boolean;
  outDir: string;
  /** How many functions the result lists by self and by total time. @default 10 */
  top?: number;
  signal?: AbortSignal;
}

/** Where a workload's files go, relative to the output directory (DESIGN.md's layout). */
export function outputPaths(outDir: string, suite: string, workload: string) {
  return {
    pprof: join(outDir, 'profiles', suite, `${workload}.cpu.pb.gz`),
    folded: join(outDir, 'profiles', suite, `${workload}.folded`),
    log: join(outDir, 'profiles', suite, `${workload}.log`),
    svg: join(outDir, 'flamegraphs', suite, `${workload}.svg`),
    engineFile: (suffix: string) => join(outDir, 'profiles', suite, `${workload}${suffix}`),
  };
}

const NO_SAMPLES =
  'no samples were recorded: the program ended within one sampling interval, or the profiler lost its data (see the log)';

/**
 * The profile's pprof, folded and SVG files; none for a profile without samples, whose flamegraph
 * would be an empty frame: those of an earlier run are removed instead, so that neither the files
 * nor the report page (built from the profiles on disk) show an old run as this one.
 */
async function writeOutputs(
  profile: Profile | undefined,
  samples: number,
  paths: ReturnType<typeof outputPaths>,
): Promise<CpuOutputFiles> {
  const files = [paths.pprof, paths.folded, paths.svg];
  if (!profile || samples === 0) {
    await Promise.all(files.map((file) => rm(file, { force: true })));
    return {};
  }
  // Independent files: write them concurrently; each write is atomic on its own.
  await Promise.all([
    writeFileAtomic(paths.pprof, toPprof(profile)),
    writeFileAtomic(paths.folded, toFolded(profile)),
    writeFileAtomic(paths.svg, renderFlamegraph(profile)),
  ]);
  return { pprof: paths.pprof, folded: paths.folded, svg: paths.svg };
}

/** A run that wrote no profile has failed, even when its process exited 0 (it never reached Node). */
function withoutProfile(outcome: ProcessOutcome): RunOutcome {
  return {
    ...outcome,
    state: outcome.state === 'ok' ? 'failed' : outcome.state,
    reason: outcome.reason ?? 'no profile was written (the process never reached Node)',
  };
}

export async function profileWorkload(target: PlannedTarget, options: CpuRunOptions): Promise<CpuResult> {
  const { engine } = options;
  const paths = outputPaths(options.outDir, target.suite, target.workload);
  const ctx: EngineContext = {
    artifactDir: await mkdtemp(join(tmpdir(), 'perfsuite-')),
    intervalUs: options.intervalUs,
    cpuTime: options.cpuTime,
  };
  const base = {
    suite: target.suite,
    workload: target.workload,
    engine: engine.name,
    measures: engine.describe(ctx),
  };
  const empty = {
    durationMs: 0,
    processes: 0,
    threads: 0,
    byProcess: [],
    sampleCount: 0,
    postProcessMs: 0,
    topSelf: [],
    topTotal: [],
  };
  try {
    let spec: LaunchSpec;
    try {
      spec = engine.launch(target.spec, ctx);
    } catch (error) {
      return { ...base, ...empty, state: 'error', reason: (error as Error).message, files: {} };
    }
    await mkdir(join(options.outDir, 'profiles', target.suite), { recursive: true });
    const recorded = await recordRun(target, engine, ctx, spec, {
      logFile: paths.log,
      signal: options.signal,
    });
    const { outcome, load, parts, warnings, combined, stopMs } = recorded;
    const profile = combined?.profile;
    const samples = profile ? (sampleCount(profile) ?? profile.samples.length) : 0;
    const files: CpuOutputFiles = { log: paths.log, ...(await writeOutputs(profile, samples, paths)) };
    const kept = (await engine.keep?.(ctx)) ?? [];
    for (const { from, suffix } of kept) {
      const to = paths.engineFile(suffix);
      await copyFile(from, to);
      files.engine = [...(files.engine ?? []), to];
    }
    const limit = options.top ?? 10;
    const run = await workloadRun(target, profile ? outcome : withoutProfile(outcome), paths.log);
    const warning = [...(run.state === 'ok' && samples === 0 ? [NO_SAMPLES] : []), ...warnings].join('; ');
    const byProcess = summarizeProcesses(parts, target.spec.cwd);
    return {
      ...base,
      ...run,
      ...(warning ? { warning } : {}),
      processes: parts.length,
      threads: byProcess.reduce((sum, p) => sum + p.threads.length, 0),
      byProcess,
      sampleCount: samples,
      ...(stopMs === undefined ? {} : { stopMs }),
      postProcessMs: performance.now() - recorded.exitedAt,
      ...(load ? { load: loadSummary(load) } : {}),
      topSelf: combined
        ? topFunctions(combined.profile, { limit, sortBy: 'self', exclude: combined.isGrouping })
        : [],
      topTotal: combined
        ? topFunctions(combined.profile, { limit, sortBy: 'total', exclude: combined.isGrouping })
        : [],
      files,
    };
  } finally {
    await rm(ctx.artifactDir, { recursive: true, force: true });
  }
}
