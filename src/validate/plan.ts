/**
 * What `profile validate` runs: from the selected suites, the workloads that have a `validate` key
 * (timed like hyperfine), the journeys, the sweeps and the benchmarks file; or one ad hoc command.
 * `-w` picks items by `name` or `suite/name` across all of these kinds.
 */

import type { ProjectConfig } from '../config/read-config.js';
import type { Benchmarks, Journey, Sweep, Timing } from '../config/schema.js';
import { selectSuites } from '../config/select.js';
import { configNote, outDirOf, planTargets, type TargetFlags } from '../plan/plan-targets.js';
import { type PlannedTarget, planWorkload } from '../plan/planned-target.js';
import type { LoadFlags } from '../plan/server-plan.js';
import { UserError } from '../util/user-error.js';

export type ValidateItem =
  | { kind: 'timing'; suite: string; name: string; target: PlannedTarget; timing: Timing }
  | { kind: 'journey'; suite: string; name: string; journey: Journey }
  | { kind: 'sweep'; suite: string; name: string; sweep: Sweep }
  | { kind: 'benchmarks'; suite: string; name: 'benchmarks'; benchmarks: Benchmarks };

/** The flags planning reads; the load flags make a timed workload a server (plan/server-plan.ts). */
export interface PlanFlags extends LoadFlags {
  workload?: string[];
  timeout?: number;
  duration?: number;
  runs?: number;
  warmup?: number;
}

/** Flags override the config's run counts, so a quick local check can use `--runs 3`. */
function withRunFlags<T extends { runs: number }>(item: T, flags: PlanFlags): T {
  return {
    ...item,
    ...(flags.runs === undefined ? {} : { runs: flags.runs }),
    ...(flags.warmup === undefined || !('warmup' in item) ? {} : { warmup: flags.warmup }),
  };
}

export function planValidate(loaded: ProjectConfig, target: string, flags: PlanFlags): ValidateItem[] {
  const { config, baseDir } = loaded;
  const items: ValidateItem[] = [];
  for (const suite of selectSuites(config, target, 'validate')) {
    const s = config.suites[suite];
    if (!s) continue;
    for (const [name, workload] of Object.entries(s.workloads)) {
      if (!workload.validate) continue;
      const planned = planWorkload({ suite, name, workload }, baseDir, flags);
      items.push({
        kind: 'timing',
        suite,
        name,
        target: planned,
        timing: withRunFlags(workload.validate, flags),
      });
    }
    for (const [name, journey] of Object.entries(s.journeys)) {
      items.push({ kind: 'journey', suite, name, journey: withRunFlags(journey, flags) });
    }
    for (const [name, sweep] of Object.entries(s.sweeps)) {
      items.push({ kind: 'sweep', suite, name, sweep: withRunFlags(sweep, flags) });
    }
    if (s.benchmarks) items.push({ kind: 'benchmarks', suite, name: 'benchmarks', benchmarks: s.benchmarks });
  }
  const filters = flags.workload ?? [];
  const matches = (f: string, item: ValidateItem) => f === item.name || f === `${item.suite}/${item.name}`;
  const unknown = filters.filter((f) => !items.some((item) => matches(f, item)));
  if (unknown.length > 0) {
    throw new UserError(
      `nothing to validate named ${unknown.map((u) => `"${u}"`).join(', ')} in "${target}". ` +
        `Items: ${items.map((i) => `${i.suite}/${i.name} (${i.kind})`).join(', ') || 'none'}.`,
    );
  }
  const chosen = filters.length === 0 ? items : items.filter((item) => filters.some((f) => matches(f, item)));
  if (chosen.length === 0) {
    throw new UserError(
      `"${target}" has nothing for profile validate: give a workload a "validate" key (runs, targets), ` +
        `or add "journeys", "sweeps" or "benchmarks" to the suite (${loaded.path}).`,
    );
  }
  return chosen;
}

/** The flags a whole validation is planned from: the items' flags, and where the config and outputs are. */
export interface ValidatePlanFlags extends PlanFlags, TargetFlags {}

/** A validation's items, where its outputs go, and the config (or command line) they came from. */
export interface ValidatePlan {
  items: ValidateItem[];
  outDir: string;
  baseDir: string;
  configPath: string;
  /** Where the items came from, for stderr. */
  note?: string;
}

/** The items of `profile validate <suite|all>`, or of `profile validate -- <command...>`. */
export async function planValidateRun(
  target: string | undefined,
  command: string[],
  flags: ValidatePlanFlags,
): Promise<ValidatePlan> {
  if (command.length > 0) {
    // Ad hoc, like hyperfine: time the command with the run counts of the flags.
    const { targets, outDir } = await planTargets(target, command, flags, 'validate');
    const items: ValidateItem[] = targets.map((t) => ({
      kind: 'timing',
      suite: t.suite,
      name: t.workload,
      target: t,
      timing: { runs: flags.runs ?? 10, warmup: flags.warmup ?? 1, targets: [] },
    }));
    return { items, outDir, baseDir: process.cwd(), configPath: '(command line)' };
  }
  if (!target)
    throw new UserError('name a suite (or "all"), or give a command after "--": profile validate all');
  // Imported here, as in plan/plan-targets.ts: an ad hoc command never needs the config loader (zod).
  const { readConfig } = await import('../config/read-config.js');
  const loaded = await readConfig(flags.config ? { configPath: flags.config } : {});
  return {
    items: planValidate(loaded, target, flags),
    outDir: outDirOf(loaded, flags),
    baseDir: loaded.baseDir,
    configPath: loaded.path,
    note: configNote(loaded),
  };
}
