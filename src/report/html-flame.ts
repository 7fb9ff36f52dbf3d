/**
 * The report page's flamegraph sections (CPU workloads and heap profiles), written server-side: a
 * `<details>` per workload whose summary, links, pruning note and top-function tables read without
 * any script; the page's script draws the flamegraph into `.flame-host` when the section is opened.
 */
import { formatValue } from '../model/format-value.js';
import { escapeHtml as esc, hrefOfPath } from './html-escape.js';
import type { FlameData, FlameSection, PageTopRow } from './page-data.js';

/** A share (fraction) as a percentage with two decimals. */
export function pct(share: number): string {
  return `${(Number.isFinite(share) ? share * 100 : 0).toFixed(2)}%`;
}

/** A flamegraph value in its unit; counts of a measure about objects are objects. */
function amount(value: number, flame: FlameData | undefined): string {
  if (flame === undefined) return '';
  if (flame.unit === 'count' && /object/i.test(flame.measure)) {
    return formatValue(value, Math.abs(value) === 1 ? 'object' : 'objects');
  }
  return formatValue(value, flame.unit);
}

function topTable(
  caption: string,
  rows: PageTopRow[],
  by: 'self' | 'total',
  flame: FlameData | undefined,
): string {
  if (rows.length === 0) return '';
  const cell = (value: number, share: number) => {
    const text = amount(value, flame);
    return `<td class="num">${esc(text === '' ? pct(share) : `${text} (${pct(share)})`)}</td>`;
  };
  const body = rows.map(
    (row) =>
      `<tr><td class="name">${esc(row.name)}</td><td class="name"><code>${esc(row.location)}</code></td>` +
      `${cell(row.self, row.selfShare)}${cell(row.total, row.totalShare)}</tr>`,
  );
  return (
    `<table class="top top-${by}"><caption>${esc(caption)}</caption>` +
    '<thead><tr><th>Function</th><th>Location</th><th class="num">Self</th><th class="num">Total</th></tr></thead>' +
    `<tbody>${body.join('')}</tbody></table>`
  );
}

/** The statement of what pruning left out, or '' when nothing was. */
export function prunedNote(flame: FlameData | undefined): string {
  if (flame === undefined || flame.pruned.nodes === 0) return '';
  const total = flame.nodes[1] ?? 0;
  const frames = flame.pruned.nodes === 1 ? '1 frame' : `${flame.pruned.nodes} frames`;
  return (
    `${frames} narrower than a pixel left out (${pct(total > 0 ? flame.pruned.value / total : 0)} of the total); ` +
    'their time is counted in their callers.'
  );
}

/** One workload's section. */
export function flameSection(section: FlameSection, flame: FlameData | undefined): string {
  const title = `${section.suite}/${section.workload}`;
  const state =
    section.state === undefined || section.state === 'ok'
      ? ''
      : ` <span class="state state-${esc(section.state)}">${esc(section.state)}</span>`;
  const size = flame === undefined ? 'no flamegraph data' : `${formatValue(section.bytes, 'bytes')} of data`;
  const sub = [section.subtitle, flame?.measure, size].filter((s) => s !== undefined && s !== '').join(' · ');
  const links = section.links.map((link) => `<a href="${esc(hrefOfPath(link.href))}">${esc(link.label)}</a>`);
  const note = prunedNote(flame);
  const measure = flame?.measure ?? 'value';
  return [
    `<details class="flame" id="${esc(section.id)}">`,
    `<summary><strong>${esc(title)}</strong>${state}<span class="sub">${esc(sub)}</span></summary>`,
    links.length > 0 ? `<p class="links">${links.join(' ')}</p>` : '',
    note === '' ? '' : `<p class="note pruned">${esc(note)}</p>`,
    flame === undefined
      ? '<p class="note">No flamegraph data for this workload.</p>'
      : '<div class="flame-host"><p class="no-script note">The interactive flamegraph needs JavaScript; the SVG file above works without it.</p></div>',
    '<div class="tops">',
    topTable(`Top functions by self ${measure}`, section.topSelf, 'self', flame),
    topTable(`Top functions by total ${measure}`, section.topTotal, 'total', flame),
    '</div>',
    '</details>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** A list of flamegraph sections, or what to say when there is none. */
export function flameSections(
  sections: FlameSection[],
  flames: Map<string, FlameData>,
  empty: string,
): string {
  if (sections.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  return sections.map((section) => flameSection(section, flames.get(section.id))).join('\n');
}
