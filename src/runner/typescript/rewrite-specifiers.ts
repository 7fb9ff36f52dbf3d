/**
 * What esbuild's transpiling leaves for Node to resolve, made resolvable without a loader: each
 * import of a file of the program points at that file's output by its exact relative name (an
 * extensionless `./lib`, `./lib.ts` or a tsconfig path alias all become `./lib.js`), and a worker or
 * child script named the way bundlers recognise, `new URL('./task.ts', import.meta.url)`, points at
 * the task's output. esbuild prints every string literal of its output in double quotes.
 */
import { dirname, relative, resolve } from 'node:path';
import type { ResolvedImport } from './discover.js';
import { outputNameOf, TYPESCRIPT_FILE } from './module-kind.js';

/** `import ... from "x"`, `export ... from "x"`, `import "x"`, `import("x")`, `require("x")`. */
const IMPORT_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)"([^"\n]+)"/g;
/** `new URL('./task.ts', import.meta.url)`, in the source (either quote) or esbuild's output. */
const SCRIPT_URL =
  /(\bnew\s+URL\s*\(\s*)(["'])(\.{1,2}\/[^"'\n]+\.(?:m|c)?tsx?)\2(\s*,\s*import\.meta\.url\s*\))/g;

/** `to` as a specifier relative to the folder of `from`, always starting with `./` or `../`. */
function relativeSpecifier(from: string, to: string): string {
  const path = relative(dirname(from), to);
  return path.startsWith('../') ? path : `./${path}`;
}

/** The file an import reaches once shipped: a TypeScript file's output, any other file itself. */
const shippedName = (file: string): string => (TYPESCRIPT_FILE.test(file) ? outputNameOf(file) : file);

export function rewriteImports(code: string, file: string, imports: readonly ResolvedImport[]): string {
  if (imports.length === 0) return code;
  const bySpecifier = new Map(
    imports.map((i) => [i.specifier, relativeSpecifier(file, shippedName(i.file))]),
  );
  return code.replace(IMPORT_SPECIFIER, (whole, lead: string, specifier: string) => {
    const shipped = bySpecifier.get(specifier);
    return shipped === undefined ? whole : `${lead}${JSON.stringify(shipped)}`;
  });
}

/** The TypeScript scripts `code` (of `file`) starts by URL, as absolute paths. */
export function scriptUrlsIn(code: string, file: string): string[] {
  return [...code.matchAll(SCRIPT_URL)].map((m) => resolve(dirname(file), m[3] as string));
}

/** Those URLs of `file`'s output pointed at the outputs of the scripts that are in `emitted`. */
export function rewriteScriptUrls(code: string, file: string, emitted: ReadonlySet<string>): string {
  return code.replace(SCRIPT_URL, (whole, lead: string, _quote: string, specifier: string, tail: string) =>
    emitted.has(resolve(dirname(file), specifier))
      ? `${lead}${JSON.stringify(outputNameOf(specifier))}${tail}`
      : whole,
  );
}
