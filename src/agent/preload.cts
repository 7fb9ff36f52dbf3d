/**
 * The preload the runner injects into every Node process of a workload (`--require` in NODE_OPTIONS,
 * so child processes that a workload spawns load it too). By mode:
 * - `pprof`: CPU sampling with @datadog/pprof, written as `<pid>.pb.gz` however the process ends;
 * - `memory`: V8 heap readings and in-use heap profiles (see memory.cts);
 * - `cpu-prof`: in a process started with `--cpu-prof`, turns SIGINT/SIGTERM into a normal exit,
 *   because V8 writes --cpu-prof output on exit but not when a signal kills the process; in any
 *   other Node process (children of the workload), the same V8 profiler through the inspector. At
 *   the end it saves the process's source maps (source-map-dump.cts).
 * - `source-maps` (0x engine): only that last part, for a process that 0x samples.
 * - `timing` (profile validate): nothing but the record below, for its resource usage;
 * - `doctor`: the main thread's event-loop health and a timed CPU profile (doctor.cts).
 * Each mode leaves `<pid>.json` (argv, ppid, how it ended, CPU time and peak RSS).
 *
 * In any mode, for a server workload, it reports the first port the process listens on (listen.cts),
 * and where the runner asks, that the program has started (report-start.cts).
 *
 * Worker threads load the preload too (NODE_OPTIONS applies to them) and record themselves in every
 * mode but `timing` and `source-maps`; threads.cts keeps what they recorded when they are stopped.
 *
 * Kept in CommonJS and free of heavy imports: it runs inside the measured process. Each mode's module
 * is required only by that mode (node:inspector alone costs ~3 ms of start-up, which `timing` would
 * otherwise add to every run it times).
 */
import { isMainThread } from 'node:worker_threads';
import { type Finisher, onProcessEnd, onThreadEnd, type Recorder } from './lifecycle.cjs';
import {
  type AgentMode,
  ENV_AGENT_DIR,
  ENV_AGENT_MODE,
  ENV_CPU_TIME,
  ENV_DOCTOR_INTERVAL_MS,
  ENV_HEAP_SNAPSHOT_MS,
  ENV_INTERVAL_US,
  ENV_MEMORY_INTERVAL_MS,
  ENV_REPORT_LISTEN,
  ENV_REPORT_START,
} from './protocol.cjs';

const dir = process.env[ENV_AGENT_DIR];
const mode = (process.env[ENV_AGENT_MODE] ?? 'pprof') as AgentMode;
const intervalUs = Number(process.env[ENV_INTERVAL_US] ?? 1000);
const cpuTime = process.env[ENV_CPU_TIME] === '1' && process.platform !== 'win32';
// --cpu-prof profiles every thread of the process (workers inherit the flag).
const hasCpuProfFlag = process.execArgv.some((a) => a.startsWith('--cpu-prof'));

/** Starts what this mode records in this thread. */
function startRecording(artifactDir: string): Recorder {
  if (mode === 'pprof') {
    const cpu = require('./cpu.cjs') as typeof import('./cpu.cjs');
    if (isMainThread) return { finish: cpu.startCpuProfiler(artifactDir, intervalUs, cpuTime) };
    const finish = cpu.startWorkerCpuProfiler(artifactDir, intervalUs, cpuTime);
    // A chunk of the samples so far, and profiling goes on.
    return { finish, flushParked: () => finish(false) };
  }
  if (mode === 'memory') {
    const { startMemorySampler } = require('./memory.cjs') as typeof import('./memory.cjs');
    const intervalMs = Number(process.env[ENV_MEMORY_INTERVAL_MS] ?? 100);
    return startMemorySampler(artifactDir, intervalMs, Number(process.env[ENV_HEAP_SNAPSHOT_MS] ?? 10_000));
  }
  if (mode === 'doctor') {
    const { startDoctor } = require('./doctor.cjs') as typeof import('./doctor.cjs');
    const intervalMs = Number(process.env[ENV_DOCTOR_INTERVAL_MS] ?? 100);
    return startDoctor(artifactDir, intervalMs, intervalUs);
  }
  if (mode === 'cpu-prof' || mode === 'source-maps') {
    let stopProfiler: Finisher = () => [];
    if (mode === 'cpu-prof' && !hasCpuProfFlag) {
      const { startInspectorCpuProfiler } = require('./cpu-prof.cjs') as typeof import('./cpu-prof.cjs');
      stopProfiler = startInspectorCpuProfiler(artifactDir, intervalUs);
    }
    // Node keeps the source maps of the scripts it loads from here on; saved at the end.
    process.setSourceMapsEnabled(true);
    const finish: Finisher = (final) => {
      const written = stopProfiler(final);
      // Taken before loading the module: from here on, --cpu-prof (or 0x) samples the agent, not
      // the program.
      const startedUs = Number(process.hrtime.bigint() / 1000n);
      const { writeSourceMaps } = require('./source-map-dump.cjs') as typeof import('./source-map-dump.cjs');
      return [...written, ...writeSourceMaps(artifactDir, startedUs)];
    };
    // Parking, a worker keeps its samples (V8 writes --cpu-prof's itself); its source maps, which
    // take tens of ms to save, only at its end (a worker stopped meanwhile uses its process's).
    return { finish, flushParked: () => stopProfiler(false) };
  }
  return { finish: () => [] };
}

function start(artifactDir: string): void {
  if (process.env[ENV_REPORT_START] === '1' && isMainThread) {
    const { reportStart } = require('./report-start.cjs') as typeof import('./report-start.cjs');
    reportStart(artifactDir);
  }
  if (process.env[ENV_REPORT_LISTEN] === '1') {
    const { reportFirstListen } = require('./listen.cjs') as typeof import('./listen.cjs');
    reportFirstListen(artifactDir);
  }
  // `timing` only times processes: it neither follows threads nor adds their cost.
  if (mode === 'timing') {
    if (isMainThread) onProcessEnd(artifactDir, () => [], false);
    return;
  }
  const { trackWorkers, flushWorkersSync } = require('./threads.cjs') as typeof import('./threads.cjs');
  trackWorkers(artifactDir);
  if (isMainThread) {
    const { finish } = startRecording(artifactDir);
    // The process's workers end with it: they flush first.
    const flushAll: Finisher = (final) => {
      flushWorkersSync();
      return finish(final);
    };
    onProcessEnd(artifactDir, flushAll, mode === 'cpu-prof' && hasCpuProfFlag);
  } else if (mode !== 'source-maps' && mode !== 'doctor') {
    // 0x (source-maps mode) profiles the main thread only, and doctor looks at the main thread's
    // event loop: their workers record nothing.
    onThreadEnd(artifactDir, startRecording(artifactDir));
  }
}

if (dir) start(dir);
