/**
 * Public API for in-process benchmarks (`perfsuite/bench`): a benchmark module's default export
 * names functions in groups, which `profile validate` runs with tinybench in a child process.
 *
 * ```ts
 * import { defineBenchmarks } from 'perfsuite/bench';
 * export default defineBenchmarks({
 *   parse: { small: () => parse(smallText), large: () => parse(largeText) },
 *   render: { setup: () => warmCaches(), simple: () => render(simple) },
 * });
 * ```
 *
 * Targets in the config name a function as "group/name" (`parse/small`).
 */

/** A benchmarked function: called once per sample; a returned promise is awaited inside the timing. */
export type BenchFunction = () => unknown;

/**
 * A group: named functions, plus two optional hooks under reserved names. `setup` runs before, and
 * `teardown` after, each function's warm-up and each function's measured run (tinybench's
 * per-task hooks), outside the timing.
 */
export type BenchmarkGroup = { [name: string]: BenchFunction } & {
  setup?: () => unknown;
  teardown?: () => unknown;
};

export type BenchmarkGroups = Record<string, BenchmarkGroup>;

/** Keys of a group that are hooks, not benchmarks. */
export const GROUP_HOOKS = ['setup', 'teardown'] as const;

/**
 * Shared by every copy of this module (the CLI's built one, a project's own install, tsx's view of
 * the source), so the harness recognises a definition whichever copy made it.
 */
const DEFINED = Symbol.for('perfsuite.benchmarks');

/** Same alphabet as config names: names end up in measurement ids and report file names. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** `label` says which name it is, e.g. `group "render"`. */
function checkName(name: string, label: string): void {
  if (!SAFE_NAME.test(name) || name.includes('..') || name.length > 100) {
    throw new TypeError(
      `defineBenchmarks: ${label} is not a safe name: use letters, digits, "_", "-" or "." ` +
        '(at most 100 characters, no leading "." and no "..")',
    );
  }
}

/** The function names of a group, hooks left out, in definition order. */
export function benchmarkNames(group: BenchmarkGroup): string[] {
  return Object.keys(group).filter((key) => !(GROUP_HOOKS as readonly string[]).includes(key));
}

/**
 * Checks the names and functions, marks the object as a benchmark definition and returns it
 * unchanged, typed as written. Throws a TypeError naming the bad group or function.
 */
export function defineBenchmarks<const T extends BenchmarkGroups>(groups: T): T {
  if (typeof groups !== 'object' || groups === null) {
    throw new TypeError(
      'defineBenchmarks: expected an object of groups, e.g. { parse: { small: () => ... } }',
    );
  }
  const groupNames = Object.keys(groups);
  if (groupNames.length === 0) throw new TypeError('defineBenchmarks: no groups defined');
  for (const groupName of groupNames) {
    checkName(groupName, `group "${groupName}"`);
    const group = groups[groupName];
    if (typeof group !== 'object' || group === null) {
      throw new TypeError(`defineBenchmarks: group "${groupName}" must be an object of functions`);
    }
    for (const [key, value] of Object.entries(group)) {
      checkName(key, `function "${key}" of group "${groupName}"`);
      if (typeof value !== 'function') {
        throw new TypeError(
          `defineBenchmarks: "${groupName}/${key}" must be a function, got ${typeof value}`,
        );
      }
    }
    if (benchmarkNames(group).length === 0) {
      throw new TypeError(`defineBenchmarks: group "${groupName}" has no functions to benchmark`);
    }
  }
  Object.defineProperty(groups, DEFINED, { value: true, enumerable: false });
  return groups;
}

/** Whether a module's default export came from defineBenchmarks (any copy of this module). */
export function isBenchmarkDefinition(value: unknown): value is BenchmarkGroups {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINED] === true;
}
