/**
 * One workload ready to run: what to start (a LaunchSpec) and its limits resolved (flags over config
 * over defaults). The plan stage between config and runner: `profile cpu`, `profile memory` and
 * `profile validate` all plan their workloads here, so each reads the limits the same way.
 */
import { basename } from 'node:path';
import { ENV_REPORT_LISTEN } from '../agent/protocol.cjs';
import type { Workload } from '../config/schema.js';
import type { SelectedWorkload } from '../config/select.js';
import { inheritedEnv, launchSpecFor } from '../runner/launch.js';
import type { LaunchSpec } from '../runner/run-process.js';
import { type LoadFlags, type ServerPlan, serverPlanOf } from './server-plan.js';

/**
 * A workload ready to run, the one target type every command takes (cpu, memory, doctor, validate's
 * timed runs): what to start, its limits, its config, and for a server its readiness and load.
 */
export interface PlannedTarget {
  suite: string;
  workload: string;
  spec: LaunchSpec;
  timeoutMs: number;
  durationMs?: number;
  /** The workload's config; absent for an ad hoc command. */
  config?: Workload;
  /** A server: when it is ready and the load it gets then (it is stopped when the load ends). */
  server?: ServerPlan;
}

/** The limits and the load a command line can set; they override the workload's own. */
export interface LimitFlags extends LoadFlags {
  /** Seconds. */
  duration?: number;
  /** Seconds. */
  timeout?: number;
}

/** A server's processes report the port they listen on (agent/listen.cts), for its readiness. */
function withServer(target: PlannedTarget, server: ServerPlan | undefined): PlannedTarget {
  if (!server) return target;
  return {
    ...target,
    server,
    spec: { ...target.spec, env: { ...target.spec.env, [ENV_REPORT_LISTEN]: '1' } },
  };
}

/** setTimeout overflows past 2^31-1 ms; "no timeout" means a day. */
const NO_TIMEOUT_MS = 24 * 3600 * 1000;
const DEFAULT_TIMEOUT_S = 120;

const ms = (s: number | undefined) => (s === undefined ? undefined : s * 1000);

/** A file-safe name for an ad hoc command: its script's base name, else the program's. */
function adHocName(command: string[]): string {
  const script = command.slice(1).find((a) => !a.startsWith('-')) ?? command[0] ?? 'command';
  return (
    basename(script)
      .replace(/[^A-Za-z0-9_.-]/g, '_')
      .replace(/^\.+/, '') || 'command'
  );
}

/** One configured workload with its limits resolved: flags over config over defaults. */
export function planWorkload(
  { suite, name, workload }: SelectedWorkload,
  baseDir: string,
  flags: LimitFlags,
): PlannedTarget {
  const durationMs = ms(flags.duration ?? workload.duration);
  const target: PlannedTarget = {
    suite,
    workload: name,
    spec: launchSpecFor(workload, baseDir),
    timeoutMs: ms(flags.timeout ?? workload.timeout ?? DEFAULT_TIMEOUT_S) as number,
    ...(durationMs === undefined ? {} : { durationMs }),
    config: workload,
  };
  return withServer(target, serverPlanOf(workload, flags));
}

/** A command given after `--`, run in the current directory, with no timeout unless a flag sets one. */
export function planAdHoc(command: string[], flags: LimitFlags): PlannedTarget {
  const durationMs = ms(flags.duration);
  const target: PlannedTarget = {
    suite: 'adhoc',
    workload: adHocName(command),
    spec: { argv: command, cwd: process.cwd(), env: inheritedEnv() },
    timeoutMs: ms(flags.timeout) ?? NO_TIMEOUT_MS,
    ...(durationMs === undefined ? {} : { durationMs }),
  };
  return withServer(target, serverPlanOf(undefined, flags));
}
