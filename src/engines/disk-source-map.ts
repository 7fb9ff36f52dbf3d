/**
 * The source map of a script as it lies on disk, for a script whose process saved none: a worker
 * thread ended while parked (piscina's default parks idle threads in Atomics.wait, where no hook of
 * its own runs), so that the code it alone loaded (piscina's worker.js) would keep its generated
 * positions while the main thread's is mapped. The script names its map in its last
 * `//# sourceMappingURL=` comment, a file beside it or a data: URL, as Node itself reads it.
 * Read once per file; anything unreadable is no map.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The end of a script is enough to find its last comment; a map comment is at the very end. */
const TAIL_BYTES = 4096;
const MAP_COMMENT = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/;

function tailOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function mapText(url: URL): string {
  if (url.protocol !== 'data:') return readFileSync(url, 'utf8');
  const comma = url.pathname.indexOf(',');
  const data = url.pathname.slice(comma + 1);
  return /;base64$/.test(url.pathname.slice(0, comma))
    ? Buffer.from(data, 'base64').toString('utf8')
    : decodeURIComponent(data);
}

/** The payload of `file`'s map with its sources made absolute URLs (as Node's findSourceMap gives them). */
export function diskSourceMap(file: string): object | undefined {
  try {
    const scriptUrl = file.startsWith('file:') ? new URL(file) : pathToFileURL(file);
    const found = MAP_COMMENT.exec(tailOf(scriptUrl.pathname));
    if (!found) return undefined;
    const mapUrl = new URL(found[1] as string, scriptUrl);
    const payload = JSON.parse(mapText(mapUrl)) as { sources?: unknown; sourceRoot?: unknown };
    if (!Array.isArray(payload.sources)) return undefined;
    const root =
      typeof payload.sourceRoot === 'string' && payload.sourceRoot !== ''
        ? `${payload.sourceRoot.replace(/\/?$/, '/')}`
        : '';
    const base = mapUrl.protocol === 'data:' ? scriptUrl : mapUrl;
    return {
      ...payload,
      sourceRoot: undefined,
      sources: payload.sources.map((s) => new URL(`${root}${s}`, base).href),
    };
  } catch {
    return undefined;
  }
}
