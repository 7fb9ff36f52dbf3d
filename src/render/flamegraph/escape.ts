/**
 * Escaping for everything of the profile that ends up in the SVG: names, paths and titles come from
 * the profiled program and may hold `<script>`, `]]>`, quotes, ampersands or control characters.
 */

// Characters XML 1.0 does not allow at all (even escaped): C0 controls other than tab, LF and CR,
// lone surrogates, U+FFFE and U+FFFF. They are replaced so the document stays well-formed.
const invalidXmlChars =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the forbidden control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const markupChars = /[&<>"']/g;
const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Replaces characters that XML 1.0 forbids with U+FFFD, keeping everything else as it is. */
export function sanitizeXmlChars(text: string): string {
  return text.replace(invalidXmlChars, '\ufffd');
}

/** Text safe both as element content and inside a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return sanitizeXmlChars(text).replace(markupChars, (c) => entities[c] as string);
}

/**
 * Wraps text in a CDATA section. `]]>` is the only sequence that ends one, so each occurrence is
 * split across two sections; the parsed text is unchanged.
 */
export function cdata(text: string): string {
  return `<![CDATA[${sanitizeXmlChars(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * JSON that can sit inside a CDATA section and inside an HTML `<script>` if the SVG is inlined in a
 * page: `<`, `>` and `&` become \u escapes, so neither `]]>` nor `</script>` can appear.
 */
export function jsonForScript(value: unknown): string {
  return sanitizeXmlChars(JSON.stringify(value)).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
