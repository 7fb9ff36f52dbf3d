/**
 * Which package.json scripts cannot be workloads, and why: npm's placeholder test script (it exits
 * 1), watchers and dev servers that never end, and lifecycle hooks that npm runs around other
 * scripts or installs. `profile init` leaves them out and says why, in the config and the terminal.
 */

/** The test script `npm init` writes: it only fails. */
const NPM_STUB_TEST = /no test specified/;

/** Flags and programs that keep a command running until it is stopped. */
const WATCH_FLAG = /(^|\s)(--watch\b|--watchAll\b|--watch-path\b|--serve\b)/;
const WATCHERS =
  /(^|[\s;&|])(nodemon|node-dev|ts-node-dev|onchange|chokidar|live-server|browser-sync|concurrently)(\s|$)/;
const WATCH_SUBCOMMANDS =
  /(^|[\s;&|])(tsx watch|vite(\s+dev)?(\s+--|\s*$)|next dev|nuxt dev|astro dev|webpack serve|webpack-dev-server|tsc (-w|--watch))/;

/** Scripts npm runs itself on install and publish: not a program of the project's. */
const LIFECYCLE = new Set([
  'install',
  'preinstall',
  'postinstall',
  'prepare',
  'prepublish',
  'prepublishOnly',
  'prepack',
  'postpack',
  'publish',
  'postpublish',
  'preversion',
  'version',
  'postversion',
  'uninstall',
  'preuninstall',
  'postuninstall',
  'dependencies',
]);

/** Scripts whose job is to change the tree or ship it: never run them to measure them. */
const SIDE_EFFECTS = /^(clean|release|deploy|publish|semantic-release|changeset)([:_-]|$)/;

/**
 * Why script `name` (running `line`) cannot be a workload, or undefined when it can. `pre<x>` and
 * `post<x>` are hooks only when script `<x>` exists (npm runs them around it) or `<x>` is npm's own
 * (install, test...): `prettier` and `postcss` are scripts like any other.
 */
export function whyNotAWorkload(
  name: string,
  line: string,
  scripts: Record<string, string>,
): string | undefined {
  if (NPM_STUB_TEST.test(line) && /exit 1/.test(line)) return "npm's placeholder: it only exits 1";
  if (LIFECYCLE.has(name)) return 'an npm lifecycle script';
  const hook = /^(pre|post)(.+)$/.exec(name);
  if (
    hook?.[2] &&
    (hook[2] in scripts || LIFECYCLE.has(hook[2]) || ['test', 'start', 'stop', 'restart'].includes(hook[2]))
  ) {
    return `npm runs it around "${hook[2]}"`;
  }
  if (WATCH_FLAG.test(line) || WATCHERS.test(line) || WATCH_SUBCOMMANDS.test(line)) {
    return 'a watcher or dev server: it runs until stopped';
  }
  if (SIDE_EFFECTS.test(name)) return 'it changes the project or ships it';
  return undefined;
}
