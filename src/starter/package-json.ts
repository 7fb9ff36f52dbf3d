/**
 * What `profile init` reads of a project's package.json: its name, entry points, scripts and
 * dependencies. A missing or broken package.json is an empty one: init still writes a config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackageJson {
  name?: string;
  type?: string;
  main?: string;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The package.json of `dir`, or `{}` when there is none or it is not JSON. */
export function readPackageJson(dir: string): PackageJson {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as PackageJson) : {};
  } catch {
    return {};
  }
}

/** Every package it depends on, dev dependencies too. */
export function dependencyNames(pkg: PackageJson): Set<string> {
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
}

/** Its executables, `[command name, file]`; a string `bin` is named after the package. */
export function binEntries(pkg: PackageJson): [string, string][] {
  if (typeof pkg.bin === 'string') return [[(pkg.name ?? 'bin').replace(/^@[^/]*\//, ''), pkg.bin]];
  return Object.entries(pkg.bin ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}
