/**
 * Runs 0x's command line with one fix: it profiles the main thread of the workload.
 *
 * V8's --prof writes one log per isolate, and 0x takes the first log of the process that
 * `readdir` lists. A TypeScript workload (tsx) or any --import hook has a second isolate, Node's
 * module-hooks worker, so 0x sometimes imported that thread's ticks: the loader waiting in
 * epoll_pwait, and none of the workload's functions. The main isolate is set up before any worker
 * starts, so its log is the one created first. `getIsolateLog` is public in 0x for this kind of use
 * ("so it can be used in external error handlers").
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

type GetIsolateLog = (workingDir: string, pid: number) => string | undefined;

const v8 = require('0x/platform/v8.js') as { getIsolateLog: GetIsolateLog };
const firstFound = v8.getIsolateLog;

/** The log of `pid` created first; 0x's own pick where the file system keeps no creation time. */
export function mainIsolateLog(workingDir: string, pid: number): string | undefined {
  const pattern = new RegExp(`^isolate-(0x)?[0-9A-Fa-f]{2,16}(-${pid})?-${pid}-v8\\.log$`);
  const logs = readdirSync(workingDir)
    .filter((name) => pattern.test(name))
    .map((name) => ({ name, born: statSync(join(workingDir, name)).birthtimeMs }));
  if (logs.length < 2 || logs.some((log) => !(log.born > 0))) return firstFound(workingDir, pid);
  return logs.reduce((first, log) => (log.born < first.born ? log : first)).name;
}

if (require.main === module) {
  v8.getIsolateLog = mainIsolateLog;
  const cmd = require('0x/cmd.js') as (argv: string[]) => Promise<unknown>;
  // What 0x's own entry does with an error.
  cmd(process.argv.slice(2)).catch((error: Error & { code?: number }) => {
    console.error(error);
    process.exit(error.code || 1);
  });
}
