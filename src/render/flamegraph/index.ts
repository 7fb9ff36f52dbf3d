/**
 * The SVG flamegraph renderer: profile model in, one self-contained interactive SVG document out.
 * Pipeline: call tree (call-tree.ts) -> rectangles (layout.ts) -> markup (frames-markup.ts,
 * document.ts); the words come from describe.ts and the colours from classify.ts and palette.ts.
 */
import type { Profile } from '../../model/profile.js';
import { buildCallTree } from './call-tree.js';
import { type FrameKind, frameKindLabels } from './classify.js';
import { describeProfile, droppedNote, frameDetails } from './describe.js';
import { paddingX, renderDocument } from './document.js';
import { layoutFlamegraph } from './layout.js';
import {
  chooseValueIndex,
  defaultFlamegraphOptions,
  type FlamegraphOptions,
  validateFlamegraphOptions,
} from './options.js';
import { frameColor, kindSwatchColor } from './palette.js';

// The rest of the public API, so callers import the renderer from one place.
export { renderDiffFlamegraph } from './diff.js';
export type { FlamegraphOptions } from './options.js';

const legendKinds: FrameKind[] = ['app', 'dependency', 'node', 'native'];

/** Renders one profile (CPU or heap) as an interactive flame or icicle graph; returns the SVG text. */
export function renderFlamegraph(profile: Profile, options: Partial<FlamegraphOptions> = {}): string {
  validateFlamegraphOptions(options);
  const settings = { ...defaultFlamegraphOptions, ...options };
  const valueIndex = chooseValueIndex(profile, options.valueIndex);
  const valueType = profile.valueTypes[valueIndex] ?? { type: 'samples', unit: 'count' };
  const tree = buildCallTree([{ profile, valueIndex }]);
  const layout = layoutFlamegraph(tree, {
    series: 0,
    widthPx: settings.width - 2 * paddingX,
    minWidthPx: settings.minWidthPx,
  });
  const fallbackTitle = settings.inverted ? 'Icicle Graph' : 'Flame Graph';
  return renderDocument({
    title: options.title ?? profile.meta.title ?? fallbackTitle,
    subtitle: options.subtitle ?? describeProfile(profile, valueIndex),
    graphs: [
      {
        tree,
        layout,
        fill: (rect) => {
          const fn = tree.functions[rect.func];
          return fn === undefined ? frameColor('root', 'all') : frameColor(fn.kind, fn.name);
        },
        details: (rect) => frameDetails(tree, rect, layout.total, valueType),
      },
    ],
    legend: [
      ...legendKinds.map((kind) => ({ color: kindSwatchColor(kind), label: frameKindLabels[kind] })),
      { color: '#e600e6', label: 'search match' },
    ],
    notes: droppedNote(layout, settings.minWidthPx),
    matchedOf: 'the total',
    width: settings.width,
    frameHeight: settings.frameHeight,
    fontSize: settings.fontSize,
    inverted: settings.inverted,
  });
}
