/**
 * The flamegraph in a real browser: headless Chromium opens generated SVGs from file:// URLs and we
 * hover, click, search and read what it shows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Frame, ProfileBuilder } from '../../src/model/profile.js';
import { formatAmount } from '../../src/render/flamegraph/describe.js';
import { renderDiffFlamegraph, renderFlamegraph } from '../../src/render/flamegraph/index.js';
import { hasChromium, launchChromium, skipMessage } from './chromium.js';

if (!hasChromium) console.warn(skipMessage);

const main: Frame = { name: 'main', file: '/app/src/main.ts', line: 1 };
const alpha: Frame = { name: 'alpha', file: '/app/src/alpha.ts', line: 5 };
const inner: Frame = { name: 'inner', file: '/app/node_modules/dep/inner.js', line: 9 };
const zeta: Frame = { name: 'zeta', file: 'node:internal/zeta', line: 2 };

function profileOf(stacks: [Frame[], number][]) {
  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  for (const [frames, value] of stacks) {
    builder.addSample(
      frames.map((f) => builder.frameId(f)),
      [value],
    );
  }
  return builder.build();
}

// all 6 = main 6 = alpha 4 (self 1; inner 3) + zeta 2; document order: all, main, alpha, inner, zeta.
const simple = profileOf([
  [[main, alpha, inner], 3],
  [[main, alpha], 1],
  [[main, zeta], 2],
]);
const frameWidth = 1180; // default width 1200 minus 10 px on each side
const samples = (n: number) => formatAmount(n, { type: 'samples', unit: 'count' });

describe.skipIf(!hasChromium)('flamegraph in Chromium', () => {
  let browser: Browser;
  let dir: string;
  const files: Record<string, string> = {};

  function write(name: string, svg: string): string {
    const path = join(dir, name);
    writeFileSync(path, svg);
    files[name] = pathToFileURL(path).href;
    return files[name];
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-fg-browser-'));
    write('simple.svg', renderFlamegraph(simple));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    await page.waitForSelector('svg[data-ready="true"]', { state: 'attached' });
    return { page, errors };
  }

  // The <g class="f"> of a graph whose details start with `name`: "name (file:line): ...".
  function frame(page: Page, name: string, graph = 0) {
    return page
      .locator(`#frames-${graph} > g.f`)
      .filter({ has: page.locator('title', { hasText: new RegExp(`^${name} \\(`) }) });
  }

  async function width(page: Page, name: string, graph = 0): Promise<number> {
    return Number(await frame(page, name, graph).locator('rect').getAttribute('width'));
  }

  it('shows the full name, file:line, value, share and self share on hover', async () => {
    const { page, errors } = await open(files['simple.svg'] as string);
    await frame(page, 'alpha').locator('rect').hover();
    expect(await page.locator('#details').textContent()).toBe(
      `alpha (/app/src/alpha.ts:5): ${samples(4)}, 66.67% of total; self ${samples(1)}, 16.67%`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zooms into a clicked frame, keeps its callers, keeps the zoom in the URL and resets', async () => {
    const { page } = await open(files['simple.svg'] as string);
    expect(await width(page, 'alpha')).toBeCloseTo((frameWidth * 4) / 6, 1);
    await frame(page, 'alpha').locator('rect').click();
    expect(await width(page, 'alpha')).toBe(frameWidth);
    expect(await width(page, 'inner')).toBe((frameWidth * 3) / 4);
    expect(await width(page, 'main')).toBe(frameWidth); // a caller stays, full width, faded
    expect(await frame(page, 'main').getAttribute('class')).toContain('ancestor');
    expect(await frame(page, 'zeta').isVisible()).toBe(false);
    expect(new URL(page.url()).hash).toBe('#zoom=0.2');

    // The same URL opens the same view.
    const { page: shared } = await open(page.url());
    expect(await width(shared, 'alpha')).toBe(frameWidth);
    expect(await frame(shared, 'zeta').isVisible()).toBe(false);
    await shared.close();

    await page.locator('#reset').click();
    expect(await width(page, 'alpha')).toBeCloseTo((frameWidth * 4) / 6, 1);
    expect(await frame(page, 'zeta').isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toBe('');
    await page.close();
  });

  it('searches by substring and by regex, highlights matches and shows the matched share once', async () => {
    const { page } = await open(files['simple.svg'] as string);
    page.once('dialog', (dialog) => dialog.accept('inner'));
    await page.keyboard.press('/');
    expect(await page.locator('#matched').textContent()).toBe('Matched: 50.00% of the total');
    expect(await frame(page, 'inner').getAttribute('class')).toContain('match');
    const fill = await frame(page, 'inner')
      .locator('rect')
      .evaluate((rect) => getComputedStyle(rect).fill);
    expect(fill).toBe('rgb(230, 0, 230)');
    expect(new URL(page.url()).hash).toBe('#search=inner');

    // alpha contains inner: the share counts the nested match once (4/6, not 7/6).
    page.once('dialog', (dialog) => dialog.accept('/^(alpha|inner)$/'));
    await page.keyboard.press('Control+f');
    expect(await page.locator('#matched').textContent()).toBe('Matched: 66.67% of the total');
    expect(await frame(page, 'zeta').getAttribute('class')).not.toContain('match');

    // Matching a location: node_modules/dep is where inner lives.
    const { page: byUrl } = await open(
      `${files['simple.svg']}#search=${encodeURIComponent('/node_modules/dep/')}`,
    );
    expect(await byUrl.locator('#matched').textContent()).toBe('Matched: 50.00% of the total');
    await byUrl.close();

    await page.keyboard.press('Escape');
    expect(await page.locator('#matched').textContent()).toBe('');
    expect(await frame(page, 'inner').getAttribute('class')).not.toContain('match');
    await page.close();
  });

  it('colours a diff by change and keeps vanished frames in the BASE graph', async () => {
    const base = profileOf([
      [[main, alpha], 5],
      [[main, zeta], 5],
    ]);
    const next = profileOf([
      [[main, alpha], 9],
      [[main, inner], 1],
    ]);
    const url = write('diff.svg', renderDiffFlamegraph(base, next));
    const { page, errors } = await open(url);
    const rgb = async (name: string, graph: number) => {
      const fill = await frame(page, name, graph)
        .locator('rect')
        .evaluate((rect) => getComputedStyle(rect).fill);
      return (fill.match(/\d+/g) ?? []).map(Number);
    };
    const [ar, , ab] = await rgb('alpha', 0);
    expect(ar).toBeGreaterThan((ab as number) + 100); // 50% -> 90%: strong red
    expect(await frame(page, 'zeta', 0).count()).toBe(0); // gone from NEW ...
    const [zr, , zb] = await rgb('zeta', 1); // ... drawn in BASE's graph, blue
    expect(zb).toBeGreaterThan((zr as number) + 100);
    await frame(page, 'alpha').locator('rect').hover();
    expect(await page.locator('#details').textContent()).toBe(
      `alpha (/app/src/alpha.ts:5): before ${samples(5)} (50.00%), after ${samples(9)} (90.00%), delta +${samples(4)} (+40.00 points of total)`,
    );
    // Zooming one graph leaves the other alone.
    await frame(page, 'alpha', 1).locator('rect').click();
    expect(await width(page, 'alpha', 1)).toBe(frameWidth);
    expect(await width(page, 'alpha', 0)).toBeCloseTo(frameWidth * 0.9, 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('parses hostile names as text: no injected script runs, no XML breaks', async () => {
    const evil: Frame[] = [
      {
        name: '<script>window.pwned=1</script>',
        file: '/tmp/<img src=x onerror="window.pwned=2">.js',
        line: 1,
      },
      { name: ']]><script>window.pwned=3</script>' },
      { name: `"q" & 'a' <b>` },
    ];
    const svg = renderFlamegraph(profileOf([[evil, 1]]), { title: '</svg><script>window.pwned=4</script>' });
    const { page, errors } = await open(write('hostile.svg', svg));
    const parsed = await page.evaluate(
      (text) =>
        new DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length,
      svg,
    );
    expect(parsed).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(2);
    await page.locator('#frames-0 > g.f').nth(1).locator('rect').hover();
    expect(await page.locator('#details').textContent()).toBe(
      `<script>window.pwned=1</script> (/tmp/<img src=x onerror="window.pwned=2">.js:1): ${samples(1)}, 100.00% of total; self ${samples(0)}, 0.00%`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens an empty profile without script errors', async () => {
    const { page, errors } = await open(write('empty.svg', renderFlamegraph(profileOf([]))));
    expect(await page.locator('text=No samples to draw.').count()).toBe(1);
    page.once('dialog', (dialog) => dialog.accept('x'));
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders from the markup alone with scripts off and as an <img>', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(files['simple.svg'] as string);
    expect(await width(page, 'alpha')).toBeCloseTo((frameWidth * 4) / 6, 1);
    expect(await frame(page, 'inner').locator('text').textContent()).toBe('inner');
    expect(await page.locator('#reset').isVisible()).toBe(false); // controls need the script
    await context.close();

    writeFileSync(join(dir, 'img.html'), '<!doctype html><img id="g" src="simple.svg">');
    const imagePage = await browser.newPage();
    await imagePage.goto(pathToFileURL(join(dir, 'img.html')).href);
    await imagePage.waitForFunction(() => (document.getElementById('g') as HTMLImageElement).complete);
    expect(
      await imagePage.evaluate(() => (document.getElementById('g') as HTMLImageElement).naturalWidth),
    ).toBe(1200);
    await imagePage.close();
  });
});
