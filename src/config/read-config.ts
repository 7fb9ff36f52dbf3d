/**
 * Finds and loads the configuration: `--config PATH`, else the first `profile.config.{ts,mts,mjs,js,json}`
 * found walking up from the working directory, else the built-in demo. TypeScript configs load
 * through tsx, so they need no build step; `perfsuite` in them resolves to the running perfsuite when
 * the project has none of its own (fallback-resolve.ts). Validation errors name the file and the key path.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { inPackage } from '../util/package-root.js';
import { UserError } from '../util/user-error.js';
import { fallBackToThisPerfsuite } from './fallback-resolve.js';
import { type Config, configSchema } from './schema.js';

export const CONFIG_NAMES = [
  'profile.config.ts',
  'profile.config.mts',
  'profile.config.mjs',
  'profile.config.js',
  'profile.config.json',
];

/** The demo project's config, used when a project has none of its own. */
export const DEMO_CONFIG = inPackage('examples', 'demo', 'profile.config.ts');

export interface ProjectConfig {
  config: Config;
  /** Absolute path of the file it came from. */
  path: string;
  /** Directory that relative paths in the config are resolved against. */
  baseDir: string;
  isDemo: boolean;
}

/** The nearest config file at or above `from`, if any. */
export function findConfig(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function importConfigModule(path: string): Promise<unknown> {
  if (path.endsWith('.json')) return JSON.parse(await readFile(path, 'utf8'));
  // `import 'perfsuite'` in the config: the project's own copy, else this one.
  fallBackToThisPerfsuite();
  const mod = /\.[mc]?ts$/.test(path)
    ? await (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url)
    : await import(pathToFileURL(path).href);
  const value = (mod as { default?: unknown }).default ?? mod;
  // tsx may wrap a default export once more.
  return (value as { default?: unknown })?.default ?? value;
}

/** "suites.demo.workloads.x.timeout: must be a positive number of seconds" for each issue. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `  ${key}: ${issue.message}`;
    })
    .join('\n');
}

export async function readConfigFile(path: string, isDemo = false): Promise<ProjectConfig> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new UserError(`config file ${absolute} does not exist`);
  let raw: unknown;
  try {
    raw = await importConfigModule(absolute);
  } catch (error) {
    throw new UserError(`could not load ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(`invalid config in ${absolute}:\n${formatIssues(parsed.error)}`);
  }
  return { config: parsed.data, path: absolute, baseDir: dirname(absolute), isDemo };
}

/** `--config` wins; then the nearest file upward; then the built-in demo. */
export async function readConfig(options: { configPath?: string; cwd?: string }): Promise<ProjectConfig> {
  if (options.configPath) return readConfigFile(options.configPath);
  const found = findConfig(options.cwd ?? process.cwd());
  return found ? readConfigFile(found) : readConfigFile(DEMO_CONFIG, true);
}
