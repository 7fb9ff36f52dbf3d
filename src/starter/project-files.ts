/**
 * Whether the files and programs a proposed workload names are there: `profile init` never writes
 * a workload that cannot start. A compiled file that is not built yet (`dist/index.js`) is run from
 * its TypeScript source instead (`src/index.ts`), which perfsuite runs through tsx with no build.
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join, normalize, resolve } from 'node:path';

/** `file` relative to the project, as a config writes it: forward slashes, no leading `./`. */
export function projectPath(file: string): string {
  return normalize(file).replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Whether `file` (relative to `dir`) is a file. */
export function isFile(dir: string, file: string): boolean {
  try {
    return statSync(resolve(dir, file)).isFile();
  } catch {
    return false;
  }
}

/** Folders compiled output usually goes to, each with where its sources usually are. */
const OUTPUT_DIRS = ['dist', 'build', 'lib', 'out'];
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/**
 * The TypeScript source of a compiled file that does not exist: `dist/x.js` → `src/x.ts` (or
 * `x.ts`, or `dist/x.ts`), the first that exists; undefined when none does.
 */
export function typeScriptSource(dir: string, file: string): string | undefined {
  const path = projectPath(file);
  const ext = /\.[cm]?js$/.exec(path)?.[0];
  if (!ext) return undefined;
  const stem = path.slice(0, -ext.length);
  const [top, ...rest] = stem.split('/');
  const stems = [stem];
  if (top && OUTPUT_DIRS.includes(top) && rest.length > 0)
    stems.push(`src/${rest.join('/')}`, rest.join('/'));
  for (const candidate of stems) {
    for (const sourceExt of SOURCE_EXTENSIONS[ext] ?? []) {
      if (isFile(dir, candidate + sourceExt)) return candidate + sourceExt;
    }
  }
  return undefined;
}

/** Whether `program` can start: npm's and Node's own, one in node_modules/.bin, or one on PATH. */
export function programExists(dir: string, program: string): boolean {
  if (['node', 'npm', 'npx'].includes(program)) return true;
  if (program.includes('/')) return isFile(dir, program);
  if (existsSync(join(dir, 'node_modules', '.bin', program))) return true;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((folder) => folder && existsSync(join(folder, program)));
}
