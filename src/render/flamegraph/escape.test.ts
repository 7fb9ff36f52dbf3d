import { describe, expect, it } from 'vitest';
import { cdata, escapeXml, jsonForScript, sanitizeXmlChars } from './escape.js';

describe('escaping', () => {
  it('escapes markup characters for content and attributes', () => {
    expect(escapeXml(`<script>alert("x" & 'y')</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    );
  });

  it('replaces characters XML forbids, keeps valid surrogate pairs', () => {
    expect(sanitizeXmlChars('a\u0000b\u0007c\td\ufffe')).toBe('a\ufffdb\ufffdc\td\ufffd');
    expect(sanitizeXmlChars('x\ud83d\ude00y')).toBe('x\ud83d\ude00y');
    expect(sanitizeXmlChars('lone \ud83d and \ude00')).toBe('lone \ufffd and \ufffd');
  });

  it('splits ]]> across CDATA sections without changing the text', () => {
    const wrapped = cdata('a]]>b]]>');
    expect(wrapped).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>');
    // Reading the sections back gives the original text.
    const text = [...wrapped.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
    expect(text).toBe('a]]>b]]>');
  });

  it('writes JSON that cannot close a CDATA section or a script element', () => {
    const json = jsonForScript({ name: ']]></script><script>alert(1)</script>&' });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json)).toEqual({ name: ']]></script><script>alert(1)</script>&' });
  });
});
