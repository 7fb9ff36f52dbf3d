/**
 * Finds the line of a key path (`scenarios[2].steps[0].op`) in TOML source text.
 *
 * smol-toml returns plain values without source positions, so messages about a *valid* document
 * (lint rules, schema issues) would otherwise have no line. This scans headers (`[[scenarios]]`,
 * `[scenarios.steps]`) and `key =` lines in order; it is "line-ish": for inline tables or dotted
 * keys it falls back to the closest enclosing line it did find.
 */

/** One segment of a key path: a table key or an index into an array of tables. */
export type PathSegment = string | number;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 1-based line where `path` is defined in `source`; 1 when nothing matches (the file itself). */
export function lineOfPath(source: string, path: readonly PathSegment[]): number {
  const lines = source.split(/\r?\n/);
  let from = 0;
  let found = 0;
  const tablePath: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment !== 'string') continue;
    tablePath.push(segment);
    const next = path[i + 1];
    const dotted = tablePath.map(escapeRegExp).join('\\s*\\.\\s*');
    if (typeof next === 'number') {
      // An array of tables: the (next + 1)-th `[[a.b]]` header after the current position.
      const header = new RegExp(`^\\s*\\[\\[\\s*${dotted}\\s*\\]\\]`);
      const at = nthMatch(lines, header, from, next + 1);
      if (at === undefined) return fallback(lines, segment, from, found);
      from = at + 1;
      found = at + 1;
      continue;
    }
    const header = new RegExp(`^\\s*\\[\\s*${dotted}\\s*\\]`);
    const key = new RegExp(`^\\s*["']?${escapeRegExp(segment)}["']?\\s*=`);
    const at = keyInCurrentTable(lines, key, from) ?? nthMatch(lines, header, from, 1);
    if (at === undefined) return found || 1;
    from = at + 1;
    found = at + 1;
  }
  return found || 1;
}

function nthMatch(lines: readonly string[], pattern: RegExp, from: number, n: number): number | undefined {
  let seen = 0;
  for (let i = from; i < lines.length; i++) {
    if (pattern.test(lines[i] ?? '') && ++seen === n) return i;
  }
  return undefined;
}

/** A `key =` line before the next table header: a key of the table that starts at `from`. */
function keyInCurrentTable(lines: readonly string[], key: RegExp, from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*\[/.test(line)) return undefined;
    if (key.test(line)) return i;
  }
  return undefined;
}

/** An inline array (`services = [...]`) has no headers: point at its key instead. */
function fallback(lines: readonly string[], key: string, from: number, found: number): number {
  const at = keyInCurrentTable(lines, new RegExp(`^\\s*${escapeRegExp(key)}\\s*=`), from);
  return at === undefined ? found || 1 : at + 1;
}
