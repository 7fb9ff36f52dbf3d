/**
 * An engine is one way of sampling a workload: how to launch it (argv and environment) and how to
 * turn what it left on disk into profiles of the model, one per OS process. Engines never render
 * and never spawn: the runner does both.
 */
import type { ProcessRecord, ThreadRecord, ThreadStart } from '../agent/protocol.cjs';
import type { Profile } from '../model/profile.js';
import type { LaunchSpec } from '../runner/run-process.js';

export const ENGINE_NAMES = ['pprof', 'cpu-prof', '0x', 'clinic'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface EngineContext {
  /** Empty directory the engine's artifacts go to; the runner removes it afterwards. */
  artifactDir: string;
  /** Sampling interval, microseconds. */
  intervalUs: number;
  /** Record CPU time next to wall time, where the engine and platform can. */
  cpuTime: boolean;
}

/** One thread's profile: the main thread (id 0) or a worker, with what the agent knows of it. */
export interface ThreadProfile {
  threadId: number;
  profile: Profile;
  /** How its parent started it (workers started through `Worker`; not Node's own threads). */
  start?: ThreadStart;
  /** How it ended; a worker without one ended without flushing its last samples. */
  end?: ThreadRecord;
}

/** One process's threads and, where the agent ran in it, what the process said of itself. */
export interface ProcessProfile {
  pid: number;
  /** Main thread first, then workers by thread id. */
  threads: ThreadProfile[];
  process?: ProcessRecord;
}

/** What an engine collected: every process it has a profile of, and what the user should know. */
export interface Collected {
  processes: ProcessProfile[];
  /** e.g. work the engine cannot see (0x and worker threads), or threads that lost their last samples. */
  warnings: string[];
}

export interface Engine {
  name: EngineName;
  /** What the engine measures, for titles and JSON: `wall time`, `CPU ticks`... */
  describe(ctx: EngineContext): string;
  launch(spec: LaunchSpec, ctx: EngineContext): LaunchSpec;
  /** Reads the artifacts; processes and threads that got far enough to write something are all returned. */
  collect(ctx: EngineContext): Promise<Collected>;
  /** Files of the engine's own worth keeping beside our outputs (0x's flamegraph.html). */
  keep?(ctx: EngineContext): Promise<{ from: string; suffix: string }[]>;
  /**
   * Time the process tree gets between the first stop signal and SIGKILL, when the engine's own
   * work after the program ends takes longer than the runner's default.
   */
  stopGraceMs?: number;
  /**
   * The engine starts the program only after loading itself, which can take seconds: a duration
   * counts from the program's start (the agent's `<pid>.started`, asked for by launch()).
   */
  startsProgramLate?: boolean;
}
