/**
 * How many threads each workload had in its last run, from the history: a run that profiles fewer
 * threads than the one before has lost one (a worker that ended before the profiler saw it, or a
 * program that started fewer), and `profile cpu` says so rather than leave the profiles to differ
 * silently. Only ok runs count, keyed by workload and engine (0x cannot see worker threads).
 */
import { historyPath } from '../store/perfsuite-dir.js';
import { plural } from '../util/words.js';
import { readHistoryFile } from './read.js';

const key = (workload: string, engine: string | undefined): string => `${workload}|${engine ?? 'pprof'}`;

export interface LastThreadCounts {
  /** The threads of the last ok run of `suite/workload` with this engine, if there was one. */
  of(workload: string, engine: string): number | undefined;
}

export async function lastThreadCounts(outDir: string): Promise<LastThreadCounts> {
  const { records } = await readHistoryFile(historyPath(outDir), true);
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const entry of record.cpu ?? []) if (!entry.st) counts.set(key(entry.w, entry.eng), entry.th ?? 1);
  }
  return { of: (workload, engine) => counts.get(key(workload, engine)) };
}

/** The sentence for a run with fewer threads than the last, or undefined. */
export function missingThreadsNote(threads: number, before: number | undefined): string | undefined {
  if (before === undefined || threads >= before) return undefined;
  const missing = before - threads;
  return (
    `${plural(threads, 'thread')} profiled where the last run had ${before}: ` +
    `${missing === 1 ? 'a thread is' : `${missing} threads are`} missing from this run ` +
    '(one that ended before the profiler saw it, or a program that started fewer)'
  );
}
