/**
 * What Node makes of a TypeScript file once it is JavaScript: the name its output takes (`.ts` and
 * `.tsx` become `.js`, `.mts` `.mjs`, `.cts` `.cjs`) and so the module system it runs in, which for
 * `.js` is the nearest package.json's `type`, as for any shipped file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TYPESCRIPT_FILE = /\.(ts|mts|cts|tsx)$/;

export type ModuleFormat = 'esm' | 'cjs';

/** The JavaScript file a TypeScript file ships as, beside it. */
export function outputNameOf(file: string): string {
  return file.replace(/\.(m|c)?tsx?$/, (_, kind: string | undefined) => `.${kind ?? ''}js`);
}

/** The folder of the package.json nearest above `dir`: the package a file belongs to. */
export function packageDirOf(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'package.json'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

const typeOfDir = new Map<string, string | undefined>();

/** The `type` of the package.json nearest above `dir` (undefined when none says). */
function packageTypeAbove(dir: string): string | undefined {
  if (typeOfDir.has(dir)) return typeOfDir.get(dir);
  let type: string | undefined;
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = typeof parsed.type === 'string' ? parsed.type : 'commonjs';
  } catch (error) {
    const parent = dirname(dir);
    // A package.json that cannot be parsed ends the search, as it does for Node.
    type =
      (error as NodeJS.ErrnoException).code === 'ENOENT' && parent !== dir
        ? packageTypeAbove(parent)
        : undefined;
  }
  typeOfDir.set(dir, type);
  return type;
}

/** The module system `file`'s output runs in. */
export function formatOf(file: string): ModuleFormat {
  if (file.endsWith('.mts')) return 'esm';
  if (file.endsWith('.cts')) return 'cjs';
  return packageTypeAbove(dirname(file)) === 'module' ? 'esm' : 'cjs';
}
