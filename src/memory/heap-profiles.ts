/**
 * The in-use heap profiles a memory run left (`<pid>.heap.<epochMs>.pb.gz` during the run,
 * `<pid>.heap.final.pb.gz` at the end), as the earliest and the last profile of each process, merged
 * over the processes of the tree.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeProfiles } from '../model/merge.js';
import { fromPprof } from '../model/pprof.js';
import type { Profile } from '../model/profile.js';

export interface HeapProfiles {
  /** Earliest profile of each process, merged; undefined when no process lived past its first one. */
  early?: Profile;
  /** Last profile of each process, merged. */
  late?: Profile;
}

async function load(dir: string, name: string): Promise<Profile | undefined> {
  const path = join(dir, name);
  return fromPprof(await readFile(path), path) ?? undefined;
}

function merged(parts: { profile: Profile; pid: number }[]): Profile | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0]?.profile;
  return mergeProfiles(parts.map((p) => ({ profile: p.profile, roots: [`pid ${p.pid}`] })));
}

export async function readHeapProfiles(dir: string): Promise<HeapProfiles> {
  const byPid = new Map<number, { at: number; name: string }[]>();
  for (const name of await readdir(dir)) {
    const match = /^(\d+)\.heap\.(\d+|final)\.pb\.gz$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const at = match[2] === 'final' ? Number.POSITIVE_INFINITY : Number(match[2]);
    byPid.set(pid, [...(byPid.get(pid) ?? []), { at, name }]);
  }
  const early: { profile: Profile; pid: number }[] = [];
  const late: { profile: Profile; pid: number }[] = [];
  for (const [pid, files] of byPid) {
    files.sort((a, b) => a.at - b.at);
    const first = files[0];
    const last = files[files.length - 1];
    if (!first || !last) continue;
    const lastProfile = await load(dir, last.name);
    if (lastProfile) late.push({ profile: lastProfile, pid });
    if (first !== last) {
      const firstProfile = await load(dir, first.name);
      if (firstProfile) early.push({ profile: firstProfile, pid });
    }
  }
  const result: HeapProfiles = {};
  const e = merged(early);
  const l = merged(late);
  if (e) result.early = e;
  if (l) result.late = l;
  return result;
}
