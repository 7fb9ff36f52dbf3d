/**
 * Samples the resident set size of a workload's whole process tree (pidusage) at a steady interval,
 * from outside the workload, so that it keeps sampling while the workload blocks its event loop.
 * The next tick is scheduled from the intended time, not from the end of the last one, so the
 * interval does not drift.
 */
import pidusage from 'pidusage';
import { processTree } from './process-children.js';

export interface RssReading {
  /** Epoch milliseconds. */
  t: number;
  /** Sum of RSS over the tree, bytes. */
  rss: number;
  /** Processes in the tree at that moment. */
  processes: number;
}

export interface RssSampler {
  /** Stops sampling and returns every reading. */
  stop(): Promise<RssReading[]>;
}

let primed: Promise<unknown> | undefined;
/**
 * pidusage asks `getconf` (through a shell) for the clock tick and page size on its first call.
 * Those are children of ours, counted in our children's CPU time: a caller that measures that
 * (profile validate) asks once, before anything it measures.
 */
export function primeRssSampler(): Promise<unknown> {
  primed ??= pidusage(process.pid)
    .catch(() => undefined)
    .finally(() => pidusage.clear());
  return primed;
}

export function startRssSampler(rootPid: number, intervalMs: number): RssSampler {
  const readings: RssReading[] = [];
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const start = Date.now();
  let tick = 0;

  const sample = async (): Promise<void> => {
    const pids = await processTree(rootPid);
    const t = Date.now();
    // One call for the whole tree; if a process ended between listing and reading (pidusage then
    // rejects the batch), read the survivors one by one.
    const memory = await pidusage(pids)
      .then((stats) => Object.values(stats).map((s) => s.memory))
      .catch(async () => {
        const each = await Promise.allSettled(pids.map((pid) => pidusage(pid)));
        return each.flatMap((r) => (r.status === 'fulfilled' ? [r.value.memory] : []));
      });
    if (memory.length > 0)
      readings.push({ t, rss: memory.reduce((a, b) => a + b, 0), processes: memory.length });
  };
  const schedule = (): void => {
    if (stopped) return;
    tick++;
    timer = setTimeout(
      () => {
        pending = sample().finally(schedule);
      },
      Math.max(0, start + tick * intervalMs - Date.now()),
    );
  };
  pending = sample().finally(schedule);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pending;
      pidusage.clear();
      return readings;
    },
  };
}
