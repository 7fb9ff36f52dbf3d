/**
 * The in-use heap profiles a memory run left (`<pid>[.t<threadId>].heap.<epochMs>.pb.gz` during the
 * run, `...heap.final.pb.gz` at the end): the earliest and the last profile of each thread (every
 * thread is a V8 heap of its own), merged over the threads and processes of the tree under a frame
 * per process and, where a process has several, per thread.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArtifactName, type ThreadStart } from '../agent/protocol.cjs';
import { readJsonLines } from '../engines/agent-records.js';
import { runtimeNames } from '../engines/frame-names.js';
import { threadName } from '../engines/threads.js';
import { mergeProfiles } from '../model/merge.js';
import { fromPprof } from '../model/pprof.js';
import type { Profile } from '../model/profile.js';

export interface HeapProfiles {
  /** Earliest profile of each thread, merged; undefined when no thread lived past its first one. */
  early?: Profile;
  /** Last profile of each thread, merged. */
  late?: Profile;
}

interface ThreadHeap {
  pid: number;
  threadId: number;
  profile: Profile;
}

async function load(dir: string, name: string): Promise<Profile | undefined> {
  const path = join(dir, name);
  const profile = fromPprof(await readFile(path), path);
  // The CPU engines' naming rule: `(anonymous)` with its line in the location, not @datadog/pprof's
  // `(anonymous:L#50:C#41)`, so a function reads the same in a heap profile as in a CPU profile.
  return profile ? runtimeNames(profile) : undefined;
}

function merged(parts: ThreadHeap[], name: (part: ThreadHeap) => string): Profile | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0]?.profile;
  const threadsOf = (pid: number) => parts.filter((p) => p.pid === pid).length;
  return mergeProfiles(
    parts.map((p) => ({
      profile: p.profile,
      roots: threadsOf(p.pid) > 1 ? [`pid ${p.pid}`, name(p)] : [`pid ${p.pid}`],
    })),
  );
}

/** `cwd`: the workload's working directory, from which worker scripts are named. */
export async function readHeapProfiles(dir: string, cwd: string): Promise<HeapProfiles> {
  const byThread = new Map<
    string,
    { pid: number; threadId: number; files: { at: number; name: string }[] }
  >();
  for (const name of await readdir(dir)) {
    const parsed = parseArtifactName(name);
    const match = parsed && /^\.heap\.(\d+|final)\.pb\.gz$/.exec(parsed.rest);
    if (!parsed || !match) continue;
    const at = match[1] === 'final' ? Number.POSITIVE_INFINITY : Number(match[1]);
    const key = `${parsed.pid}.${parsed.threadId}`;
    const entry = byThread.get(key) ?? { pid: parsed.pid, threadId: parsed.threadId, files: [] };
    entry.files.push({ at, name });
    byThread.set(key, entry);
  }
  const early: ThreadHeap[] = [];
  const late: ThreadHeap[] = [];
  for (const { pid, threadId, files } of byThread.values()) {
    files.sort((a, b) => a.at - b.at);
    const first = files[0];
    const last = files[files.length - 1];
    if (!first || !last) continue;
    const lastProfile = await load(dir, last.name);
    if (lastProfile) late.push({ pid, threadId, profile: lastProfile });
    if (first !== last) {
      const firstProfile = await load(dir, first.name);
      if (firstProfile) early.push({ pid, threadId, profile: firstProfile });
    }
  }
  const starts = await readJsonLines<ThreadStart>(dir, 'threads');
  const name = ({ pid, threadId, profile }: ThreadHeap) => {
    const start = starts.find((f) => f.pid === pid)?.rows.find((s) => s.threadId === threadId);
    return threadName(threadId, start, cwd, profile.frames);
  };
  // Stable order (process, then thread), whatever order the directory lists them in.
  const order = (a: ThreadHeap, b: ThreadHeap) => a.pid - b.pid || a.threadId - b.threadId;
  const result: HeapProfiles = {};
  const e = merged(early.sort(order), name);
  const l = merged(late.sort(order), name);
  if (e) result.early = e;
  if (l) result.late = l;
  return result;
}
