/**
 * The controls above a flamegraph: reset, search with its matched share, the inverted view and the
 * kind filter with each kind's share of self time; and the details line under them. DOM only; the
 * view (flame-view.ts) wires them.
 */
import { frameKindLabels } from '../../src/render/flamegraph/classify.js';
import { kindSwatchColor } from '../../src/render/flamegraph/palette.js';
import { FRAME_KINDS } from '../../src/report/page-data.js';
import { element } from './dom.js';
import { percent } from './format.js';

/** What the hint says while no frame is hovered. */
export const DETAILS_HINT = 'Hover a frame for details; click to zoom into it.';

export interface FlameControls {
  root: HTMLElement;
  reset: HTMLButtonElement;
  search: HTMLInputElement;
  matched: HTMLElement;
  inverted: HTMLInputElement;
  kinds: HTMLInputElement[];
  details: HTMLElement;
  chart: HTMLElement;
  note: HTMLElement;
}

/** Builds the controls for one graph; `shares` are the kinds' shares of self time, in FRAME_KINDS order. */
export function buildControls(shares: readonly number[]): FlameControls {
  const root = element('div', { class: 'flame-view' });
  const bar = element('div', { class: 'flame-controls' });
  const reset = element('button', { type: 'button', class: 'reset' }, 'Reset zoom');
  const search = element('input', {
    type: 'search',
    class: 'search',
    placeholder: 'Search: text or /regex/',
    'aria-label': 'Search frames by name or file',
  });
  const matched = element('span', { class: 'matched', 'aria-live': 'polite' });
  const invertedLabel = element('label', { class: 'toggle' });
  const inverted = element('input', { type: 'checkbox', class: 'inverted' });
  invertedLabel.append(inverted, ' Inverted: callers first');
  bar.append(reset, search, matched, invertedLabel);

  // Unchecked kinds drop out of the stacks (kind-filter.ts says why); the legend says so too.
  const kindsBox = element('fieldset', { class: 'kinds' });
  kindsBox.title =
    'An unchecked kind drops out of the stacks: its callees move up to their nearest shown caller, its own time stays in that caller.';
  kindsBox.append(element('legend', {}, 'Kinds (share of self time)'));
  const kinds = FRAME_KINDS.map((kind, index) => {
    const label = element('label', { class: `kind kind-${kind}` });
    const box = element('input', { type: 'checkbox', 'data-kind': kind });
    box.checked = true;
    const swatch = element('span', { class: 'swatch' });
    swatch.style.background = kindSwatchColor(kind);
    const text = element(
      'span',
      { class: 'kind-share' },
      `${frameKindLabels[kind]} ${percent(shares[index] ?? 0)}`,
    );
    label.append(box, swatch, text);
    kindsBox.append(label);
    return box;
  });

  const details = element('p', { class: 'details' }, DETAILS_HINT);
  const chart = element('div', { class: 'flame-chart' });
  const note = element('p', { class: 'note view-note' });
  root.append(bar, kindsBox, details, chart, note);
  return { root, reset, search, matched, inverted, kinds, details, chart, note };
}
