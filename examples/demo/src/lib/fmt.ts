/**
 * Canonical TOML: parse, sort every table's keys, stringify with smol-toml. Arrays keep their
 * order (it is meaningful: steps run in order). Comments do not survive a parse, so `fmt` drops
 * them; the README says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'smol-toml';
import { parseToml } from './definition.js';

/** A copy of `value` whose plain objects have their keys in sorted order, at every depth. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (isPlainTable(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)]));
  }
  // Dates and TOML date-times are kept as they are.
  return value;
}

/** smol-toml builds tables with a null prototype; dates are class instances and stay as they are. */
function isPlainTable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** The canonical text of a TOML document. */
export function formatToml(text: string, file = '<input>'): string {
  const formatted = stringify(sortKeysDeep(parseToml(text, file)) as Record<string, unknown>);
  return formatted.endsWith('\n') ? formatted : `${formatted}\n`;
}

/** Formats files; with `check`, writes nothing. Returns the files whose text is not canonical. */
export function formatFiles(files: readonly string[], options: { check: boolean }): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const before = readFileSync(file, 'utf8');
    const after = formatToml(before, file);
    if (after === before) continue;
    changed.push(file);
    if (!options.check) writeFileSync(file, after);
  }
  return changed;
}
