/**
 * One interactive flamegraph of the page: d3-flame-graph drawing a FlameData, with zoom (a click),
 * reset, search and its matched share, hover details, the inverted view and the kind filter. The
 * tree transforms are pure modules (kind-filter.ts, invert.ts, search.ts, draw-limit.ts); this file
 * wires them to the chart and the controls.
 */
import flamegraph, { type FlameGraph, type FlameHierarchyNode } from 'd3-flame-graph';
import { select } from 'd3-selection';
import { frameKindLabels } from '../../src/render/flamegraph/classify.js';
import { frameColor } from '../../src/render/flamegraph/palette.js';
import { type FlameData, FRAME_KINDS } from '../../src/report/page-data.js';
import { countDisplay, type DisplayNode, displayTree, expandDisplay } from './draw-limit.js';
import { buildControls, DETAILS_HINT, type FlameControls } from './flame-controls.js';
import { decodeFlameData, type FlameTree } from './flame-tree.js';
import { formatAmount, percent } from './format.js';
import { invertTree } from './invert.js';
import { filterKinds, kindShares, showsEverything } from './kind-filter.js';
import { frameMatcher, matchedShare, matchingFrames } from './search.js';

/** The search highlight: the SVG renderer's, a colour no kind uses. */
const MATCH_COLOR = '#e600e6';
const CELL_HEIGHT = 18;
/** Above this many drawn frames, zooming jumps instead of animating: a transition per frame costs. */
const ANIMATE_UP_TO = 2000;
/**
 * At most this many frames are drawn at once (draw-limit.ts): each costs d3-flame-graph five
 * elements and three listeners, about 0.15 ms to make and lay out in Chromium here. Measured on a
 * 100,000-frame section: 3,000 opens in 1.2-1.4 s, 5,000 in 1.5-1.8 s (the target is 2 s); 3,000
 * frames of at least a pixel still fill a 1,200 px graph.
 */
export const MAX_DRAWN = 3000;
/** Frames narrower than this at the current zoom are not worth an element. */
const MIN_PX = 0.5;

/** What the page (and its tests) can read of a drawn view. */
export interface FlameView {
  controls: FlameControls;
  /** Frames of the view's tree (filtered, inverted) and how many of them are drawn now. */
  frames(): { total: number; drawn: number };
}

/** What the details line says of a frame. */
type FrameFacts = Pick<DisplayNode, 'name' | 'file' | 'line' | 'frame' | 'kind' | 'value' | 'self'>;

/** The frame's name and where it is, as the SVG's details say it: "render (/app/x.ts:12)". */
export function frameLabel(node: FrameFacts): string {
  if (node.frame < 0 || node.file === '') return node.name;
  const file = node.file.startsWith('file://') ? node.file.slice('file://'.length) : node.file;
  return `${node.name} (${node.line > 0 ? `${file}:${node.line}` : file})`;
}

/** The hover details of a node: total and self with their shares of the whole, and its kind. */
export function frameDetails(
  node: FrameFacts,
  whole: number,
  data: Pick<FlameData, 'unit' | 'measure'>,
): string {
  const amount = (value: number) => formatAmount(value, data.unit, data.measure);
  const share = (value: number) => percent(whole > 0 ? value / whole : 0);
  const kind = FRAME_KINDS[node.kind];
  return (
    `${frameLabel(node)}: ${amount(node.value)}, ${share(node.value)} of total; ` +
    `self ${amount(node.self)}, ${share(node.self)}${kind ? ` · ${frameKindLabels[kind]}` : ''}`
  );
}

/** d3-flame-graph calls a tooltip's show and hide; this one leaves hover to the details line. */
const noTooltip = Object.assign(() => {}, {
  show: () => noTooltip,
  hide: () => noTooltip,
});

function colorOf(node: DisplayNode): string {
  return frameColor(FRAME_KINDS[node.kind] ?? 'root', node.name);
}

/** Draws `data` into `host` with its controls; the tree is decoded here, once. */
export function mountFlameView(host: HTMLElement, data: FlameData): FlameView {
  const base = decodeFlameData(data);
  const controls = buildControls(kindShares(base));
  host.append(controls.root);
  const shown = FRAME_KINDS.map(() => true);
  let tree: FlameTree = base;
  let display: DisplayNode | undefined;
  let drawn = 0;
  let width = 0;
  let viewNote = '';
  let chart: FlameGraph<DisplayNode> | undefined;
  let hits: Uint8Array | undefined;
  let searchText = '';

  const restingDetails = (): string => searchText || DETAILS_HINT;
  const minValue = (value: number) => (value * MIN_PX) / width;

  function writeNote(): void {
    const frames = tree.size - 1;
    const limited =
      drawn < frames && drawn >= MAX_DRAWN
        ? ` Drawn: the ${drawn} widest of ${frames} frames; click a frame to zoom in and draw the frames under it.`
        : '';
    controls.note.textContent = `${viewNote}${limited}`.trim();
  }

  // A click zoomed into `d` (d3-flame-graph has redrawn): draw the widest frames under it at the new width.
  function expandInto(d: FlameHierarchyNode<DisplayNode>): void {
    if (chart === undefined || display === undefined) return;
    const target = d.data;
    const before = countDisplay(target) - 1;
    const under = (tree.end[target.index] as number) - target.index - 1;
    if (before >= under) return; // everything under it is drawn already
    const placed = expandDisplay(tree, target, MAX_DRAWN, minValue(target.value));
    if (placed.drawn === before) return;
    drawn = countDisplay(display) - 1;
    writeNote();
    chart.update(display);
    if (hits !== undefined) chart.search(controls.search.value);
  }

  function draw(): void {
    width = Math.max(480, Math.floor(controls.chart.getBoundingClientRect().width));
    tree = showsEverything(shown) ? base : filterKinds(base, shown);
    viewNote = '';
    const whole = tree.total[0] as number;
    if (controls.inverted.checked) {
      const inverted = invertTree(tree, whole / width);
      tree = inverted.tree;
      if (inverted.pruned.nodes > 0) {
        viewNote =
          `Callers-first view: ${inverted.pruned.nodes} frames narrower than a pixel left out with their ` +
          `callers (${percent(whole > 0 ? inverted.pruned.value / whole : 0)} of the total).`;
      }
    }
    const built = displayTree(tree, MAX_DRAWN, minValue(whole));
    display = built.root;
    drawn = built.drawn;
    writeNote();
    chart?.destroy();
    controls.chart.textContent = '';
    chart = flamegraph<DisplayNode>()
      .width(width)
      .cellHeight(CELL_HEIGHT)
      .minFrameSize(MIN_PX)
      // A tooltip object, even one that does nothing, spares a <title> (and its text) per frame:
      // the details line under the controls says the same on hover.
      .tooltip(noTooltip)
      .transitionDuration(drawn > ANIMATE_UP_TO ? 0 : 300)
      .sort(false)
      // Zooming can graft deeper frames in (expandInto): the height follows what is drawn.
      .resetHeightOnZoom(true)
      .inverted(controls.inverted.checked)
      .setColorMapper((d) => (d.highlight ? MATCH_COLOR : colorOf(d.data)))
      .setLabelHandler((d) => frameDetails(d.data, whole, data))
      .setDetailsHandler((text) => {
        controls.details.textContent = text ?? restingDetails();
      })
      .setSearchHandler(() => {})
      .setSearchMatch((d) => hits !== undefined && d.data.frame >= 0 && hits[d.data.frame] === 1)
      .onClick(expandInto);
    select(controls.chart).datum(display).call(chart);
    if (searchText !== '') applySearch(controls.search.value);
  }

  function applySearch(term: string): void {
    const matcher = frameMatcher(term);
    if (matcher instanceof Error) {
      controls.matched.textContent = `Invalid regular expression: ${matcher.message}`;
      return;
    }
    hits = term === '' ? undefined : matchingFrames(tree, matcher);
    if (hits === undefined) {
      searchText = '';
      controls.matched.textContent = '';
      chart?.clear();
    } else {
      // The share is of the view's whole tree, drawn or not.
      const { share, frames } = matchedShare(tree, hits);
      searchText = `Matched: ${percent(share)} of the total (${frames} ${frames === 1 ? 'frame' : 'frames'})`;
      controls.matched.textContent = searchText;
      chart?.search(term);
    }
    controls.details.textContent = restingDetails();
  }

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  controls.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => applySearch(controls.search.value), 150);
  });
  controls.search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      controls.search.value = '';
      applySearch('');
    }
  });
  controls.reset.addEventListener('click', () => {
    if (chart === undefined) return;
    // Zooms grafted frames into the display tree; past the limit, start again from the widest.
    if (drawn > MAX_DRAWN) draw();
    else chart.resetZoom();
  });
  controls.inverted.addEventListener('change', draw);
  for (const [kind, box] of controls.kinds.entries()) {
    box.addEventListener('change', () => {
      shown[kind] = box.checked;
      draw();
    });
  }
  draw();
  return { controls, frames: () => ({ total: tree.size - 1, drawn }) };
}
