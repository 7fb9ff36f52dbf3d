/**
 * The program's own files and how each imports the next, as esbuild resolves them (tsconfig paths,
 * extensionless and `.js`-for-`.ts` specifiers, directory indexes): one bundling pass whose output is
 * thrown away and whose metafile is kept. Packages stay external: they run as installed.
 */
import { build, type Metafile } from 'esbuild';

/** One import of a file: the specifier as written and the file it resolved to. */
export interface ResolvedImport {
  specifier: string;
  file: string;
}

/** Every file reached from the entries (absolute paths), with its imports of other files of the program. */
export type ImportGraph = Map<string, ResolvedImport[]>;

const absolute = (metafilePath: string): string => `/${metafilePath}`;

export async function discoverProgram(entries: string[]): Promise<ImportGraph> {
  const { metafile } = await build({
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'esnext',
    outdir: '/perfsuite-discovery-out',
    // Metafile paths are relative to this: from the root, every path is the absolute one minus its slash.
    absWorkingDir: '/',
    logLevel: 'silent',
  });
  return graphOf(metafile);
}

function graphOf(metafile: Metafile): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    const imports: ResolvedImport[] = [];
    for (const imported of input.imports) {
      if (imported.external || imported.original === undefined) continue;
      imports.push({ specifier: imported.original, file: absolute(imported.path) });
    }
    graph.set(absolute(path), imports);
  }
  return graph;
}
