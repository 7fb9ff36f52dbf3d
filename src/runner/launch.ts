/**
 * Turns a configured workload into what to start: a script runs in a fresh Node process, a command
 * runs as its argv. TypeScript needs no build step: it is transpiled ahead of the run and runs as the
 * JavaScript it would ship as (typescript/), or, with `typescript: 'tsx'`, through tsx's loader,
 * whose argv every launch keeps as its description and fallback.
 */
import { resolve } from 'node:path';
import type { Workload } from '../config/schema.js';
import { type LaunchSpec, shippedSpec } from './run-process.js';
import { tsxLoaderUrl } from './tsx.js';

import { TYPESCRIPT_FILE } from './typescript/module-kind.js';

/** The Node argv for a script: `node [--import tsx] script args...`. */
export function nodeArgvFor(script: string, args: string[]): string[] {
  return [
    process.execPath,
    ...(TYPESCRIPT_FILE.test(script) ? ['--import', tsxLoaderUrl] : []),
    script,
    ...args,
  ];
}

type Program = Pick<Workload, 'script' | 'command' | 'args'> & Partial<Pick<Workload, 'typescript'>>;

/** The argv of a configured program (a workload, a journey step, a sweep): its script or its command, then its args. */
export function programArgv(program: Program, baseDir: string): string[] {
  return program.script
    ? nodeArgvFor(resolve(baseDir, program.script), program.args)
    : [...(program.command ?? []), ...program.args];
}

/** The TypeScript script of a program that runs transpiled, if it has one. */
function shippedScriptOf(program: Program, baseDir: string): string | undefined {
  const script = program.script && resolve(baseDir, program.script);
  return script && TYPESCRIPT_FILE.test(script) && program.typescript !== 'tsx' ? script : undefined;
}

/** programArgv with its TypeScript already transpiled: for a caller that spawns by argv alone (journeys). */
export async function shippedProgramArgv(program: Program, baseDir: string): Promise<string[]> {
  const script = shippedScriptOf(program, baseDir);
  const argv = programArgv(program, baseDir);
  if (!script) return argv;
  const spec = await shippedSpec({ argv, cwd: baseDir, env: {}, shipTypeScript: script }, (line) =>
    process.stderr.write(`${line}\n`),
  );
  return spec.argv;
}

/** Our environment as a plain record: what every child starts from before its own `env`. */
export function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return env;
}

export function launchSpecFor(
  workload: Program & Pick<Workload, 'cwd' | 'env'>,
  baseDir: string,
): LaunchSpec {
  const script = shippedScriptOf(workload, baseDir);
  return {
    argv: programArgv(workload, baseDir),
    cwd: resolve(baseDir, workload.cwd ?? '.'),
    env: { ...inheritedEnv(), ...workload.env },
    ...(script ? { shipTypeScript: script } : {}),
  };
}
