/**
 * Maps generated locations (TypeScript run by tsx, bundled JS) back to their original file and line
 * through Node's own source-map cache (`module.findSourceMap`). @datadog/pprof's SourceMapper only
 * reads `.map` files from disk, so it cannot see the inline maps tsx produces in memory; this object
 * has the same `mappingInfo` shape and is handed to the profiler in its place.
 */
import { findSourceMap, type SourceMap } from 'node:module';
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

/** Where a generated 1-based position of `map`'s script came from; undefined when unmapped. */
export function originalPosition(
  map: SourceMap,
  line: number,
  column: number,
): { file: string; line: number; column: number; name?: string } | undefined {
  const entry = map.findEntry(line - 1, Math.max(0, column - 1)) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
    name?: string;
  };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  const file = entry.originalSource.startsWith('file://')
    ? new URL(entry.originalSource).pathname
    : entry.originalSource;
  return {
    file,
    line: entry.originalLine + 1,
    column: (entry.originalColumn ?? 0) + 1,
    ...(entry.name ? { name: entry.name } : {}),
  };
}

export const nodeSourceMapper = {
  mappingInfo(location: GeneratedLocation): GeneratedLocation {
    if (!location.file || location.file.startsWith('node:')) return location;
    const map = lookup(location.file);
    const original = map && originalPosition(map, location.line, location.column);
    if (!original) return location;
    return { ...original, name: location.name || original.name || '' };
  },
};
