/**
 * The contract between the runner and the agent it injects into workload processes: environment
 * variable names and the per-process files the agent leaves in the artifact directory. Shared by
 * both sides so that neither spells a name on its own.
 */

/** Directory where each profiled process writes `<pid>.pb.gz` / `<pid>.json`; no agent work without it. */
export const ENV_AGENT_DIR = 'PERFSUITE_AGENT_DIR';
/** `pprof` (the agent samples with @datadog/pprof) or `signals` (only make SIGINT/SIGTERM exit cleanly). */
export const ENV_AGENT_MODE = 'PERFSUITE_AGENT_MODE';
/** Sampling interval in microseconds. */
export const ENV_INTERVAL_US = 'PERFSUITE_INTERVAL_US';
/** `1` to record CPU time next to wall time (Linux and macOS only). */
export const ENV_CPU_TIME = 'PERFSUITE_CPU_TIME';

export type AgentMode = 'pprof' | 'signals';

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
}
