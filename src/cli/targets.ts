/**
 * What `profile cpu` and `profile memory` run: the selected workloads of the config (or the demo),
 * or one ad hoc command given after `--`, planned by plan/planned-target.ts. Shared so that both
 * commands read the same flags the same way; also the one-at-a-time loop with Ctrl-C handling.
 */
import { resolve } from 'node:path';
import type { ProjectConfig } from '../config/read-config.js';
import type { CommandName } from '../config/schema.js';
import { selectWorkloads } from '../config/select.js';
import { type PlannedTarget, planAdHoc, planWorkload } from '../plan/planned-target.js';
import type { LoadFlags } from '../plan/server-plan.js';
import { UserError } from '../util/user-error.js';

export interface TargetFlags extends LoadFlags {
  config?: string;
  workload?: string[];
  duration?: number;
  timeout?: number;
  outDir?: string;
}

export interface Plan {
  targets: PlannedTarget[];
  outDir: string;
  /** Where the workloads came from, for stderr. */
  note?: string;
}

/** Rejects a non-positive or non-numeric value of one of `keys`. */
export function checkPositive(flags: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const value = flags[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new UserError(
        `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a positive number, got "${value}"`,
      );
    }
  }
}

/** The targets of `profile cpu` or `profile memory` (or validate's ad hoc command), where to write, and which config. */
export async function planTargets(
  target: string | undefined,
  command: string[],
  flags: TargetFlags,
  verb: CommandName,
): Promise<Plan> {
  checkPositive(flags as Record<string, unknown>, ['duration', 'timeout', 'loadDuration', 'loadConnections']);
  if (flags.loadConnections !== undefined && !Number.isInteger(flags.loadConnections))
    throw new UserError(`--load-connections must be a whole number, got "${flags.loadConnections}"`);
  if (command.length > 0) {
    if (target) throw new UserError(`give either a suite ("${target}") or a command after "--", not both`);
    return { targets: [planAdHoc(command, flags)], outDir: resolve(flags.outDir ?? '.') };
  }
  if (!target)
    throw new UserError(`name a suite (or "all"), or give a command after "--": profile ${verb} all`);
  // Imported here: the config loader brings zod (~80 ms), which an ad hoc command never needs.
  const { readConfig } = await import('../config/read-config.js');
  const loaded = await readConfig(flags.config ? { configPath: flags.config } : {});
  const targets = selectWorkloads(loaded.config, target, flags.workload ?? [], verb).map((selected) =>
    planWorkload(selected, loaded.baseDir, flags),
  );
  return { targets, outDir: outDirOf(loaded, flags), note: configNote(loaded) };
}

/** --out-dir, else the config's outDir (relative to the config file), else the current directory. */
export function outDirOf(loaded: ProjectConfig, flags: Pick<TargetFlags, 'outDir'>): string {
  const configured = loaded.config.outDir ? resolve(loaded.baseDir, loaded.config.outDir) : '.';
  return resolve(flags.outDir ?? configured);
}

/** The stderr line saying which config runs (and that the demo runs when there is none). */
export function configNote(loaded: ProjectConfig): string {
  return loaded.isDemo
    ? `No profile.config.ts found here or above: running the built-in demo suites (${loaded.path}). Run "profile init" to write a config for this project.`
    : `config: ${loaded.path}`;
}

/**
 * Runs `each` over the targets one at a time until done or Ctrl-C; the first Ctrl-C stops the
 * running workload's tree (through the signal) and skips the rest. `after` runs after every target,
 * so results are saved as they come.
 */
export async function runTargets<R, T = PlannedTarget>(
  targets: T[],
  each: (target: T, signal: AbortSignal) => Promise<R>,
  after: (results: R[]) => Promise<void>,
): Promise<{ results: R[]; interrupted: boolean }> {
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on('SIGINT', onSigint);
  const results: R[] = [];
  try {
    for (const t of targets) {
      if (abort.signal.aborted) break;
      results.push(await each(t, abort.signal));
      await after(results);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  return { results, interrupted: abort.signal.aborted };
}

/** One step that Ctrl-C stops as it stops runTargets' workloads: `interrupted` says it did. */
export async function runInterruptible<R>(
  step: (signal: AbortSignal) => Promise<R>,
): Promise<{ result: R | undefined; interrupted: boolean }> {
  const { results, interrupted } = await runTargets(
    [step],
    (s, signal) => s(signal),
    async () => {},
  );
  return { result: results[0], interrupted };
}
