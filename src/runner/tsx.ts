/**
 * tsx's loader, for starting TypeScript without a build step: the runner launches .ts workloads
 * through it, validate runs the benchmark harness under it. Resolved from this package's own tsx,
 * so a workload need not install it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** tsx's `--import` entry, by absolute URL so it resolves whatever the workload's cwd. */
export const tsxLoaderUrl = new URL(
  `file://${join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')}`,
).href;
