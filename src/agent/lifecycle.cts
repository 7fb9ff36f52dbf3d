/**
 * Runs the agent's finishers once when the process ends for any reason (normal exit, process.exit,
 * uncaught exception, SIGINT/SIGTERM/SIGHUP) and leaves `<pid>.json` saying how it ended and what
 * it used (CPU time, peak RSS).
 */
import { join } from 'node:path';
import { artifactNames, type ProcessRecord } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/** Writes what the agent collected; returns the file names it wrote (relative to the artifact dir). */
export type Finisher = () => string[];

export function onProcessEnd(artifactDir: string, finish: Finisher, exitOnSignal: boolean): void {
  const startedAt = Date.now();
  let done = false;
  const record = (endedBy: string, exitCode?: number): void => {
    if (done) return;
    done = true;
    let files: string[] = [];
    try {
      files = finish();
    } catch (error) {
      process.stderr.write(`perfsuite agent: could not write the profile of pid ${process.pid}: ${error}\n`);
    }
    // Read after the finishers: their work (writing a profile) is part of what the process cost.
    const used = process.resourceUsage();
    const info: ProcessRecord = {
      pid: process.pid,
      ppid: process.ppid,
      argv: process.argv,
      startedAt,
      endedAt: Date.now(),
      endedBy,
      ...(exitCode === undefined ? {} : { exitCode }),
      files,
      usage: { userMs: used.userCPUTime / 1000, sysMs: used.systemCPUTime / 1000, maxRssKb: used.maxRSS },
    };
    try {
      writeAtomicSync(join(artifactDir, artifactNames.record(process.pid)), JSON.stringify(info));
    } catch (error) {
      // Never the agent's failure becoming the workload's: report it and let the process end as it would.
      process.stderr.write(`perfsuite agent: could not write the record of pid ${process.pid}: ${error}\n`);
    }
  };

  // Prepended: @datadog/pprof's own exit hook stops the profiler and discards the profile.
  process.prependListener('exit', (code) => record('exit', code));

  // A signal with no listener kills the process without an 'exit' event. Ours records, then
  // re-raises the signal with its default action, unless the program has handlers of its own
  // (a server's graceful shutdown), in which case its eventual exit is recorded as usual.
  // With `exitOnSignal` (for --cpu-prof, which V8 writes only on exit) it exits instead.
  const codes = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const signal of Object.keys(codes) as (keyof typeof codes)[]) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      if (exitOnSignal) process.exit(128 + codes[signal]);
      record(signal);
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
