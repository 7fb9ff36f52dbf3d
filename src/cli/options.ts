/**
 * The options several commands share, declared once (flags, help text, parser) so that `-c`, `-w`,
 * `-d`, `-t`, `-o`, `--json` and the load flags read the same in every command; where a command's
 * help says it in its own words, that part is a parameter. Also the parsers of option values.
 * Imports commander and UserError only: registering a command must not load what it runs.
 */
import { type Command, Option } from 'commander';
import { UserError } from '../util/user-error.js';

/** Parses a numeric option value; anything else is a usage error (exit 2). */
export const number = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UserError(`"${value}" is not a number`);
  return n;
};

/** Parses a repeatable option value into the list of every value given. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** -c, --config: the config file, found upward by default. */
export const configOption = (
  help = 'config file (default: profile.config.* found upward, else the demo)',
): Option => new Option('-c, --config <path>', help);

/** -w, --workload: picks `what` by name (repeatable). */
export const workloadOption = (what = 'workload'): Option =>
  new Option('-w, --workload <name>', `only this ${what} (repeatable; "name" or "suite/name")`).argParser(
    collect,
  );

/** -d, --duration: stops each workload gracefully. */
export const durationOption = (): Option =>
  new Option('-d, --duration <s>', 'stop each workload gracefully after this many seconds').argParser(number);

/** -t, --timeout: kills each `what` (a workload, a run) with its process tree. */
export const timeoutOption = (what = 'workload'): Option =>
  new Option('-t, --timeout <s>', `kill a ${what} and its process tree after this many seconds`).argParser(
    number,
  );

/** -o, --out-dir (or --out-dir alone where -o is --output): `what` is written there. */
export const outDirOption = (what: string, { short = true }: { short?: boolean } = {}): Option =>
  new Option(`${short ? '-o, ' : ''}--out-dir <dir>`, `${what} (default: current directory)`);

/** --json: prints `result` (documented in `doc`) instead of `instead`. */
export const jsonOption = (
  doc: string,
  {
    result = 'a machine-readable result',
    instead = 'the summary',
  }: { result?: string; instead?: string } = {},
): Option => new Option('--json', `print ${result} (${doc}) instead of ${instead}`);

/** The flags that make a command a server's load (plan/server-plan.ts), shared by cpu, memory, validate and doctor. */
export function withLoadOptions(command: Command): Command {
  return command
    .option(
      '--load',
      'a server: once it listens, send it HTTP load (autocannon; 10 connections, 10 s, GET /), then stop it',
    )
    .option('--load-duration <s>', 'seconds of HTTP load (implies --load)', number)
    .option('--load-connections <n>', 'concurrent connections of the HTTP load (implies --load)', number)
    .option(
      '--load-path <path>',
      'path to request, e.g. /api/items?page=2 (repeatable; implies --load)',
      collect,
    )
    .option(
      '--on-port <command>',
      'a server: once it listens, run this load command ({port} or $PORT: its port), then stop it',
    );
}
