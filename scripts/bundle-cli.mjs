#!/usr/bin/env node
/**
 * Bundles the CLI (dist/cli/main.js, as tsc wrote it) into dist/cli-bundle/: one file per command
 * and shared chunks (esbuild's code splitting follows the CLI's dynamic imports), with the
 * dependencies that are plain code inlined. Node then loads a command in a handful of files instead
 * of about 250 (119 of dist/, 95 of zod alone), which was most of `profile`'s start-up: bin/profile.js
 * runs the bundle. Runs after tsc in `npm run build`.
 *
 * Left external, loaded from node_modules as installed: native addons (@datadog/pprof, esbuild),
 * and the packages that find files of their own by path at run time (tsx's loader, 0x, autocannon's
 * and piscina's workers, clinic) or that only other processes load (tinybench, liquidjs, chokidar).
 * Files that other processes run by path (the agent, the bench harness) stay in dist/ and are found
 * through util/package-root.ts, which works at any depth.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'cli-bundle');

/** Plain JavaScript with no files of its own to find: safe to inline. */
const INLINED = new Set(['zod', 'commander', 'smol-toml', 'pprof-format', 'pidtree', 'hdr-histogram-js']);

const { dependencies, peerDependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(dependencies), ...Object.keys(peerDependencies)]
  .filter((name) => !INLINED.has(name) && !name.startsWith('@stdlib/'))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: join(root, 'dist', 'cli', 'main.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: `node20`,
  outdir,
  external,
  // The inlined CommonJS packages (@stdlib's) call require: ES modules have none of their own.
  banner: {
    js: "import { createRequire as perfsuiteCreateRequire } from 'node:module'; const require = perfsuiteCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
