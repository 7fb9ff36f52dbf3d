/**
 * Memory mode of the agent: V8 heap figures read from inside the process at a steady interval
 * (appended to `<pid>.memory.jsonl` as they are read, so a crash loses nothing already read), and
 * @datadog/pprof's sampling heap profiler, whose in-use profile is written once early, then rarely,
 * and at the end (`<pid>.heap.<epochMs>.pb.gz`, `<pid>.heap.final.pb.gz`): comparing the first with
 * the last shows which allocation sites grew. The periodic ones are insurance for a process killed
 * before its exit hook runs (the last one written then stands for the end).
 *
 * Snapshots are kept rare on purpose (measured on the demo's `watcher`): each one builds the whole
 * profile as JS objects and encodes it, a burst of garbage that the next GC does not always collect;
 * taken every 2 s, it raised the post-GC heap floor by ~1.2 MB over 25 s and the series read as
 * linear growth, while the same run without them was stable.
 *
 * Heap readings are taken after a forced full collection about once a second (see forcedGc below):
 * without it, a process that allocates slowly piles garbage into the old generation between major
 * collections that may not come within the run, and its post-GC floor rises with garbage, not with
 * live memory (measured on the demo's `watcher`: 41 KB/s of "growth" without, about 8 KB/s of warm-up
 * with full collections).
 *
 * Every thread samples its own heap (worker threads are separate V8 heaps), into files named by
 * thread (`<pid>.t<threadId>.memory.jsonl`...); the runner sums them.
 *
 * Timers are unref'd so that the agent never keeps a finished program alive. A program that blocks
 * its event loop gets no V8 readings meanwhile; the runner's RSS sampling, from outside, still runs.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Recorder } from './lifecycle.cjs';
import { artifactNames, HEAP_SAMPLE_BYTES, type HeapReading } from './protocol.cjs';
import { nodeSourceMapper } from './source-mapper.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

const HEAP_STACK_DEPTH = 64;
/**
 * When the early profile is taken: after module loading and start-up (the usual first second or
 * two), yet early enough that a leak has not yet filled it. Runs shorter than this have no early
 * profile, and no growth list; they are too short for a verdict anyway (5 s at least).
 */
const EARLY_SNAPSHOT_MS = 2000;

/** Aim for forced collections to cost at most this share of the process's time. */
const GC_BUDGET = 0.01;
const MIN_GC_GAP_MS = 1000;

/**
 * A full collection before a reading, at most every second and backing off so that it takes no more
 * than GC_BUDGET of the time (a 200 ms collection of a big heap waits 20 s). `gc` is not on the
 * program's global: it is taken from a fresh context after exposing it, so the program sees no change.
 */
function forcedGc(): () => void {
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc') as () => void;
  let next = 0;
  return () => {
    const now = performance.now();
    if (now < next) return;
    gc();
    const took = performance.now() - now;
    next = now + Math.max(MIN_GC_GAP_MS, took / GC_BUDGET);
  };
}

/** `snapshotMs`: milliseconds between the periodic profiles after the early one. */
export function startMemorySampler(artifactDir: string, intervalMs: number, snapshotMs: number): Recorder {
  const { heap, encodeSync } = require('@datadog/pprof') as typeof import('@datadog/pprof');
  process.setSourceMapsEnabled(true);
  heap.start(HEAP_SAMPLE_BYTES, HEAP_STACK_DEPTH);

  const series = artifactNames.memorySeries(process.pid, threadId);
  const fd = openSync(join(artifactDir, series), 'a');
  const collect = forcedGc();
  const read = (parked = false): void => {
    collect();
    const m = process.memoryUsage();
    const reading: HeapReading = {
      t: Date.now(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      ...(parked ? { parked: true } : {}),
    };
    writeSync(fd, `${JSON.stringify(reading)}\n`);
  };
  const written: string[] = [series];
  const snapshot = (at: number | 'final'): void => {
    const name = artifactNames.heapProfile(process.pid, at, threadId);
    // Samples under the agent's own files (its readings, the profile being built) are left out:
    // they are the measurement, not the workload. Source-mapped like the CPU profiles, so
    // TypeScript run by tsx shows its own files and lines; the type only admits the package's
    // SourceMapper class, and ours has the one method it calls.
    const profile = heap.profile(__dirname, nodeSourceMapper as never);
    writeAtomicSync(join(artifactDir, name), encodeSync(profile));
    written.push(name);
  };
  read();
  setInterval(() => read(), intervalMs).unref();
  setTimeout(() => {
    snapshot(Date.now());
    setInterval(() => snapshot(Date.now()), snapshotMs).unref();
  }, EARLY_SNAPSHOT_MS).unref();

  // A worker asked to flush (final false) may be stopped next: its last profile is written now.
  let closed = false;
  return {
    finish: (final) => {
      if (closed) return [];
      closed = final;
      read();
      if (final) closeSync(fd);
      snapshot('final');
      return written;
    },
    // A worker about to park takes a reading: its heap stays as it is while it waits.
    flushParked: () => closed || read(true),
  };
}
