/**
 * Maps generated locations (TypeScript run by tsx, bundled JS) back to their original file and line
 * through Node's own source-map cache (`module.findSourceMap`). @datadog/pprof's SourceMapper only
 * reads `.map` files from disk, so it cannot see the inline maps tsx produces in memory; this object
 * has the same `mappingInfo` shape and is handed to the profiler in its place.
 */
import { findSourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';

interface GeneratedLocation {
  file: string;
  line: number;
  column: number;
  name: string;
}

function lookup(file: string) {
  try {
    return (
      findSourceMap(file) ?? (file.startsWith('/') ? findSourceMap(pathToFileURL(file).href) : undefined)
    );
  } catch {
    return undefined;
  }
}

export const nodeSourceMapper = {
  mappingInfo(location: GeneratedLocation): GeneratedLocation {
    if (!location.file || location.file.startsWith('node:')) return location;
    const map = lookup(location.file);
    if (!map) return location;
    const entry = map.findEntry(location.line - 1, Math.max(0, location.column - 1)) as {
      originalSource?: string;
      originalLine?: number;
      originalColumn?: number;
      name?: string;
    };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return location;
    const source = entry.originalSource.startsWith('file://')
      ? new URL(entry.originalSource).pathname
      : entry.originalSource;
    return {
      file: source,
      line: entry.originalLine + 1,
      column: (entry.originalColumn ?? 0) + 1,
      name: location.name || entry.name || '',
    };
  },
};
