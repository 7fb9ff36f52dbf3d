/**
 * The root of the perfsuite package (the folder of its package.json), for the files it ships beside
 * its code: the agent, the assets, the demo, the bench harness. Found by walking up from this
 * module, so it is the same whether the code runs from src/ (tests), from dist/, or from the CLI's
 * bundle, which sits at another depth.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function rootAbove(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`perfsuite's package.json was not found above ${file}`);
  }
}

export const PACKAGE_ROOT = rootAbove(fileURLToPath(import.meta.url));

/** A file of the package, by its path from the root: `inPackage('dist', 'agent', 'preload.cjs')`. */
export const inPackage = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
