/**
 * A server workload's drive (run-process.ts `drive`): wait until the server is ready as its plan
 * says, then run its load, the built-in HTTP load or a command, and hand back what the load
 * measured. Whatever stops it (the server going away, a timeout, Ctrl-C), the figures measured so
 * far are kept.
 */
import type { LoadPlan, ReadyPlan, ServerPlan } from '../plan/server-plan.js';
import { hostToConnect, waitForListenFile, waitForOutput, waitForPort } from '../runner/readiness.js';
import { ReadinessError } from '../runner/readiness-wait.js';
import type { RunningProcess } from '../runner/run-process.js';
import { type CommandLoadEnd, runLoadCommand } from './command-load.js';
import type { LoadFigures } from './http-load.js';

/**
 * What a server's load did, in every result: the built-in load's figures, or the command's end;
 * `startedAt` and `endedAt` (epoch ms) say when it ran, for charts and per-request rates.
 */
export type LoadResult = {
  port: number;
  host: string;
  readyMs: number;
  startedAt: number;
  endedAt: number;
} & (({ kind: 'http' } & LoadFigures) | ({ kind: 'command' } & CommandLoadEnd));

export interface DriveContext {
  /** Where the agent writes `<pid>.listen.json`. */
  artifactDir: string;
  /** The server's log: output readiness reads it, and a readiness failure quotes its end. */
  logFile: string;
  /** For a load command: where it runs and with what environment. */
  cwd: string;
  env: Record<string, string>;
}

interface Ready {
  host: string;
  port: number;
}

async function waitReady(plan: ReadyPlan, ctx: DriveContext, running: RunningProcess): Promise<Ready> {
  const options = {
    timeoutMs: plan.timeoutMs,
    signal: running.signal,
    exited: running.exited,
    logFile: ctx.logFile,
  };
  if (plan.kind === 'port') return waitForPort(plan.port, options);
  if (plan.kind === 'listen') {
    const record = await waitForListenFile(ctx.artifactDir, options);
    return { host: hostToConnect(record.address), port: record.port };
  }
  const matched = await waitForOutput(ctx.logFile, plan.pattern, options);
  if (matched.port !== undefined) return { host: 'localhost', port: matched.port };
  // The line says the server is ready but not where: the agent may know (a Node server).
  const record = await waitForListenFile(ctx.artifactDir, { ...options, timeoutMs: 1000 }).catch(
    () => undefined,
  );
  if (record) return { host: hostToConnect(record.address), port: record.port };
  throw new Error(
    `the server printed "${matched.line}", which matches ready.output, but names no port: add the port to the pattern as a group, e.g. "listening on .*:(\\d+)", or give ready.port`,
  );
}

/** The readiness failure with what the server printed last, so the user sees why. */
function withLastLines(error: unknown): unknown {
  if (!(error instanceof ReadinessError) || error.lastLines.length === 0) return error;
  const lines = error.lastLines.map((line) => `      ${line}`).join('\n');
  return new Error(`${error.message}; its last output:\n${lines}`, { cause: error });
}

async function runLoad(plan: LoadPlan, ready: Ready, ctx: DriveContext, signal: AbortSignal) {
  if (plan.kind === 'command') {
    const startedAt = Date.now();
    const end = await runLoadCommand(plan.argv, ready.port, ctx, signal);
    return { kind: 'command' as const, startedAt, endedAt: Date.now(), ...end };
  }
  // Imported only here: autocannon and its histogram cost 150-600 ms to load, for server workloads only.
  const { runHttpLoad } = await import('./http-load.js');
  const figures = await runHttpLoad(ready, { ...plan.options, signal });
  // The timeline runs from the first request to the end (or the stop) of the load.
  const startedAt = figures.timeline[0]?.t ?? Date.now();
  const endedAt = figures.timeline.at(-1)?.t ?? startedAt;
  return { kind: 'http' as const, startedAt, endedAt, ...figures };
}

/**
 * The drive of a server with this plan, and what its load measured once it has run (undefined
 * when the server never got ready).
 */
export function serverDrive(plan: ServerPlan, ctx: DriveContext) {
  let result: LoadResult | undefined;
  const drive = async (running: RunningProcess): Promise<void> => {
    const started = performance.now();
    let ready: Ready;
    try {
      ready = await waitReady(plan.ready, ctx, running);
    } catch (error) {
      throw withLastLines(error);
    }
    const readyMs = performance.now() - started;
    const load = await runLoad(plan.load, ready, ctx, running.signal);
    result = { ...ready, readyMs, ...load };
    if (load.kind === 'command' && load.exitCode !== 0 && !running.signal.aborted) {
      const how = load.signal ? `was killed by ${load.signal}` : `exited with code ${load.exitCode}`;
      throw new Error(`the load command (${load.argv.join(' ')}) ${how}; its output is in ${load.logFile}`);
    }
  };
  return { drive, result: () => result };
}
