/**
 * JavaScript literals as a person writes them in a config (`{ script: 'index.js', args: ['--help'] }`),
 * for the workloads `profile init` writes: single quotes, bare keys where they are identifiers.
 */

/** A single-quoted string literal. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** A string, number, boolean, array or plain object (of those) on one line. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v)}`).join(', ')} }`;
  }
  throw new TypeError(`no literal for ${String(value)}`);
}

/** `name: { ... },` as an object entry. */
export function entry(name: string, value: unknown): string {
  return `${key(name)}: ${literal(value)},`;
}
