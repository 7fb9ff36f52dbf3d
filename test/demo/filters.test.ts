/** The demo's `slug` filter: its ids, the same from its deliberately slow variant, and its use in the fixture. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slowFilterEnabled, slugFilter } from '../../examples/demo/src/lib/filters.js';
import { renderTestFile } from '../../examples/demo/src/lib/pipeline.js';
import { loadProject } from '../../examples/demo/src/lib/project.js';
import { createRenderer } from '../../examples/demo/src/lib/render.js';
import { FIXTURE_PROJECT } from './helpers.js';

describe('slug', () => {
  const slug = slugFilter(false);

  it.each([
    ['cart total', 'cart-total'],
    ['Cart Total (EUR)', 'cart-total-eur'],
    ['Crème brûlée — ÉTÉ', 'creme-brulee-ete'],
    ['  --a__b--  ', 'a-b'],
    ['', ''],
  ])('%j is %j', (name, id) => {
    expect(slug(name)).toBe(id);
  });

  it('gives the same ids slowly (DEMO_SLOW_FILTER=1 only costs time)', () => {
    expect(slugFilter(true)('Cart Total (EUR)')).toBe('cart-total-eur');
  });

  it('is slow only when DEMO_SLOW_FILTER is 1', () => {
    expect(slowFilterEnabled({ DEMO_SLOW_FILTER: '1' })).toBe(true);
    expect(slowFilterEnabled({ DEMO_SLOW_FILTER: '0' })).toBe(false);
    expect(slowFilterEnabled({})).toBe(false);
  });

  it('anchors every scenario of the fixture suite template', () => {
    const project = loadProject(FIXTURE_PROJECT);
    const file = path.join(FIXTURE_PROJECT, 'tests', 'checkout.toml');
    const { output } = renderTestFile(project, createRenderer(project.templatesDir), file, { write: false });
    expect(output).toContain('<a id="cart-total"></a>\n### 1. cart total [pricing]');
    expect(output).toContain('<a id="payment"></a>\n### 2. payment [payments, slow]');
  });
});
