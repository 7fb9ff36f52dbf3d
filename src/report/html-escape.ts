/**
 * What the report page's writer needs to put data into HTML safely: text, attributes, JSON inside
 * a `<script type="application/json">`, inlined script and style, and links made from file paths.
 * Every string of PageData passes through one of these; only chart SVGs (our own renderers') do not.
 */
import { escapeXml } from '../render/flamegraph/escape.js';

/** Text safe as element content and inside a quoted attribute (the SVG renderer's escaping). */
export const escapeHtml = escapeXml;

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` as \u escapes so that no
 * `</script>` or `<!--` can appear, and U+2028/U+2029 too (line breaks to older JavaScript parsers).
 * JSON.parse reads it back unchanged.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Our bundled script, safe inside `<script>`: `</script` and `<!--` cannot end or confuse the
 * element. In a bundle they can only sit in strings or regular expressions, where `<\/` and `<\!`
 * mean the same characters. (scripts/build-report.mjs refuses a bundle with them anyway.)
 */
export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** Our style sheet, safe inside `<style>`. In CSS `\/` is `/`. */
export function inlineStyle(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

/**
 * A relative path (as PageData gives links: `../flamegraphs/s/w.svg`) as an href: each segment
 * percent-encoded, so `#`, `?`, `%` and spaces in names still reach the file and a segment like
 * `javascript:x` cannot become a scheme; `.` and `..` stay. Backslashes count as separators.
 */
export function hrefOfPath(path: string): string {
  const href = path
    .split(/[\\/]/)
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
  // `//x` would name a host rather than a folder.
  return href.replace(/^\/{2,}/, '/');
}
