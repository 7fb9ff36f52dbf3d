/**
 * Runs the agent's finishers when the process ends for any reason (normal exit, process.exit,
 * uncaught exception, SIGINT/SIGTERM/SIGHUP) and leaves `<pid>.json` saying how it ended and what
 * it used (CPU time, peak RSS); in a worker thread, when the thread ends or is about to be stopped
 * (worker-flush.cts), leaving `<pid>.t<threadId>.json`.
 *
 * The thread modules are required only where threads are followed: `timing` mode, which runs in
 * every process profile validate times, loads neither.
 */
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { artifactNames, type ProcessRecord, type ThreadRecord } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/**
 * Writes what the agent collected; returns the file names it wrote (relative to the artifact dir).
 * `final` is false when a worker flushes before it may be stopped: it may also live on, so
 * profiling goes on.
 */
export type Finisher = (final: boolean) => string[];

/**
 * What a mode records in a thread: `finish` writes all of it; `flushParked`, where the mode has
 * one, writes the cheap part (the samples so far) for a worker about to park in Atomics.wait.
 */
export interface Recorder {
  finish: Finisher;
  flushParked?: () => void;
}

function report(what: string, error: unknown): void {
  // Never the agent's failure becoming the workload's: report it and let the program go on.
  process.stderr.write(`perfsuite agent: could not write the ${what} of pid ${process.pid}: ${error}\n`);
}

export function onProcessEnd(artifactDir: string, finish: Finisher, exitOnSignal: boolean): void {
  const startedAt = Date.now();
  let done = false;
  const record = (endedBy: string, exitCode?: number): void => {
    if (done) return;
    done = true;
    let files: string[] = [];
    try {
      files = finish(true);
    } catch (error) {
      report('profile', error);
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
      report('record', error);
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

/** The worker-thread counterpart of onProcessEnd (signals are not delivered to workers). */
export function onThreadEnd(artifactDir: string, { finish, flushParked = () => {} }: Recorder): void {
  const { flushWorkersSync } = require('./threads.cjs') as typeof import('./threads.cjs');
  const { keepWhenStopped } = require('./worker-flush.cjs') as typeof import('./worker-flush.cjs');
  const startedAt = Date.now();
  const files = new Set<string>();
  let ended = false;
  const record = (endedBy: ThreadRecord['endedBy'], exitCode?: number): void => {
    if (ended) return;
    const final = endedBy === 'exit';
    ended = final;
    // Its own workers end with it: they flush first.
    if (final) flushWorkersSync();
    try {
      for (const name of finish(final)) files.add(name);
    } catch (error) {
      report(`profile of thread ${threadId}`, error);
    }
    const info: ThreadRecord = {
      pid: process.pid,
      threadId,
      startedAt,
      endedAt: Date.now(),
      endedBy,
      ...(exitCode === undefined ? {} : { exitCode }),
      files: [...files],
    };
    try {
      writeAtomicSync(join(artifactDir, artifactNames.record(process.pid, threadId)), JSON.stringify(info));
    } catch (error) {
      report(`record of thread ${threadId}`, error);
    }
  };
  // Prepended, as in onProcessEnd: @datadog/pprof's own exit hook discards its profile.
  process.prependListener('exit', (code) => record('exit', code));
  keepWhenStopped((reason) => record(reason), flushParked);
}
