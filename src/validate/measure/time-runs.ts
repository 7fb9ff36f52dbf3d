/**
 * Times a program the way hyperfine does: a fresh process per run, warm-up runs thrown away, then
 * measured runs (a count, extended until a minimum time has passed). Each run yields its wall time,
 * the user and sys CPU time of its whole process tree, the tree's peak RSS, how it ended, and the
 * probe measures its processes reported. A failed run is a result like the others, so one crash
 * does not lose the other runs; Ctrl-C stops the current run and returns what was measured.
 *
 * Sources, per run:
 * - wall: performance.now() around the process (runProcess);
 * - user/sys: the kernel's count of our reaped children (children-cpu.ts), for any program; where
 *   /proc does not exist, the sum of what the agent reports for each Node process;
 * - peak RSS: the larger of the tree's RSS sampled from outside (startRssSampler) and the largest
 *   exact `maxRSS` a Node process reports at exit (the agent in `timing` mode). Both are lower
 *   bounds of the tree's true peak: sampling misses short peaks, and one process's peak is not the
 *   tree's when several run at once.
 *
 * A server (`server`): each run, warm-ups included, starts it, waits until it is ready, runs its
 * load and stops it (load/drive-server.ts, as `profile cpu` does); the run carries what the load
 * measured. The built-in load runs in this process, so its CPU time is not the run's; a load
 * command is a child of ours, so /proc counts its CPU time in the run's user and sys.
 */
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ENV_AGENT_DIR, type ProbeRecord } from '../../agent/protocol.cjs';
import { readJsonLines, readProcessRecords } from '../../engines/agent-records.js';
import { withAgent } from '../../engines/paths.js';
import { loadLogOf } from '../../load/command-load.js';
import { type LoadResult, serverDrive } from '../../load/drive-server.js';
import type { ServerPlan } from '../../plan/server-plan.js';
import { primeRssSampler, type RssSampler, startRssSampler } from '../../runner/rss-sampler.js';
import { type LaunchSpec, type ProcessOutcome, runProcess } from '../../runner/run-process.js';
import { readChildrenCpu } from './children-cpu.js';

export interface TimeRunsOptions {
  /** Runs whose results are thrown away first. @default 0 */
  warmup?: number;
  /** Measured runs; more when `minTimeMs` has not passed by then. @default 10 */
  runs?: number;
  /** Keep adding measured runs until their wall times add up to this (hyperfine's -m). */
  minTimeMs?: number;
  /** Stop a run's whole process tree (SIGTERM, then SIGKILL) after this long; the run fails. */
  timeoutMs: number;
  /** Stop each run gracefully (SIGINT) after this long, as a success: watchers and servers. */
  durationMs?: number;
  /** Ctrl-C: stops the current run; no further run starts. */
  signal?: AbortSignal;
  /** Every run's output is appended here under a header line (the last 64 KiB of each run); see startLog. */
  logFile: string;
  /** Prefix of those header lines, e.g. `n=10` for one size of a sweep. */
  logLabel?: string;
  /**
   * Load the agent in `timing` mode into every Node process (exact peak RSS). A server whose
   * readiness is the port it listens on always gets it (the agent reports that port). @default true
   */
  agent?: boolean;
  /** A server: every run waits until it is ready, runs this load, then stops it. */
  server?: ServerPlan;
  /** Milliseconds between RSS readings of the tree (~0.8 ms of our CPU each). @default 20 */
  rssIntervalMs?: number;
  /** Called after each run, warm-ups included: progress for the terminal. */
  onRun?: (run: TimedRun) => void;
}

/** One run. Measured values are null when the run gave no way to read them. */
export interface TimedRun {
  /** 1-based, counted separately for warm-ups and measured runs. */
  index: number;
  warmup: boolean;
  state: ProcessOutcome['state'];
  /** Why it failed, in a sentence (absent when ok). */
  reason?: string;
  exitCode?: number;
  signal?: string;
  stoppedAfterDuration: boolean;
  wallMs: number;
  userMs: number | null;
  sysMs: number | null;
  /** `children`: the kernel's count for the whole tree; `agent`: the sum over Node processes only. */
  cpuSource: 'children' | 'agent' | null;
  /** MB (10^6 bytes). */
  peakRssMb: number | null;
  /** Probe measures by name, in the order they were reported, from every process of the tree. */
  probes: Record<string, number[]>;
  /** Node processes of the tree that the agent saw end. */
  nodeProcesses: number;
  /** A server's load in this run: absent when it never got ready (the run failed). */
  load?: LoadResult;
}

export interface TimedRuns {
  warmups: TimedRun[];
  runs: TimedRun[];
  /** Stopped by the signal before all runs were done. */
  interrupted: boolean;
}

const DEFAULT_RUNS = 10;
const DEFAULT_RSS_INTERVAL_MS = 20;
/** With `minTimeMs`, no more measured runs than this, whatever the time. */
export const MAX_RUNS = 1000;
const LOG_TAIL_BYTES = 64 * 1024;

/** Every `measure` record of the `<pid>.probe.jsonl` files in `dir`, grouped by name in time order. */
export async function readProbeMeasures(dir: string): Promise<Record<string, number[]>> {
  const measures: { t: number; name: string; ms: number }[] = [];
  for (const { rows } of await readJsonLines<ProbeRecord>(dir, 'probe')) {
    for (const record of rows) {
      if (record.kind === 'measure' && Number.isFinite(record.ms)) measures.push(record);
    }
  }
  measures.sort((a, b) => a.t - b.t);
  const out: Record<string, number[]> = {};
  for (const m of measures) {
    const list = out[m.name] ?? [];
    list.push(m.ms);
    out[m.name] = list;
  }
  return out;
}

/** Whether the program never started (no such file, not executable): repeating it cannot help. */
function couldNotStart(run: TimedRun): boolean {
  return run.state === 'failed' && run.exitCode === undefined && run.signal === undefined;
}

async function appendRunLog(
  logFile: string,
  runLog: string,
  header: string,
  optional = false,
): Promise<void> {
  let text = await readFile(runLog).catch(() => undefined);
  if (text === undefined && optional) return;
  text ??= Buffer.alloc(0);
  const cut = text.length > LOG_TAIL_BYTES;
  if (cut) text = text.subarray(text.length - LOG_TAIL_BYTES);
  await appendFile(logFile, `--- ${header}${cut ? ' (last 64 KiB)' : ''} ---\n`);
  await appendFile(logFile, text);
}

interface RunContext {
  spec: LaunchSpec;
  options: TimeRunsOptions;
  root: string;
}

async function runOnce(ctx: RunContext, index: number, warmup: boolean): Promise<TimedRun> {
  const { spec, options } = ctx;
  const label = `${warmup ? 'warmup' : 'run'}-${index}`;
  const artifactDir = await mkdtemp(join(ctx.root, `${label}-`));
  const runLog = join(ctx.root, `${label}.log`);
  const useAgent = (options.agent ?? true) || options.server?.ready.kind === 'listen';
  // The probe writes wherever ENV_AGENT_DIR points, agent or not.
  const env = useAgent
    ? withAgent(spec.env, artifactDir, 'timing')
    : { ...spec.env, [ENV_AGENT_DIR]: artifactDir };

  // The load command runs with the workload's own environment: no agent, not in the tree.
  const server =
    options.server &&
    serverDrive(options.server, { artifactDir, logFile: runLog, cwd: spec.cwd, env: spec.env });
  let sampler: RssSampler | undefined;
  const cpuBefore = readChildrenCpu();
  const outcome = await runProcess(
    { ...spec, env },
    {
      ...(server ? { drive: server.drive } : {}),
      timeoutMs: options.timeoutMs,
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      ...(options.signal ? { signal: options.signal } : {}),
      logFile: runLog,
      onSpawn: (pid) => {
        sampler = startRssSampler(pid, options.rssIntervalMs ?? DEFAULT_RSS_INTERVAL_MS);
      },
    },
  );
  // runProcess resolves after libuv has reaped the child, so its tree's CPU time is in ours.
  const cpuAfter = readChildrenCpu();
  const readings = (await sampler?.stop()) ?? [];
  const records = [...(await readProcessRecords(artifactDir)).values()];
  const probes = await readProbeMeasures(artifactDir);

  let cpu: Pick<TimedRun, 'userMs' | 'sysMs' | 'cpuSource'> = { userMs: null, sysMs: null, cpuSource: null };
  const usages = records.flatMap((r) => (r.usage ? [r.usage] : []));
  if (cpuBefore && cpuAfter) {
    cpu = {
      userMs: Math.max(0, cpuAfter.userMs - cpuBefore.userMs),
      sysMs: Math.max(0, cpuAfter.sysMs - cpuBefore.sysMs),
      cpuSource: 'children',
    };
  } else if (usages.length > 0) {
    const sum = (f: (u: (typeof usages)[number]) => number) => usages.reduce((a, u) => a + f(u), 0);
    cpu = { userMs: sum((u) => u.userMs), sysMs: sum((u) => u.sysMs), cpuSource: 'agent' };
  }
  // A long run can hold more readings than Math.max(...spread) takes: fold instead.
  let peakBytes: number | null = null;
  for (const r of readings) peakBytes = Math.max(peakBytes ?? 0, r.rss);
  // libuv reports maxRSS in KiB on every platform.
  for (const u of usages) peakBytes = Math.max(peakBytes ?? 0, u.maxRssKb * 1024);

  const run: TimedRun = {
    index,
    warmup,
    state: outcome.state,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(outcome.signal === undefined ? {} : { signal: outcome.signal }),
    stoppedAfterDuration: outcome.stoppedAfterDuration,
    wallMs: outcome.wallMs,
    ...cpu,
    peakRssMb: peakBytes === null ? null : peakBytes / 1e6,
    probes,
    nodeProcesses: records.length,
  };
  // A load command's output is appended to the workload's log below; its own file goes with the run.
  const load = server?.result();
  if (load) run.load = load.kind === 'command' ? { ...load, logFile: options.logFile } : load;
  if (run.reason) run.reason = run.reason.replace(loadLogOf(runLog), options.logFile);
  const header = `${options.logLabel ? `${options.logLabel} ` : ''}${warmup ? 'warm-up' : 'run'} ${index}: ${run.state}`;
  await appendRunLog(options.logFile, runLog, header);
  if (options.server?.load.kind === 'command') {
    await appendRunLog(options.logFile, loadLogOf(runLog), `${header}, its load command's output`, true);
    await rm(loadLogOf(runLog), { force: true });
  }
  await rm(artifactDir, { recursive: true, force: true });
  await rm(runLog, { force: true });
  options.onRun?.(run);
  return run;
}

/** Times `spec`: `warmup` runs thrown away, then `runs` measured runs (more while `minTimeMs` has not passed). */
export async function timeRuns(spec: LaunchSpec, options: TimeRunsOptions): Promise<TimedRuns> {
  const { signal } = options;
  const runs = options.runs ?? DEFAULT_RUNS;
  // Before any run: pidusage's first call spawns children that /proc would count in that run's CPU.
  await primeRssSampler();
  await mkdir(dirname(options.logFile), { recursive: true });
  const ctx: RunContext = { spec, options, root: await mkdtemp(join(tmpdir(), 'perfsuite-time-')) };
  const result: TimedRuns = { warmups: [], runs: [], interrupted: false };
  try {
    for (let i = 1; i <= (options.warmup ?? 0) && !signal?.aborted; i++) {
      result.warmups.push(await runOnce(ctx, i, true));
    }
    let measuredMs = 0;
    const wantMore = (): boolean => {
      const done = result.runs.length;
      if (done < runs) return true;
      const last = result.runs.at(-1);
      if (options.minTimeMs === undefined || done >= MAX_RUNS || (last && couldNotStart(last))) return false;
      return measuredMs < options.minTimeMs;
    };
    while (!signal?.aborted && wantMore()) {
      const run = await runOnce(ctx, result.runs.length + 1, false);
      result.runs.push(run);
      measuredMs += run.wallMs;
    }
  } finally {
    await rm(ctx.root, { recursive: true, force: true });
  }
  result.interrupted = signal?.aborted ?? false;
  return result;
}

/** Creates (or empties) a log file that timeRuns then appends to. */
export async function startLog(logFile: string): Promise<void> {
  await mkdir(dirname(logFile), { recursive: true });
  await writeFile(logFile, '');
}
