/**
 * The report page's HTML (html.ts): a golden file of the example page, with stand-ins for the
 * bundled script and style so that the golden changes only when the markup does; and the escaping
 * of everything that comes from data. Regenerate the golden with
 * `PERFSUITE_BLESS=1 npx vitest run src/report/html.test.ts` and review the diff.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/support/golden.js';
import { examplePage, HOSTILE, hostilePage } from '../../test/support/report-example.js';
import { contentSecurityPolicy, renderReportHtml, withoutCharts } from './html.js';
import { hrefOfPath, inlineScript, jsonForHtml } from './html-escape.js';

const golden = new URL('../../test/golden/report/example.html', import.meta.url);
const assets = { js: 'window.reportScript = 1;', css: 'body { color: #222; }' };

/** The text of every `<script>` element, in order. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
}

describe('renderReportHtml', () => {
  it('writes the example page as the golden file says', () => {
    const { data, flames } = examplePage();
    expectGolden(golden, renderReportHtml(data, flames, assets));
  });

  it('embeds the data for the script, parsed back unchanged, without repeating the charts', () => {
    const { data, flames } = examplePage();
    const html = renderReportHtml(data, flames, assets);
    const json = (id: string) => {
      const match = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`).exec(html);
      return JSON.parse(match?.[1] ?? 'null');
    };
    expect(json('page-data')).toEqual(withoutCharts(data));
    expect(json('page-data').memory[0].chartSvg).toBeUndefined();
    expect(json('data-cpu-0')).toEqual(flames.get('cpu-0'));
    expect(json('data-heap-0')).toEqual(flames.get('heap-0'));
  });

  it('allows no request and no script but its own, by hash', () => {
    const { data, flames } = examplePage();
    const html = renderReportHtml(data, flames, assets);
    const own = scripts(html).at(-1) as string;
    expect(own).toBe(assets.js);
    const hash = createHash('sha256').update(own).digest('base64');
    expect(html).toContain(`content="default-src &#39;none&#39;; script-src &#39;sha256-${hash}&#39;;`);
    expect(contentSecurityPolicy(own)).toContain("img-src data:; base-uri 'none'; form-action 'none'");
  });

  it('keeps every hostile string data: escaped in markup, \\u-escaped in JSON', () => {
    const { data, flames } = hostilePage();
    const html = renderReportHtml(data, flames, assets);
    // Only our own elements: three JSON blobs and the script, one <style>, and no <img> at all.
    expect(scripts(html)).toHaveLength(4 + 1);
    expect(html.match(/<img/g)).toBeNull();
    expect(html.match(/<b>/g)).toBeNull();
    expect(html).toContain('&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.pwned=2&lt;/script&gt;');
    // The link whose path looks like a javascript: URL stays a relative path.
    expect(html).toContain('href="javascript%3Awindow.pwned%3D5"');
    // JSON: no raw <, > or &, and the U+2028 of a name escaped; it parses back to the names.
    const [page, , , hostile] = scripts(html);
    for (const blob of scripts(html).slice(0, 4)) expect(blob).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(hostile as string).frames.map((f: string[]) => f[0])).toEqual([
      HOSTILE.name,
      HOSTILE.endScript,
      HOSTILE.quotes,
    ]);
    expect(JSON.parse(page as string).cpu[1].links[3]).toEqual({
      label: HOSTILE.quotes,
      href: 'javascript:window.pwned=5',
    });
  });

  it('says so when a section has no flamegraph data', () => {
    const { data, flames } = examplePage();
    flames.delete('cpu-0');
    const html = renderReportHtml(data, flames, assets);
    expect(html).toContain('No flamegraph data for this workload.');
    expect(html).not.toContain('id="data-cpu-0"');
  });

  it('reads with nothing in the directory', () => {
    const html = renderReportHtml(
      {
        version: 1,
        generatedAt: '2026-12-01T10:20:30.000Z',
        outDir: '.',
        cpu: [],
        doctor: [],
        heap: [],
        memory: [],
        history: { runs: [], series: [], moved: [], rule: '' },
        unreadable: [],
      },
      new Map(),
      assets,
    );
    expect(html).toContain('No CPU profiles in this directory');
    expect(html).toContain('No validation report in this directory');
    expect(html).toContain('No run history yet');
    expect(html).toContain('Every file was read.');
  });
});

describe('escaping helpers', () => {
  it('jsonForHtml escapes what could end or confuse a script element', () => {
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const json = jsonForHtml(value);
    expect(json).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('inlineScript cannot be ended by text inside the bundle', () => {
    expect(inlineScript('a="</script>";b="<!--";c="</SCRIPT "')).toBe(
      'a="<\\/script>";b="<\\!--";c="<\\/SCRIPT "',
    );
  });

  it('hrefOfPath encodes each segment and keeps the path relative', () => {
    expect(hrefOfPath('../flamegraphs/demo/a b#1?.svg')).toBe('../flamegraphs/demo/a%20b%231%3F.svg');
    expect(hrefOfPath('javascript:alert(1)')).toBe('javascript%3Aalert(1)');
    expect(hrefOfPath('..\\profiles\\x%y.folded')).toBe('../profiles/x%25y.folded');
    expect(hrefOfPath('//evil.example/x')).toBe('/evil.example/x');
  });
});
