/**
 * Picks the workloads a command runs from `<suite|all>` and `--workload` filters, with errors that
 * list what exists so a typo is fixed in one go.
 */
import { UserError } from '../util/user-error.js';
import type { CommandName, Config, Workload } from './schema.js';

export interface SelectedWorkload {
  suite: string;
  name: string;
  workload: Workload;
}

/** The suite names `<suite|all>` stands for: `all` is every suite meant for `command` (its `for`). */
export function selectSuites(config: Config, target: string, command?: CommandName): string[] {
  const suiteNames = Object.keys(config.suites);
  if (target !== 'all' && !(target in config.suites)) {
    throw new UserError(`unknown suite "${target}". Suites: ${suiteNames.join(', ')} (or "all").`);
  }
  if (target !== 'all') return [target];
  return suiteNames.filter((name) => !command || (config.suites[name]?.for ?? [command]).includes(command));
}

/** `all` means every suite meant for `command` (see the suite's `for`); a named suite always runs. */
export function selectWorkloads(
  config: Config,
  target: string,
  filters: string[] = [],
  command?: CommandName,
): SelectedWorkload[] {
  const all: SelectedWorkload[] = selectSuites(config, target, command).flatMap((suite) =>
    Object.entries(config.suites[suite]?.workloads ?? {}).map(([name, workload]) => ({
      suite,
      name,
      workload,
    })),
  );
  if (filters.length === 0) return all;
  // A filter matches a workload name, or `suite/workload`.
  const chosen = all.filter((w) => filters.some((f) => f === w.name || f === `${w.suite}/${w.name}`));
  const unknown = filters.filter((f) => !all.some((w) => f === w.name || f === `${w.suite}/${w.name}`));
  if (unknown.length > 0) {
    const names = all.map((w) => `${w.suite}/${w.name}`).join(', ');
    throw new UserError(
      `unknown workload ${unknown.map((u) => `"${u}"`).join(', ')} in "${target}". Workloads: ${names}.`,
    );
  }
  return chosen;
}
