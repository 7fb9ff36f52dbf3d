/**
 * The command table: every command of `profile`, in the order `profile --help` lists them. Each
 * entry loads the file that registers its command (commands/<name>.ts); main registers only the
 * command being run (all of them for help, or a name it does not know), so that start-up loads one
 * registration file, not nine. The command's implementation (../<name>.ts, with zod, the profilers,
 * tinybench...) is imported by its action, only when it runs.
 */
import type { RegisterCommand } from './registration.js';

export const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  cpu: () => import('./cpu.js').then((m) => m.registerCpu),
  memory: () => import('./memory.js').then((m) => m.registerMemory),
  validate: () => import('./validate.js').then((m) => m.registerValidate),
  doctor: () => import('./doctor.js').then((m) => m.registerDoctor),
  flamegraph: () => import('./flamegraph.js').then((m) => m.registerFlamegraph),
  diff: () => import('./diff.js').then((m) => m.registerDiff),
  report: () => import('./report.js').then((m) => m.registerReport),
  list: () => import('./list.js').then((m) => m.registerList),
  init: () => import('./init.js').then((m) => m.registerInit),
};

/**
 * What registers the commands for `argv` (node, script, args...): the one named, none for a lone
 * `--version`, every one otherwise (help, `help <command>`, a mistyped name commander suggests for).
 */
export function registrationsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const [first, ...rest] = argv.slice(2);
  const named = first !== undefined && Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (named) return Promise.all([named()]);
  if ((first === '--version' || first === '-V') && rest.length === 0) return Promise.resolve([]);
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}
