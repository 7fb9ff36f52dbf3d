/**
 * Stopping a workload means stopping everything it started. Workloads run in their own process group
 * (spawned detached), so one signal to the group reaches children and grandchildren; descendants
 * that moved to a group of their own are found through the process table (pidtree) while the
 * parent is still alive to link them.
 */
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

/** Whether any process of the group led by `pid` is still alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
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
