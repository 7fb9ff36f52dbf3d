/**
 * Markdown text helpers shared by every Markdown report (memory_summary.md, performance_report_*.md):
 * anything in them that comes from the profiled program or the config (function names, paths, suite
 * names) may hold `|`, `*`, `<`, backticks or newlines, which would break a table or turn into markup.
 */
import { relative, sep } from 'node:path';

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Text with Markdown and HTML specials backslash-escaped, on one line (safe in a table cell). Kept
 * readable where GFM cannot misread it: an underscore inside a word (`leaky_cache`) starts no
 * emphasis, and a `<` not followed by a letter, `/`, `!` or `?` (`<= 50 MB`) starts no HTML tag.
 */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<|]/g, (c, at: number, all: string) => {
    const before = all[at - 1] ?? '';
    const after = all[at + 1] ?? '';
    if (c === '_' && wordChar.test(before) && wordChar.test(after)) return c;
    if (c === '<' && !/[A-Za-z/!?]/.test(after)) return c;
    return `\\${c}`;
  });
}

/** A code span that survives any backticks in `text`, with `|` escaped for tables (GFM reads `\|` there). */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat.replaceAll('|', '\\|')}${pad}${fence}`;
}

/** A link target relative to `fromDir`, with forward slashes and the characters Markdown links trip on encoded. */
export function mdHref(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join('/');
  return encodeURI(rel).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A GitHub-flavoured table; cells must already be escaped. */
export function mdTable(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}
