/**
 * The preload the runner injects into every Node process of a workload (`--require` in NODE_OPTIONS,
 * so child processes that a workload spawns load it too). In `pprof` mode it samples the process with
 * @datadog/pprof from the first line of user code and writes `<pid>.pb.gz` when the process ends
 * for any reason; in `signals` mode (for `--cpu-prof`) it only turns SIGINT/SIGTERM into a normal
 * exit, because V8 writes --cpu-prof output on exit but not when a signal kills the process.
 *
 * Kept in CommonJS and free of heavy imports: it runs inside the measured process.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import {
  type AgentMode,
  ENV_AGENT_DIR,
  ENV_AGENT_MODE,
  ENV_CPU_TIME,
  ENV_INTERVAL_US,
  type ProcessRecord,
} from './protocol.cjs';
import { nodeSourceMapper } from './source-mapper.cjs';

const dir = process.env[ENV_AGENT_DIR];
const mode = (process.env[ENV_AGENT_MODE] ?? 'pprof') as AgentMode;

/** Write-then-rename, so a kill mid-write never leaves a truncated file behind. */
function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

function startAgent(artifactDir: string): void {
  const startedAt = Date.now();
  let finish: (() => string | undefined) | undefined;

  if (mode === 'pprof') {
    // Requiring @datadog/pprof registers its own process.once('exit') hook that stops the
    // profiler and discards the profile; our hook is prepended below so it runs first.
    const { time, encodeSync } = require('@datadog/pprof') as typeof import('@datadog/pprof');
    const cpuTime = process.env[ENV_CPU_TIME] === '1' && process.platform !== 'win32';
    process.setSourceMapsEnabled(true);
    time.start({
      intervalMicros: Number(process.env[ENV_INTERVAL_US] ?? 1000),
      // Only sizes internal buffers (context ring); profiling runs until stop() whatever it says.
      durationMillis: 60_000,
      // The type only admits its own SourceMapper class; ours has the one method it calls.
      sourceMapper: nodeSourceMapper as never,
      withContexts: cpuTime,
      collectCpuTime: cpuTime,
    });
    finish = () => {
      const name = `${process.pid}.pb.gz`;
      writeAtomic(join(artifactDir, name), encodeSync(time.stop()));
      return name;
    };
  }

  let done = false;
  const record = (endedBy: string, exitCode?: number): void => {
    if (done) return;
    done = true;
    let profile: string | undefined;
    try {
      profile = finish?.();
    } catch (error) {
      process.stderr.write(`perfsuite agent: could not write the profile of pid ${process.pid}: ${error}\n`);
    }
    const info: ProcessRecord = {
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv,
      startedAt,
      endedAt: Date.now(),
      endedBy,
      ...(exitCode === undefined ? {} : { exitCode }),
      ...(profile === undefined ? {} : { profile }),
    };
    writeAtomic(join(artifactDir, `${process.pid}.json`), JSON.stringify(info));
  };

  process.prependListener('exit', (code) => record('exit', code));

  // A signal with no listener kills the process without an 'exit' event. Ours records, then
  // re-raises the signal with its default action, unless the program has handlers of its own
  // (a server's graceful shutdown), in which case its eventual exit is recorded as usual.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      if (mode === 'signals') {
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
      }
      record(signal);
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// Worker threads inherit NODE_OPTIONS; the main thread's wall profile is the one we want.
if (dir && isMainThread) startAgent(dir);
