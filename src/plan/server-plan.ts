/**
 * A server workload's plan: when it is ready, and the load it gets then. From the workload's
 * `ready` and `load` keys, or for an ad hoc command from the flags (`--load`, `--load-duration`,
 * `--load-connections`, `--load-path`, `--on-port`), which also override a configured load.
 */
import type { LoadConfig, ReadyConfig } from '../config/schema.js';
import { splitCommandLine } from '../util/command-line.js';
import { UserError } from '../util/user-error.js';
import type { HttpLoadOptions } from './http-load-options.js';

/** How readiness is told: the agent's report of the first port listened on, a port, or an output line. */
export type ReadyPlan =
  | { kind: 'listen'; timeoutMs: number }
  | { kind: 'port'; port: number; timeoutMs: number }
  | { kind: 'output'; pattern: RegExp; timeoutMs: number };

/** The built-in HTTP load (autocannon), or a command with `{port}` still in it. */
export type LoadPlan = { kind: 'http'; options: HttpLoadOptions } | { kind: 'command'; argv: string[] };

export interface ServerPlan {
  ready: ReadyPlan;
  load: LoadPlan;
}

/** The load flags of `profile cpu`, `profile memory` and `profile validate`. */
export interface LoadFlags {
  /** `--load`: the built-in HTTP load with its defaults. */
  load?: boolean;
  /** Seconds. */
  loadDuration?: number;
  loadConnections?: number;
  loadPath?: string[];
  /** A command line, split into argv without a shell; `{port}` and `$PORT` are replaced. */
  onPort?: string;
}

/** How long a server may take to be ready, unless `ready.timeout` says otherwise. */
export const DEFAULT_READY_TIMEOUT_S = 30;

function httpOptions(config: LoadConfig | undefined): HttpLoadOptions {
  const options: HttpLoadOptions = {};
  if (!config) return options;
  if (config.paths) options.paths = config.paths;
  if (config.method) options.method = config.method;
  if (config.headers) options.headers = config.headers;
  if (config.body !== undefined) options.body = config.body;
  if (config.connections) options.connections = config.connections;
  if (config.duration) options.durationSeconds = config.duration;
  if (config.amount) options.amount = config.amount;
  if (config.pipelining) options.pipelining = config.pipelining;
  return options;
}

function loadFromFlags(config: LoadConfig | undefined, flags: LoadFlags): LoadPlan | undefined {
  const http =
    flags.load || flags.loadDuration !== undefined || flags.loadConnections !== undefined || flags.loadPath;
  if (flags.onPort !== undefined) {
    if (http)
      throw new UserError(
        'give either --on-port (your own load command) or --load and its options, not both',
      );
    return { kind: 'command', argv: splitCommandLine(flags.onPort) };
  }
  if (!http) return undefined;
  const options = config?.command ? {} : httpOptions(config);
  if (flags.loadDuration !== undefined) options.durationSeconds = flags.loadDuration;
  if (flags.loadConnections !== undefined) options.connections = flags.loadConnections;
  if (flags.loadPath?.length) {
    const bad = flags.loadPath.find((p) => !p.startsWith('/'));
    if (bad !== undefined) throw new UserError(`--load-path must start with "/", got "${bad}"`);
    options.paths = flags.loadPath;
  }
  return { kind: 'http', options };
}

function readyOf(config: ReadyConfig | undefined): ReadyPlan {
  const timeoutMs = (config?.timeout ?? DEFAULT_READY_TIMEOUT_S) * 1000;
  if (config?.port !== undefined) return { kind: 'port', port: config.port, timeoutMs };
  if (config?.output !== undefined) return { kind: 'output', pattern: new RegExp(config.output), timeoutMs };
  return { kind: 'listen', timeoutMs };
}

/** The plan of a workload with a `load` (or given one by flags); undefined for any other workload. */
export function serverPlanOf(
  config: { load?: LoadConfig | undefined; ready?: ReadyConfig | undefined } | undefined,
  flags: LoadFlags,
): ServerPlan | undefined {
  const load =
    loadFromFlags(config?.load, flags) ??
    (config?.load?.command
      ? { kind: 'command' as const, argv: config.load.command }
      : config?.load
        ? { kind: 'http' as const, options: httpOptions(config.load) }
        : undefined);
  return load ? { ready: readyOf(config?.ready), load } : undefined;
}
