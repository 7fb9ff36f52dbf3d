/**
 * For the cpu-prof engine, in Node processes that were not started with `--cpu-prof` (Node refuses
 * it in NODE_OPTIONS, so children that a workload spawns on its own never have it): the same V8 CPU
 * profiler through the inspector protocol, written in the same .cpuprofile format at exit. Inspector
 * calls on the thread's own session complete synchronously, so this works inside an exit hook. A
 * worker thread may also be asked to flush before it is stopped (threads.cts): the profile so far
 * is written as a chunk and profiling starts again.
 */
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Finisher } from './lifecycle.cjs';
import { artifactNames } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

export function startInspectorCpuProfiler(artifactDir: string, intervalMicros: number): Finisher {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  session.post('Profiler.start');
  let chunks = 0;
  let stopped = false;
  return (final) => {
    if (stopped) return [];
    stopped = final;
    let written: string[] = [];
    session.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      // The main thread writes once; a worker's chunks are numbered from 1.
      const name = artifactNames.inspectorCpuProfile(process.pid, threadId, threadId === 0 ? 0 : ++chunks);
      writeAtomicSync(join(artifactDir, name), JSON.stringify(result.profile));
      written = [name];
    });
    if (final) session.disconnect();
    else session.post('Profiler.start');
    return written;
  };
}
