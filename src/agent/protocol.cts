/**
 * The contract between the runner and the agent it injects into workload processes: environment
 * variable names and the per-process files the agent leaves in the artifact directory. Shared by
 * both sides so that neither spells a name on its own.
 */

/** Directory where each profiled process writes `<pid>.pb.gz` / `<pid>.json`; no agent work without it. */
export const ENV_AGENT_DIR = 'PERFSUITE_AGENT_DIR';
/** What the agent does: see AgentMode and preload.cts. */
export const ENV_AGENT_MODE = 'PERFSUITE_AGENT_MODE';
/** Sampling interval in microseconds. */
export const ENV_INTERVAL_US = 'PERFSUITE_INTERVAL_US';
/** `1` to record CPU time next to wall time (Linux and macOS only). */
export const ENV_CPU_TIME = 'PERFSUITE_CPU_TIME';
/** Memory mode: milliseconds between V8 heap readings. */
export const ENV_MEMORY_INTERVAL_MS = 'PERFSUITE_MEMORY_INTERVAL_MS';
/** Memory mode: milliseconds between the periodic in-use heap profiles, after an early one at 2 s (memory.cts). */
export const ENV_HEAP_SNAPSHOT_MS = 'PERFSUITE_HEAP_SNAPSHOT_MS';

/**
 * `timing` (profile validate) only leaves `<pid>.json` with the process's resource usage;
 * `source-maps` (0x engine) only saves the process's source maps at exit.
 */
export type AgentMode = 'pprof' | 'cpu-prof' | 'memory' | 'timing' | 'source-maps';

/** One line of `<pid>.memory.jsonl`: a V8 reading from inside the process. */
export interface HeapReading {
  /** Epoch milliseconds. */
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** One line of `<pid>.probe.jsonl`: what a workload reports through `perfsuite/probe`. */
export type ProbeRecord =
  | { t: number; kind: 'iteration'; count: number }
  | { t: number; kind: 'measure'; name: string; ms: number };

/** File names in the artifact directory, by pid. */
export const artifactNames = {
  record: (pid: number) => `${pid}.json`,
  cpuProfile: (pid: number) => `${pid}.pb.gz`,
  inspectorCpuProfile: (pid: number) => `${pid}.cpuprofile`,
  memorySeries: (pid: number) => `${pid}.memory.jsonl`,
  heapProfile: (pid: number, at: number | 'final') => `${pid}.heap.${at}.pb.gz`,
  probe: (pid: number) => `${pid}.probe.jsonl`,
  sourceMaps: (pid: number) => `${pid}.sourcemaps.json`,
};

/**
 * `<pid>.sourcemaps.json` (cpu-prof and source-maps modes): the source maps Node held for the
 * scripts a process ran, by script URL as V8 names it, for mapping frames after the process is gone.
 */
export interface SourceMapsRecord {
  /**
   * When the agent began collecting them, in the .cpuprofile clock (monotonic microseconds):
   * samples from then on are the agent's own work at exit.
   */
  startedUs: number;
  maps: Record<string, object>;
}

/** What each process tells about itself in `<pid>.json`, so the runner can name its root frame. */
export interface ProcessRecord {
  pid: number;
  ppid: number;
  argv: string[];
  /** Epoch ms when the agent started and when the process ended. */
  startedAt: number;
  endedAt: number;
  /** `exit` (normal, uncaught exception or process.exit), or the signal that stopped it. */
  endedBy: string;
  exitCode?: number;
  /** Files this process's agent wrote, relative to the artifact directory. */
  files: string[];
  /** The process's own resource usage when it ended (`process.resourceUsage()`, this process only). */
  usage?: ProcessUsage;
}

/** CPU time and peak RSS of one process as the kernel counts them (getrusage RUSAGE_SELF). */
export interface ProcessUsage {
  userMs: number;
  sysMs: number;
  /** Peak resident set size in KB (1024 bytes on Linux, as getrusage reports it). */
  maxRssKb: number;
}
