/**
 * Turns a configured workload into what to start: a script runs in a fresh Node process (TypeScript
 * through tsx's loader, so no build step), a command runs as its argv.
 */
import { resolve } from 'node:path';
import type { Workload } from '../config/schema.js';
import { tsxLoaderUrl } from '../engines/paths.js';
import type { LaunchSpec } from './run-process.js';

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;

/** The Node argv for a script: `node [--import tsx] script args...`. */
export function nodeArgvFor(script: string, args: string[]): string[] {
  return [process.execPath, ...(TYPESCRIPT.test(script) ? ['--import', tsxLoaderUrl] : []), script, ...args];
}

export function launchSpecFor(workload: Workload, baseDir: string): LaunchSpec {
  const argv = workload.script
    ? nodeArgvFor(resolve(baseDir, workload.script), workload.args)
    : [...(workload.command ?? []), ...workload.args];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { argv, cwd: resolve(baseDir, workload.cwd ?? '.'), env: { ...env, ...workload.env } };
}
