/**
 * A server's load given as a command (`load.command`, `--on-port`): run without a shell once the
 * server is ready, with `{port}` (and `$PORT`) in its arguments and `PORT` in its environment set to
 * the server's port, in a process group of its own that is stopped with the server's run (timeout,
 * Ctrl-C). Its output goes to `<workload>.load.log` beside the server's log.
 */
import { createWriteStream } from 'node:fs';
import { stopTree } from '../runner/process-tree.js';
import { spawnInOwnGroup } from '../runner/run-process.js';
import { substitutePort } from '../util/command-line.js';

export interface CommandLoadEnd {
  argv: string[];
  exitCode?: number;
  signal?: string;
  durationMs: number;
  /** Where its output went. */
  logFile: string;
}

/** `profiles/x/server.log` → `profiles/x/server.load.log`. */
export function loadLogOf(serverLog: string): string {
  return serverLog.replace(/(\.log)?$/, '.load.log');
}

export async function runLoadCommand(
  template: string[],
  port: number,
  where: { cwd: string; env: Record<string, string>; logFile: string },
  signal: AbortSignal,
): Promise<CommandLoadEnd> {
  const argv = substitutePort(template, port);
  const logFile = loadLogOf(where.logFile);
  const log = createWriteStream(logFile);
  const started = performance.now();
  const { child, ended } = spawnInOwnGroup({
    argv,
    cwd: where.cwd,
    env: { ...where.env, PORT: String(port) },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const stop = (): void => {
    if (child.pid !== undefined) void stopTree(child.pid, 'SIGTERM', 2000);
  };
  signal.addEventListener('abort', stop, { once: true });
  const end = await ended;
  signal.removeEventListener('abort', stop);
  await new Promise((resolve) => log.end(resolve));
  if (end.startError)
    throw new Error(`the load command (${argv.join(' ')}) could not start: ${end.startError}`);
  return {
    argv,
    ...(end.exitCode === undefined ? {} : { exitCode: end.exitCode }),
    ...(end.signal ? { signal: end.signal } : {}),
    durationMs: performance.now() - started,
    logFile,
  };
}
