/**
 * The resolve hook that lets a config `import ... from 'perfsuite'` (or `perfsuite/probe`,
 * `perfsuite/bench`) in a project that never installed perfsuite: registered with node:module's
 * `register` by fallback-resolve.ts, it runs in Node's module-hooks thread, always from dist/ (the
 * built file, as the agent is). The project's own resolution goes first, so a project with its own
 * copy keeps it; only when that fails is the specifier resolved again from this file, which sits
 * inside the running perfsuite: Node's package self-reference then maps it through our own
 * package.json "exports", so no path is worked out here.
 */
import type { ResolveHook } from 'node:module';

/** `perfsuite` and its subpaths: the only specifiers this hook ever touches. */
export const PERFSUITE_SPECIFIER = /^perfsuite(\/|$)/;

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (
      !PERFSUITE_SPECIFIER.test(specifier) ||
      (error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND'
    ) {
      throw error;
    }
    return nextResolve(specifier, { ...context, parentURL: import.meta.url });
  }
};
