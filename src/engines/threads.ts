/**
 * Every engine reads one profile (or several chunks) per thread; this groups them into processes,
 * each with its threads and what the agent recorded of them: how a worker was started (what it
 * runs, for naming its frame) and how it ended. A worker that ended without flushing (stopped while
 * busy, or killed with its process) is named in a warning, since its last samples are missing.
 */
import { basename, relative } from 'node:path';
import { artifactNames, type ThreadStart } from '../agent/protocol.cjs';
import { mergeProfiles } from '../model/merge.js';
import type { Frame, Profile } from '../model/profile.js';
import { readJsonLines, readProcessRecords, readThreadRecords } from './agent-records.js';
import type { Collected, ProcessProfile, ThreadProfile } from './engine.js';

/** One profile file's worth: a thread's whole profile, or one chunk of it. */
export interface ThreadPart {
  pid: number;
  threadId: number;
  profile: Profile;
}

export interface GroupOptions {
  /**
   * Whether the agent writes the workers' profiles in this process (pprof; cpu-prof's inspector
   * profiles), so that a worker without an end record lost its last samples. V8's --cpu-prof
   * writes them itself, and 0x profiles no worker.
   */
  agentFlushes: (pid: number) => boolean;
}

/** A script as labels show it: relative to the working directory when under it, else its file name. */
export function shownPath(path: string, cwd: string): string {
  return path.startsWith(cwd) ? relative(cwd, path) : basename(path);
}

/** Where Node's module-hooks thread (the one `--import` loaders such as tsx run on) starts. */
const HOOKS_THREAD_FILE = 'node:internal/modules/esm/worker';

/**
 * A thread's name in flamegraphs and summaries: `main thread`, `worker 2 (pool-worker.ts)`, or for
 * one of Node's own threads (not started through `Worker`) `worker 1 (module hooks)`, told by its
 * frames, else `worker 1`.
 */
export function threadName(
  threadId: number,
  start: ThreadStart | undefined,
  cwd: string,
  frames: readonly Frame[] = [],
): string {
  if (threadId === 0) return 'main thread';
  if (start)
    return `worker ${threadId} (${start.entry.startsWith('/') ? shownPath(start.entry, cwd) : start.entry})`;
  return isModuleHooksThread(threadId, start, frames)
    ? `worker ${threadId} (module hooks)`
    : `worker ${threadId}`;
}

/** Whether a thread is Node's module-hooks thread (no `Worker` of the program started it; it runs the loader). */
export function isModuleHooksThread(
  threadId: number,
  start: ThreadStart | undefined,
  frames: readonly Frame[],
): boolean {
  return threadId !== 0 && !start && frames.some((f) => f.file === HOOKS_THREAD_FILE);
}

/** The name of a worker's entry for messages: its file name (or `eval`). */
export function entryName(start: ThreadStart | undefined): string | undefined {
  return start && (start.entry.startsWith('/') ? basename(start.entry) : start.entry);
}

/**
 * The workers the program itself started: from its main thread, or from one of those. Workers that
 * Node's own threads start (esbuild's, from tsx's module-hooks thread) are the loader's business:
 * they are profiled like any thread, but not counted in warnings about the program's workers.
 */
export function programWorkers(starts: readonly ThreadStart[]): ThreadStart[] {
  const ours = new Set([0]);
  const out: ThreadStart[] = [];
  // A parent always starts before its children, so one pass in start order finds every descendant.
  for (const start of [...starts].sort((a, b) => a.startedAt - b.startedAt || a.threadId - b.threadId)) {
    if (!ours.has(start.parentThreadId)) continue;
    ours.add(start.threadId);
    out.push(start);
  }
  return out;
}

export async function groupThreads(
  dir: string,
  parts: ThreadPart[],
  options: GroupOptions,
): Promise<Collected> {
  const [records, threadRecords, starts] = await Promise.all([
    readProcessRecords(dir),
    readThreadRecords(dir),
    readJsonLines<ThreadStart>(dir, 'threads'),
  ]).then(([r, t, s]) => [r, t, new Map(s.map((file) => [file.pid, file.rows]))] as const);
  const byThread = new Map<string, ThreadPart[]>();
  for (const part of parts) {
    const key = `${part.pid}.${part.threadId}`;
    byThread.set(key, [...(byThread.get(key) ?? []), part]);
  }
  const processes = new Map<number, ProcessProfile>();
  for (const chunks of byThread.values()) {
    const { pid, threadId } = chunks[0] as ThreadPart;
    const profile =
      chunks.length === 1
        ? (chunks[0] as ThreadPart).profile
        : mergeProfiles(chunks.map((c) => ({ profile: c.profile })));
    const thread: ThreadProfile = { threadId, profile };
    const start = starts.get(pid)?.find((s) => s.threadId === threadId);
    const end = threadRecords.get(artifactNames.record(pid, threadId));
    if (start) thread.start = start;
    if (end) thread.end = end;
    let proc = processes.get(pid);
    if (!proc) {
      const record = records.get(pid);
      proc = { pid, threads: [], ...(record ? { process: record } : {}) };
      processes.set(pid, proc);
    }
    proc.threads.push(thread);
  }
  for (const proc of processes.values()) proc.threads.sort((a, b) => a.threadId - b.threadId);

  const warnings: string[] = [];
  for (const [pid, started] of starts) {
    if (options.agentFlushes(pid)) {
      const unflushed = programWorkers(started).filter(
        (s) => !threadRecords.has(artifactNames.record(pid, s.threadId)),
      );
      if (unflushed.length === 0) continue;
      const names = unflushed.map((s) => `worker ${s.threadId} (${entryName(s)})`).join(', ');
      warnings.push(
        `${names} of pid ${pid} ended without flushing (stopped while busy, or killed with the process): up to its last second of samples is missing`,
      );
    }
  }
  return { processes: [...processes.values()], warnings };
}
