/**
 * Turns a configured workload into what to start: a script runs in a fresh Node process (TypeScript
 * through tsx's loader, so no build step), a command runs as its argv.
 */
import { resolve } from 'node:path';
import type { Workload } from '../config/schema.js';
import type { LaunchSpec } from './run-process.js';
import { tsxLoaderUrl } from './tsx.js';

const TYPESCRIPT = /\.(ts|mts|cts|tsx)$/;

/** The Node argv for a script: `node [--import tsx] script args...`. */
export function nodeArgvFor(script: string, args: string[]): string[] {
  return [process.execPath, ...(TYPESCRIPT.test(script) ? ['--import', tsxLoaderUrl] : []), script, ...args];
}

/** The argv of a configured program (a workload, a journey step, a sweep): its script or its command, then its args. */
export function programArgv(
  program: Pick<Workload, 'script' | 'command' | 'args'>,
  baseDir: string,
): string[] {
  return program.script
    ? nodeArgvFor(resolve(baseDir, program.script), program.args)
    : [...(program.command ?? []), ...program.args];
}

/** Our environment as a plain record: what every child starts from before its own `env`. */
export function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

export function launchSpecFor(workload: Workload, baseDir: string): LaunchSpec {
  return {
    argv: programArgv(workload, baseDir),
    cwd: resolve(baseDir, workload.cwd ?? '.'),
    env: { ...inheritedEnv(), ...workload.env },
  };
}
