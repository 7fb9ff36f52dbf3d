/**
 * Golden files of the SVG flamegraph: each expected SVG sits beside its folded input in
 * test/golden/flamegraph/, named after the input and the options (`simple.inverted.svg`). After an
 * intended change, regenerate them with `PERFSUITE_BLESS=1 npx vitest run test/render` and review
 * the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { fromFolded } from '../../src/model/folded.js';
import type { Profile } from '../../src/model/profile.js';
import {
  type FlamegraphOptions,
  renderDiffFlamegraph,
  renderFlamegraph,
} from '../../src/render/flamegraph/index.js';
import { expectGolden } from '../support/golden.js';

const dir = new URL('../golden/flamegraph/', import.meta.url);

function load(name: string): Profile {
  const profile = fromFolded(readFileSync(new URL(name, dir), 'utf8'), name);
  if (profile === null) throw new Error(`${name} is not folded stacks`);
  return profile;
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
    expectGolden(new URL(golden, dir), renderFlamegraph(load(input), options));
  });

  it('diff.svg', () => {
    expectGolden(
      new URL('diff.svg', dir),
      renderDiffFlamegraph(load('diff.base.folded'), load('diff.new.folded')),
    );
  });
});
