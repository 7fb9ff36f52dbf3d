/**
 * Stopping a workload means stopping everything it started. Workloads run in their own process group
 * (spawned detached), so one signal to the group reaches children and grandchildren; descendants
 * that moved to a group of their own are found through the process table (pidtree) while the
 * parent is still alive to link them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pidtree from 'pidtree';

/** Sends `signal` to the group led by `pid` and to every known descendant; missing processes are fine. */
export async function signalTree(pid: number, signal: NodeJS.Signals, known: number[] = []): Promise<void> {
  const descendants = await pidtree(pid).catch(() => [] as number[]);
  for (const target of [-pid, ...descendants, ...known]) {
    try {
      process.kill(target, signal);
    } catch {
      // ESRCH: already gone. EPERM cannot happen for our own children.
    }
  }
}

/**
 * Whether a live (not zombie) process of group `pgid` exists, from /proc/<pid>/stat: fields after the
 * command name are `state ppid pgrp ...`. Null where there is no /proc.
 */
function liveGroupMemberOnLinux(pgid: number): boolean | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

/**
 * Whether any process of the group led by `pid` is still alive. A signal 0 to the group also
 * succeeds while only zombies are left, and orphaned zombies wait for whatever reaps them (on
 * this machine's init, more than a second): on Linux the process table says whether anyone lives.
 */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  return liveGroupMemberOnLinux(pid) ?? true;
}

/** Polls until the group is empty or `ms` pass; resolves true when it emptied. */
export async function waitGroupExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/**
 * Graceful stop of a whole tree: `first` (SIGINT for a duration stop, SIGTERM for a timeout) so the
 * agent can write its profile, SIGTERM after half the grace, SIGKILL at its end. Resolves when the
 * group is gone.
 */
export async function stopTree(pid: number, first: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!groupAlive(pid)) return;
  const known = await pidtree(pid).catch(() => [] as number[]);
  await signalTree(pid, first, known);
  if (await waitGroupExit(pid, graceMs / 2)) return;
  if (first !== 'SIGTERM') await signalTree(pid, 'SIGTERM', known);
  if (await waitGroupExit(pid, graceMs / 2)) return;
  await signalTree(pid, 'SIGKILL', known);
  await waitGroupExit(pid, 2000);
}
