/**
 * Memory mode of the agent: V8 heap figures read from inside the process at a steady interval
 * (appended to `<pid>.memory.jsonl` as they are read, so a crash loses nothing already read), and
 * @datadog/pprof's sampling heap profiler, whose in-use profile is written early, periodically and
 * at the end (`<pid>.heap.<epochMs>.pb.gz`, `<pid>.heap.final.pb.gz`): comparing the first with the
 * last shows which allocation sites grew.
 *
 * Timers are unref'd so that the agent never keeps a finished program alive. A program that blocks
 * its event loop gets no V8 readings meanwhile; the runner's RSS sampling, from outside, still runs.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Finisher } from './lifecycle.cjs';
import { artifactNames, type HeapReading } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/** Mean bytes between heap samples: a quarter of V8's 512 KiB default, to resolve growth sites in runs of a few seconds. */
const HEAP_SAMPLE_BYTES = 128 * 1024;
const HEAP_STACK_DEPTH = 64;

export function startMemorySampler(artifactDir: string, intervalMs: number, snapshotMs: number): Finisher {
  const { heap, encodeSync } = require('@datadog/pprof') as typeof import('@datadog/pprof');
  process.setSourceMapsEnabled(true);
  heap.start(HEAP_SAMPLE_BYTES, HEAP_STACK_DEPTH);

  const fd = openSync(join(artifactDir, artifactNames.memorySeries(process.pid)), 'a');
  const read = (): void => {
    const m = process.memoryUsage();
    const reading: HeapReading = {
      t: Date.now(),
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    };
    writeSync(fd, `${JSON.stringify(reading)}\n`);
  };
  const written: string[] = [artifactNames.memorySeries(process.pid)];
  const snapshot = (at: number | 'final'): void => {
    const name = artifactNames.heapProfile(process.pid, at);
    writeAtomicSync(join(artifactDir, name), encodeSync(heap.profile()));
    written.push(name);
  };
  read();
  setInterval(read, intervalMs).unref();
  setInterval(() => snapshot(Date.now()), snapshotMs).unref();

  return () => {
    read();
    closeSync(fd);
    snapshot('final');
    return written;
  };
}
