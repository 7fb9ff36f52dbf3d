/**
 * Golden files of the SVG flamegraph: each expected SVG sits beside its folded input in
 * test/golden/flamegraph/, named after the input and the options (`simple.inverted.svg`). After an
 * intended change, regenerate them with `PERFSUITE_BLESS=1 npx vitest run test/render` and review
 * the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromFolded } from '../../src/model/folded.js';
import type { Profile } from '../../src/model/profile.js';
import {
  type FlamegraphOptions,
  renderDiffFlamegraph,
  renderFlamegraph,
} from '../../src/render/flamegraph/index.js';

const dir = new URL('../golden/flamegraph/', import.meta.url);
const bless = process.env.PERFSUITE_BLESS === '1';

function load(name: string): Profile {
  const profile = fromFolded(readFileSync(new URL(name, dir), 'utf8'), name);
  if (profile === null) throw new Error(`${name} is not folded stacks`);
  return profile;
}

function expectGolden(name: string, svg: string): void {
  const url = new URL(name, dir);
  if (bless) {
    writeFileSync(url, svg);
    return;
  }
  if (!existsSync(url))
    throw new Error(`golden file ${url.pathname} is missing: run with PERFSUITE_BLESS=1 to create it`);
  expect(svg, `${name} differs; if the change is intended, rerun with PERFSUITE_BLESS=1`).toBe(
    readFileSync(url, 'utf8'),
  );
}

const cases: [string, string, Partial<FlamegraphOptions>][] = [
  ['simple.svg', 'simple.folded', {}],
  ['simple.inverted.svg', 'simple.folded', { inverted: true, title: 'Simple, inverted' }],
  ['simple.min-width-20.svg', 'simple.folded', { minWidthPx: 20 }],
  ['simple.width-600.svg', 'simple.folded', { width: 600 }],
  ['hostile.svg', 'hostile.folded', { title: '<title>&"\'</title>' }],
];

describe('flamegraph golden files', () => {
  it.each(cases)('%s', (golden, input, options) => {
    expectGolden(golden, renderFlamegraph(load(input), options));
  });

  it('diff.svg', () => {
    expectGolden('diff.svg', renderDiffFlamegraph(load('diff.base.folded'), load('diff.new.folded')));
  });
});
