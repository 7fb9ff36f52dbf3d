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
 * - `timing` (profile validate): nothing but the record below, for its resource usage.
 * Each mode leaves `<pid>.json` (argv, ppid, how it ended, CPU time and peak RSS).
 *
 * Kept in CommonJS and free of heavy imports: it runs inside the measured process. Each mode's module
 * is required only by that mode (node:inspector alone costs ~3 ms of start-up, which `timing` would
 * otherwise add to every run it times).
 */
import { isMainThread } from 'node:worker_threads';
import { type Finisher, onProcessEnd } from './lifecycle.cjs';
import {
  type AgentMode,
  ENV_AGENT_DIR,
  ENV_AGENT_MODE,
  ENV_CPU_TIME,
  ENV_HEAP_SNAPSHOT_MS,
  ENV_INTERVAL_US,
  ENV_MEMORY_INTERVAL_MS,
} from './protocol.cjs';

const dir = process.env[ENV_AGENT_DIR];
const mode = (process.env[ENV_AGENT_MODE] ?? 'pprof') as AgentMode;

function start(artifactDir: string): void {
  let finish: Finisher = () => [];
  if (mode === 'pprof') {
    const cpuTime = process.env[ENV_CPU_TIME] === '1' && process.platform !== 'win32';
    const { startCpuProfiler } = require('./cpu.cjs') as typeof import('./cpu.cjs');
    finish = startCpuProfiler(artifactDir, Number(process.env[ENV_INTERVAL_US] ?? 1000), cpuTime);
  } else if (mode === 'memory') {
    const { startMemorySampler } = require('./memory.cjs') as typeof import('./memory.cjs');
    const intervalMs = Number(process.env[ENV_MEMORY_INTERVAL_MS] ?? 100);
    finish = startMemorySampler(artifactDir, intervalMs, Number(process.env[ENV_HEAP_SNAPSHOT_MS] ?? 10_000));
  }
  const hasCpuProfFlag = process.execArgv.some((a) => a.startsWith('--cpu-prof'));
  if (mode === 'cpu-prof' || mode === 'source-maps') {
    let stopProfiler: Finisher = () => [];
    if (mode === 'cpu-prof' && !hasCpuProfFlag) {
      const { startInspectorCpuProfiler } = require('./cpu-prof.cjs') as typeof import('./cpu-prof.cjs');
      stopProfiler = startInspectorCpuProfiler(artifactDir, Number(process.env[ENV_INTERVAL_US] ?? 1000));
    }
    // Node keeps the source maps of the scripts it loads from here on; saved at the end.
    process.setSourceMapsEnabled(true);
    finish = () => {
      const written = stopProfiler();
      // Taken before loading the module: from here on, --cpu-prof (or 0x) samples the agent, not
      // the program.
      const startedUs = Number(process.hrtime.bigint() / 1000n);
      const { writeSourceMaps } = require('./source-map-dump.cjs') as typeof import('./source-map-dump.cjs');
      return [...written, ...writeSourceMaps(artifactDir, startedUs)];
    };
  }
  onProcessEnd(artifactDir, finish, mode === 'cpu-prof' && hasCpuProfFlag);
}

// Worker threads inherit NODE_OPTIONS; the main thread's profile is the one we want.
if (dir && isMainThread) start(dir);
