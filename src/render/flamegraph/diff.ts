/**
 * Differential flamegraph: NEW's widths coloured by how each frame changed against BASE (red grew,
 * blue shrank, intensity by the size of the change), and a second graph with BASE's widths so frames
 * that vanished in NEW stay visible. Changes compare shares of each profile's total, so a longer run
 * of the same code shows no change.
 *
 * A frame's colour follows its inclusive value (itself and its callees): the path from the root to a
 * regression is a red trail down to the frame that grew, while untouched siblings stay pale.
 */
import type { Profile, ValueType } from '../../model/profile.js';
import { buildCallTree, type CallTree } from './call-tree.js';
import { describeSide, droppedNote, formatAmount, frameLabel, percent, valueTypeText } from './describe.js';
import { paddingX, renderDocument } from './document.js';
import { type FlameLayout, type FlameRect, layoutFlamegraph } from './layout.js';
import {
  chooseValueIndex,
  defaultFlamegraphOptions,
  type FlamegraphOptions,
  validateFlamegraphOptions,
} from './options.js';
import { diffColor } from './palette.js';

/** Two profiles that cannot be compared (different units); the CLI reports it as the user's mistake. */
export class IncomparableProfilesError extends Error {
  override name = 'IncomparableProfilesError';
}

const BASE = 0;
const NEXT = 1;

/** A node's share of NEW's total minus its share of BASE's total (so -1 .. 1). */
export function shareChange(tree: CallTree, node: number): number {
  const base = tree.total[BASE] as Float64Array;
  const next = tree.total[NEXT] as Float64Array;
  const baseTotal = base[0] as number;
  const nextTotal = next[0] as number;
  const baseShare = baseTotal > 0 ? (base[node] as number) / baseTotal : 0;
  const nextShare = nextTotal > 0 ? (next[node] as number) / nextTotal : 0;
  return nextShare - baseShare;
}

// The largest absolute change among the drawn frames: the one drawn in full colour.
function largestChange(tree: CallTree, layouts: FlameLayout[]): number {
  let max = 0;
  for (const layout of layouts) {
    for (const rect of layout.rects) max = Math.max(max, Math.abs(shareChange(tree, rect.node)));
  }
  return max;
}

function signed(value: number, valueType: ValueType): string {
  return `${value < 0 ? '-' : '+'}${formatAmount(Math.abs(value), valueType)}`;
}

/** Details of a frame in a diff: before, after and the change, in the unit and in points of share. */
export function diffDetails(tree: CallTree, rect: FlameRect, valueType: ValueType): string {
  const base = (tree.total[BASE] as Float64Array)[rect.node] as number;
  const next = (tree.total[NEXT] as Float64Array)[rect.node] as number;
  const baseTotal = (tree.total[BASE] as Float64Array)[0] as number;
  const nextTotal = (tree.total[NEXT] as Float64Array)[0] as number;
  const points = shareChange(tree, rect.node) * 100;
  return (
    `${frameLabel(tree, rect)}: before ${formatAmount(base, valueType)} (${percent(base, baseTotal)}), ` +
    `after ${formatAmount(next, valueType)} (${percent(next, nextTotal)}), ` +
    `delta ${signed(next - base, valueType)} (${points < 0 ? '' : '+'}${points.toFixed(2)} points of total)`
  );
}

// Frames of BASE whose path does not occur in NEW at all.
function countVanished(tree: CallTree): number {
  const base = tree.total[BASE] as Float64Array;
  const next = tree.total[NEXT] as Float64Array;
  let count = 0;
  for (let n = 1; n < tree.size; n++) if ((base[n] as number) > 0 && (next[n] as number) === 0) count++;
  return count;
}

/** Renders how `next` differs from `base` as one SVG with two graphs (NEW's widths, then BASE's). */
export function renderDiffFlamegraph(
  base: Profile,
  next: Profile,
  options: Partial<FlamegraphOptions> = {},
): string {
  validateFlamegraphOptions(options);
  const settings = { ...defaultFlamegraphOptions, ...options };
  const baseIndex = chooseValueIndex(base, options.valueIndex);
  const nextIndex = chooseValueIndex(next, options.valueIndex);
  const valueType = next.valueTypes[nextIndex] ?? { type: 'samples', unit: 'count' };
  const unit = valueType.unit;
  const baseUnit = base.valueTypes[baseIndex]?.unit ?? 'count';
  if (unit !== baseUnit) {
    throw new IncomparableProfilesError(
      `cannot compare profiles measured in different units: ${settings.baseLabel} is in ${baseUnit}, ${settings.nextLabel} in ${unit}; pass profiles of the same kind (both CPU or both heap)`,
    );
  }
  const tree = buildCallTree([
    { profile: base, valueIndex: baseIndex },
    { profile: next, valueIndex: nextIndex },
  ]);
  const geometry = { widthPx: settings.width - 2 * paddingX, minWidthPx: settings.minWidthPx };
  const nextLayout = layoutFlamegraph(tree, { series: NEXT, ...geometry });
  const baseLayout = layoutFlamegraph(tree, { series: BASE, ...geometry });
  const maxChange = largestChange(tree, [nextLayout, baseLayout]);
  const fill = (rect: FlameRect): string => diffColor(shareChange(tree, rect.node), maxChange);
  const details = (rect: FlameRect): string => diffDetails(tree, rect, valueType);
  const vanished = countVanished(tree);
  const { baseLabel, nextLabel } = settings;

  return renderDocument({
    title: options.title ?? 'Differential Flame Graph',
    subtitle:
      options.subtitle ??
      [
        `${nextLabel}: ${describeSide(next)}`,
        `against ${baseLabel}: ${describeSide(base)}`,
        `widths: ${valueTypeText(next.valueTypes[nextIndex])}`,
      ].join(' · '),
    graphs: [
      {
        heading: `${nextLabel}: widths of ${nextLabel}, colour by change against ${baseLabel} (share of each total)`,
        tree,
        layout: nextLayout,
        fill,
        details,
      },
      {
        heading: `${baseLabel}: widths of ${baseLabel}; frames missing from ${nextLabel} (${vanished}) appear only here`,
        tree,
        layout: baseLayout,
        fill,
        details,
      },
    ],
    legend: [
      { color: diffColor(1, 1), label: 'grew (slower or bigger)' },
      { color: diffColor(-1, 1), label: 'shrank (faster or smaller)' },
      { color: diffColor(0, 1), label: 'unchanged' },
      { color: '#e600e6', label: 'search match' },
    ],
    notes: [
      ...droppedNote(nextLayout, settings.minWidthPx, `${nextLabel}: `),
      ...droppedNote(baseLayout, settings.minWidthPx, `${baseLabel}: `),
    ],
    matchedOf: nextLabel,
    width: settings.width,
    frameHeight: settings.frameHeight,
    fontSize: settings.fontSize,
    inverted: settings.inverted,
  });
}
