/**
 * CPU sampling inside the workload process with @datadog/pprof's time profiler, from the first
 * line of user code to the end of the thread. The profiler samples the isolate it is started in, so
 * the agent starts one in every thread: the main thread writes `<pid>.pb.gz` at exit; a worker
 * writes its profile in chunks (`<pid>.t<threadId>.<n>.pb.gz`), every second and when it ends or is
 * asked to flush (threads.cts), since it may be stopped without any hook of its own running.
 */
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Finisher } from './lifecycle.cjs';
import { artifactNames } from './protocol.cjs';
import { nodeSourceMapper } from './source-mapper.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/**
 * How often a worker flushes on its own: the most it loses when stopped in a long synchronous task.
 * Each flush costs 3-15 ms of the worker's time (stop, serialise, gzip).
 */
const WORKER_FLUSH_MS = 1000;

function startTimeProfiler(intervalMicros: number, cpuTime: boolean) {
  // Requiring @datadog/pprof registers its own process.once('exit') hook that stops the profiler
  // and discards the profile; lifecycle.cts prepends ours so it runs first.
  const pprof = require('@datadog/pprof') as typeof import('@datadog/pprof');
  process.setSourceMapsEnabled(true);
  pprof.time.start({
    intervalMicros,
    // Only sizes internal buffers (the context ring); profiling runs until stop() whatever it says.
    durationMillis: 60_000,
    // The type only admits its own SourceMapper class; ours has the one method it calls.
    sourceMapper: nodeSourceMapper as never,
    withContexts: cpuTime,
    collectCpuTime: cpuTime,
  });
  return pprof;
}

export function startCpuProfiler(artifactDir: string, intervalMicros: number, cpuTime: boolean): Finisher {
  const { time, encodeSync } = startTimeProfiler(intervalMicros, cpuTime);
  return () => {
    const name = artifactNames.cpuProfile(process.pid);
    writeAtomicSync(join(artifactDir, name), encodeSync(time.stop()));
    return [name];
  };
}

export function startWorkerCpuProfiler(
  artifactDir: string,
  intervalMicros: number,
  cpuTime: boolean,
): Finisher {
  const { time, encodeSync } = startTimeProfiler(intervalMicros, cpuTime);
  let chunks = 0;
  let stopped = false;
  // Each chunk holds the samples since the previous one: stop(true) restarts at once.
  const flush = (final: boolean): string[] => {
    if (stopped) return [];
    stopped = final;
    const profile = time.stop(!final);
    if (profile.sample.length === 0) return [];
    const name = artifactNames.cpuProfileChunk(process.pid, threadId, ++chunks);
    writeAtomicSync(join(artifactDir, name), encodeSync(profile));
    return [name];
  };
  const timer = setInterval(() => flush(false), WORKER_FLUSH_MS);
  timer.unref();
  return (final) => {
    if (final) clearInterval(timer);
    return flush(final);
  };
}
