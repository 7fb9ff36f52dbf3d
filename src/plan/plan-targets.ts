/**
 * What `profile cpu`, `profile memory` and `profile doctor` run (and validate's ad hoc command): the
 * selected workloads of the config (or the demo), or one ad hoc command given after `--`, each
 * planned by planned-target.ts. Shared so that every command reads the same flags the same way.
 */
import { resolve } from 'node:path';
import type { ProjectConfig } from '../config/read-config.js';
import type { CommandName } from '../config/schema.js';
import { selectWorkloads } from '../config/select.js';
import { checkPositive } from '../util/check-positive.js';
import { UserError } from '../util/user-error.js';
import { type PlannedTarget, planAdHoc, planWorkload } from './planned-target.js';
import type { LoadFlags } from './server-plan.js';

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
