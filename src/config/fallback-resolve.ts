/**
 * Makes `perfsuite` resolve to the running perfsuite while a config loads, when the config's project
 * did not install it: `profile` run through npx from a path, a global install, or
 * `node /path/to/perfsuite/bin/profile.js`. A project that installed perfsuite keeps its own copy:
 * both fallbacks act only when the project's own resolution has failed.
 *
 * Two module systems, two hooks. ES modules (`.mts`, `.mjs`, a `.ts` config of a `"type": "module"`
 * package): a resolve hook given to node:module's `register` (perfsuite-hook.ts). CommonJS (a `.ts`
 * config of any other package, which tsx compiles to `require`, and `.js`/`.cjs` configs): Node 20's
 * `register` hooks never see `require` (the synchronous `registerHooks` that does is Node 22.15+),
 * so `Module._resolveFilename` gets the same fallback, the way tsx adds its own resolution to
 * `require`. Either way Node resolves the specifier itself, from inside this package (self-reference
 * through our package.json "exports").
 *
 * Installed once, on the first config load, and left in place: tsx wraps whatever
 * `_resolveFilename` it finds when a config loads, so ours cannot be taken out from under it, and a
 * fallback for a package that would not be found anyway changes nothing else. Workload processes
 * are separate processes and never get it.
 */
import Module, { createRequire, register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inPackage } from '../util/package-root.js';
import { PERFSUITE_SPECIFIER } from './perfsuite-hook.js';

/** The package root: two levels above both src/config (tests) and dist/config (the built CLI). */
const root = inPackage();

/** The built hook, always: Node's hooks thread runs plain JavaScript. */
const hookUrl = pathToFileURL(join(root, 'dist', 'config', 'perfsuite-hook.js'));

/** `require` as seen from inside this package, where `perfsuite` resolves to itself. */
const requireHere = createRequire(join(root, 'package.json'));

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

let installed = false;

/** Installs both fallbacks (once per process). */
export function fallBackToThisPerfsuite(): void {
  if (installed) return;
  installed = true;
  register(hookUrl);
  const cjs = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function resolveFilename(this: unknown, request, ...rest) {
    try {
      return original.call(this, request, ...rest);
    } catch (error) {
      if (!PERFSUITE_SPECIFIER.test(request) || (error as { code?: string }).code !== 'MODULE_NOT_FOUND')
        throw error;
      return requireHere.resolve(request);
    }
  };
}
