/**
 * The probe: how a workload reports what only it knows (iterations done, its own phase timings) to
 * `profile memory` and `profile validate`. Outside a perfsuite run every call is a cheap no-op.
 *
 * ```ts
 * import { probe } from 'perfsuite/probe';
 * for (const file of files) { render(file); probe.iteration(); }
 * probe.measure('render', elapsedMs);
 * const parsed = await probe.time('parse', () => parse(text));
 * ```
 *
 * Records are appended to `<pid>.probe.jsonl` in the agent's directory, synchronously, so that a
 * crash loses nothing already reported.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { artifactNames, ENV_AGENT_DIR, type ProbeRecord } from './agent/protocol.cjs';

let fd: number | undefined;
let opened = false;

function write(record: ProbeRecord): void {
  if (!opened) {
    opened = true;
    const dir = process.env[ENV_AGENT_DIR];
    if (dir) {
      fd = openSync(join(dir, artifactNames.probe(process.pid)), 'a');
      process.once('exit', () => fd !== undefined && closeSync(fd));
    }
  }
  if (fd !== undefined) writeSync(fd, `${JSON.stringify(record)}\n`);
}

export const probe = {
  /** Counts completed iterations (default 1): memory growth is then also reported per iteration. */
  iteration(count = 1): void {
    write({ t: Date.now(), kind: 'iteration', count });
  },
  /** Reports one measurement of a named phase, in milliseconds. */
  measure(name: string, ms: number): void {
    write({ t: Date.now(), kind: 'measure', name, ms });
  },
  /** Runs `fn`, reports its duration under `name`, and returns its result. */
  async time<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      probe.measure(name, performance.now() - started);
    }
  },
  /** Whether this process runs under perfsuite (records are kept). */
  get active(): boolean {
    return process.env[ENV_AGENT_DIR] !== undefined;
  },
};
