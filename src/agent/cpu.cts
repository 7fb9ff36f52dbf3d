/**
 * CPU sampling inside the workload process with @datadog/pprof's time profiler, from the first
 * line of user code to the end of the process; writes `<pid>.pb.gz`.
 */
import { join } from 'node:path';
import type { Finisher } from './lifecycle.cjs';
import { artifactNames } from './protocol.cjs';
import { nodeSourceMapper } from './source-mapper.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

export function startCpuProfiler(artifactDir: string, intervalMicros: number, cpuTime: boolean): Finisher {
  // Requiring @datadog/pprof registers its own process.once('exit') hook that stops the profiler
  // and discards the profile; lifecycle.cts prepends ours so it runs first.
  const { time, encodeSync } = require('@datadog/pprof') as typeof import('@datadog/pprof');
  process.setSourceMapsEnabled(true);
  time.start({
    intervalMicros,
    // Only sizes internal buffers (the context ring); profiling runs until stop() whatever it says.
    durationMillis: 60_000,
    // The type only admits its own SourceMapper class; ours has the one method it calls.
    sourceMapper: nodeSourceMapper as never,
    withContexts: cpuTime,
    collectCpuTime: cpuTime,
  });
  return () => {
    const name = artifactNames.cpuProfile(process.pid);
    writeAtomicSync(join(artifactDir, name), encodeSync(time.stop()));
    return [name];
  };
}
