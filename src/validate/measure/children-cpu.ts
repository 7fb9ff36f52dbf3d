/**
 * CPU time of reaped child process trees, for any program (not only Node): on Linux the kernel adds
 * the CPU time of every child this process has waited for, and of the children those waited for,
 * to our `cutime`/`cstime` in /proc/self/stat. Reading it before and after one run gives that run's
 * user and sys time, as getrusage(RUSAGE_CHILDREN) would (Node exposes no such call).
 *
 * Limits: the values are in clock ticks (USER_HZ), so each run's figure is quantized to 10 ms (the
 * error of a delta is under one tick and averages out over runs); descendants that outlive their
 * parent are reparented away from us and not counted; any other child this process reaps during
 * the run is counted too, so runs must not overlap with other spawns of this process.
 */
import { readFileSync } from 'node:fs';

/**
 * USER_HZ, the unit of /proc/<pid>/stat times. The kernel fixes it at 100 for user space on every
 * architecture Node supports (x86, arm, arm64, ppc64, s390x); `getconf CLK_TCK` prints 100 here.
 * Assumed rather than asked of getconf, which would cost a process per call.
 */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ChildrenCpu {
  userMs: number;
  sysMs: number;
}

/**
 * Our children's CPU time so far, or null where /proc/self/stat does not exist (macOS, Windows):
 * the caller then falls back on what the agent reports for Node processes.
 */
export function readChildrenCpu(): ChildrenCpu | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
  // What follows starts at field 3 (state); cutime and cstime are fields 16 and 17 (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) return null;
  const msPerTick = 1000 / CLOCK_TICKS_PER_SECOND;
  return { userMs: cutime * msPerTick, sysMs: cstime * msPerTick };
}
