/**
 * For the cpu-prof engine, in Node processes that were not started with `--cpu-prof` (Node refuses
 * it in NODE_OPTIONS, so children that a workload spawns on its own never have it): the same V8 CPU
 * profiler through the inspector protocol, written in the same .cpuprofile format at exit. Inspector
 * calls on the process's own session complete synchronously, so this works inside an exit hook.
 */
import { Session } from 'node:inspector';
import { join } from 'node:path';
import type { Finisher } from './lifecycle.cjs';
import { artifactNames } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

export function startInspectorCpuProfiler(artifactDir: string, intervalMicros: number): Finisher {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
  session.post('Profiler.start');
  return () => {
    let written: string[] = [];
    session.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      const name = artifactNames.inspectorCpuProfile(process.pid);
      writeAtomicSync(join(artifactDir, name), JSON.stringify(result.profile));
      written = [name];
    });
    session.disconnect();
    return written;
  };
}
