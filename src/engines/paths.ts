/**
 * Files of this package that engines hand to workload processes. Resolved from the package root,
 * which is two levels above both src/engines (tests) and dist/engines (the built CLI).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** The preload agent, always the built one: workload processes run plain Node. */
export const agentPath = join(root, 'dist', 'agent', 'preload.cjs');
/** Where the agent's code lives: samples with a frame in it are the agent's work (agent-samples.ts). */
export const agentDir = dirname(agentPath);

/** tsx's `--import` entry, by absolute URL so it resolves whatever the workload's cwd. */
export const tsxLoaderUrl = new URL(
  `file://${join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')}`,
).href;

/** 0x's command line, wrapped so that it profiles the workload's main thread (see zero-x-main.cts). */
export const zeroXBin = join(root, 'dist', 'engines', 'zero-x-main.cjs');

/** Appends options to NODE_OPTIONS, quoting paths so spaces survive Node's own splitting. */
export function withNodeOptions(env: Record<string, string>, ...options: string[]): Record<string, string> {
  const quoted = options.map((o) => (/\s/.test(o) ? `"${o.replace(/(["\\])/g, '\\$1')}"` : o));
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, ...quoted].filter(Boolean).join(' ') };
}
