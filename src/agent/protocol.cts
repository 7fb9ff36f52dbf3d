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
 * Memory mode: mean bytes between heap samples, a quarter of V8's 512 KiB default, to resolve growth
 * sites in runs of a few seconds. Here so that attribution knows what one heap sample is worth.
 */
export const HEAP_SAMPLE_BYTES = 128 * 1024;

/** Doctor mode: milliseconds between event-loop readings. */
export const ENV_DOCTOR_INTERVAL_MS = 'PERFSUITE_DOCTOR_INTERVAL_MS';

/** `1` when the workload is a server: report the first TCP port a process listens on (listen.cts). */
export const ENV_REPORT_LISTEN = 'PERFSUITE_REPORT_LISTEN';
/**
 * `1` when a duration counts from the program's start rather than from the spawn (0x starts the
 * program only after loading itself): the main thread writes `<pid>.started` as it starts.
 */
export const ENV_REPORT_START = 'PERFSUITE_REPORT_START';

/**
 * `timing` (profile validate) only leaves `<pid>.json` with the process's resource usage;
 * `source-maps` (0x engine) only saves the process's source maps at exit; `doctor` records the
 * event loop's health (doctor.cts) with a timed CPU profile.
 */
export type AgentMode = 'pprof' | 'cpu-prof' | 'memory' | 'timing' | 'source-maps' | 'doctor';

/** One line of `<pid>.memory.jsonl`: a V8 reading from inside the process. */
export interface HeapReading {
  /** Epoch milliseconds. */
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Taken as a worker parks in Atomics.wait: its heap stays so until its next reading (or its end). */
  parked?: true;
}

/**
 * One line of `<pid>.doctor.jsonl`: the main thread's event loop over the interval that ends at `t`.
 * Times in milliseconds but `hrUs`, which is on the .cpuprofile clock (monotonic microseconds).
 */
export interface DoctorReading {
  /** Epoch milliseconds. */
  t: number;
  /** The same moment on the monotonic clock of the CPU profile's timestamps, microseconds. */
  hrUs: number;
  /** Milliseconds since the previous reading (or the agent's start). */
  spanMs: number;
  /**
   * Event-loop delay over the interval: how late perf_hooks.monitorEventLoopDelay's 5 ms timer ran,
   * its period taken off; absent when the timer never ran (one block over the whole interval).
   */
  delay?: { p50: number; p99: number; max: number; mean: number };
  /** CPU time of the whole process over the interval. */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Each GC pause that ended in the interval, rounded to 0.01 ms, by kind (minor, major, incremental, weakcb). */
  gc: Partial<Record<'minor' | 'major' | 'incremental' | 'weakcb', number[]>>;
  /** Active handles and requests by type (process.getActiveResourcesInfo), timers and the like. */
  resources: Record<string, number>;
  /** The last reading, taken as the process ends rather than by the timer. */
  end?: true;
}

/** One line of `<pid>.probe.jsonl`: what a workload reports through `perfsuite/probe`. */
export type ProbeRecord =
  | { t: number; kind: 'iteration'; count: number }
  | { t: number; kind: 'measure'; name: string; ms: number };

/**
 * How a file name tells threads apart: the main thread's files are `<pid>.<kind>`, a worker
 * thread's `<pid>.t<threadId>.<kind>` (thread ids are per process, the main thread's is 0).
 */
const thread = (threadId: number): string => (threadId === 0 ? '' : `.t${threadId}`);

/** File names in the artifact directory, by pid and thread (0, the main thread, by default). */
export const artifactNames = {
  record: (pid: number, threadId = 0) => `${pid}${thread(threadId)}.json`,
  /** The main thread's CPU profile, written once at exit. */
  cpuProfile: (pid: number) => `${pid}.pb.gz`,
  /** A worker's CPU profile comes in chunks, flushed as it runs (threads.cts says why). */
  cpuProfileChunk: (pid: number, threadId: number, seq: number) => `${pid}.t${threadId}.${seq}.pb.gz`,
  /** `seq` numbers the chunks of a worker whose inspector profile is flushed before it ends. */
  inspectorCpuProfile: (pid: number, threadId = 0, seq = 0) =>
    `${pid}${thread(threadId)}${seq === 0 ? '' : `.${seq}`}.cpuprofile`,
  memorySeries: (pid: number, threadId = 0) => `${pid}${thread(threadId)}.memory.jsonl`,
  heapProfile: (pid: number, at: number | 'final', threadId = 0) =>
    `${pid}${thread(threadId)}.heap.${at}.pb.gz`,
  probe: (pid: number) => `${pid}.probe.jsonl`,
  doctorSeries: (pid: number) => `${pid}.doctor.jsonl`,
  /** Doctor mode: V8's sampling heap profile with collected objects kept, i.e. what was allocated. */
  allocationProfile: (pid: number) => `${pid}.heapprofile`,
  sourceMaps: (pid: number, threadId = 0) => `${pid}${thread(threadId)}.sourcemaps.json`,
  /** The first TCP port the process listened on (ListenRecord), for knowing when a server is ready. */
  listen: (pid: number) => `${pid}.listen.json`,
  /** Empty; its existence says the program's main thread is running (ENV_REPORT_START). */
  started: (pid: number) => `${pid}.started`,
  /** One line per worker thread a process started (ThreadStart), appended as each starts. */
  threadStarts: (pid: number) => `${pid}.threads.jsonl`,
};

/** Parses what artifactNames writes: `<pid>[.t<threadId>]<rest>`, e.g. `rest` = `.3.pb.gz`. */
export function parseArtifactName(name: string): { pid: number; threadId: number; rest: string } | undefined {
  const match = /^(\d+)(?:\.t(\d+))?(\..+)$/.exec(name);
  if (!match) return undefined;
  return { pid: Number(match[1]), threadId: Number(match[2] ?? 0), rest: match[3] as string };
}

/**
 * `<pid>.listen.json`: when a process's first TCP server started listening, and where (after
 * `listen(0)`, the port the OS chose).
 */
export interface ListenRecord {
  pid: number;
  port: number;
  /** As `server.address().address` says, e.g. `::` or `127.0.0.1`. */
  address: string;
  /** Epoch milliseconds when it started listening. */
  t: number;
}

/** One line of `<pid>.threads.jsonl`: a worker thread as its parent thread started it. */
export interface ThreadStart {
  threadId: number;
  /** The thread that created it (0: the main thread). */
  parentThreadId: number;
  /** What it runs: a path, a URL, `eval` for code given as a string, or `data: URL`. */
  entry: string;
  /** Epoch ms. */
  startedAt: number;
}

/**
 * How a worker thread ended, in `<pid>.t<threadId>.json`: `exit` (its own end, process.exit() in it,
 * or an uncaught error), `terminate` (worker.terminate(), flushed first) or `process-exit` (the
 * process ended around it, flushed first). A thread with no record ended without flushing (killed
 * with its process, or terminated while busy): samples after its last flush are missing.
 */
export interface ThreadRecord {
  pid: number;
  threadId: number;
  startedAt: number;
  endedAt: number;
  endedBy: 'exit' | 'terminate' | 'process-exit';
  exitCode?: number;
  files: string[];
}

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
