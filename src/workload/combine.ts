/**
 * The threads of the Node processes of one workload become one profile: a root frame per process,
 * named after what it ran (`node worker.js (pid 4242)`), oldest process first, and under it a frame
 * per thread (`main thread`, `worker 2 (pool-worker.ts)`) when it has more than one. A workload of
 * one single-threaded process keeps its stacks as they are.
 */

import type { ProcessProfile, ThreadProfile } from '../engines/engine.js';
import { shownPath, threadName } from '../engines/threads.js';
import { mergeProfiles } from '../model/merge.js';
import { type Frame, type Profile, type ProfileMeta, sampleCount } from '../model/profile.js';
import type { ProcessSummary } from './workload-run.js';

export function processLabel(part: ProcessProfile, cwd: string): string {
  const record = part.process;
  if (!record) return `process (pid ${part.pid})`;
  // argv[0] is node itself; argv[1] the script, if any (`node -e` has none).
  const script = record.argv[1];
  const shown = script ? shownPath(script, cwd) : '';
  const args = record.argv.slice(2, 4).join(' ');
  return `node ${shown}${args ? ` ${args}` : ''} (pid ${record.pid})`;
}

export function threadLabel(thread: ThreadProfile, cwd: string): string {
  return threadName(thread.threadId, thread.start, cwd, thread.profile.frames);
}

function byAge(parts: ProcessProfile[]): ProcessProfile[] {
  return [...parts].sort((a, b) => (a.process?.startedAt ?? 0) - (b.process?.startedAt ?? 0));
}

/** The processes and threads as the result lists them, with their sample counts. */
export function summarizeProcesses(parts: ProcessProfile[], cwd: string): ProcessSummary[] {
  const samples = (profile: Profile) => sampleCount(profile) ?? profile.samples.length;
  return byAge(parts).map((part) => {
    const threads = part.threads.map((t) => ({
      threadId: t.threadId,
      name: threadLabel(t, cwd),
      samples: samples(t.profile),
    }));
    return {
      pid: part.pid,
      name: processLabel(part, cwd),
      samples: threads.reduce((sum, t) => sum + t.samples, 0),
      threads,
    };
  });
}

/** A workload's profile, and which of its frames only name a process or a thread. */
export interface Combined {
  profile: Profile;
  /** True for the process and thread frames: they group functions, they are not one (top tables). */
  isGrouping: (frame: Frame) => boolean;
}

export function combineProcesses(
  parts: ProcessProfile[],
  meta: ProfileMeta,
  cwd: string,
): Combined | undefined {
  const threads = parts.flatMap((part) => part.threads);
  if (threads.length === 0) return undefined;
  if (parts.length === 1 && threads.length === 1) {
    const only = (threads[0] as ThreadProfile).profile;
    return { profile: { ...only, meta: { ...only.meta, ...meta } }, isGrouping: () => false };
  }
  const grouping = new Set<string>();
  const merged = mergeProfiles(
    byAge(parts).flatMap((part) => {
      const root = processLabel(part, cwd);
      return part.threads.map((thread) => {
        const roots = part.threads.length > 1 ? [root, threadLabel(thread, cwd)] : [root];
        for (const name of roots) grouping.add(name);
        return { profile: thread.profile, roots };
      });
    }),
  );
  return {
    profile: { ...merged, meta: { ...merged.meta, ...meta } },
    isGrouping: (frame) => frame.file === undefined && grouping.has(frame.name),
  };
}

/**
 * The process and thread frames of a profile read back from a file, where the set of names is
 * gone: frames without a file named as processLabel and threadName name them (`… (pid 4242)`,
 * `main thread`, `worker 2 (pool.ts)`), or as the memory agent's heap profiles name a process
 * (`pid 4242`, memory/heap-profiles.ts). For `profile diff` and attribution, which compare
 * functions, not pids.
 */
export function looksLikeGroupingFrame(frame: Frame): boolean {
  return (
    frame.file === undefined &&
    (/\(pid \d+\)$/.test(frame.name) ||
      /^pid \d+$/.test(frame.name) ||
      frame.name === 'main thread' ||
      /^worker \d+( \(.*\))?$/.test(frame.name))
  );
}
