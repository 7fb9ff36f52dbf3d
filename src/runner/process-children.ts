/**
 * The live descendants of a process, read cheaply enough to do every 100 ms: on Linux from
 * /proc/<pid>/task/<tid>/children (no subprocess), elsewhere through pidtree (which runs `ps`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import pidtree from 'pidtree';

function linuxChildren(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  // Threads other than the main one may spawn too (libuv's pool does not, but native addons can).
  for (const tid of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (child.trim()) out.push(Number(child));
      }
    } catch {
      // The thread or process ended meanwhile.
    }
  }
  return out;
}

const hasProcChildren = (() => {
  try {
    readFileSync(`/proc/${process.pid}/task/${process.pid}/children`);
    return true;
  } catch {
    return false;
  }
})();

/** `root` and every live descendant, root first. */
export async function processTree(root: number): Promise<number[]> {
  if (!hasProcChildren) return [root, ...(await pidtree(root).catch(() => [] as number[]))];
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...linuxChildren(all[i] as number));
  return all;
}
