/**
 * The words of a flamegraph: title, subtitle from the profile's meta, each frame's details line and
 * the note on what was left out. Plain text; the document escapes it.
 */
import { formatValue } from '../../model/format-value.js';
import { type Profile, sampleCount, type ValueType } from '../../model/profile.js';
import type { CallTree } from './call-tree.js';
import { locationText } from './frames-markup.js';
import type { FlameLayout, FlameRect } from './layout.js';

/** Share as a percentage with two decimals: "12.34%". */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(2)}%` : '0.00%';
}

/** The frame's name and, when known, where it is: "render (/app/src/x.ts:12)". */
export function frameLabel(tree: CallTree, rect: FlameRect): string {
  const fn = rect.func === -1 ? undefined : tree.functions[rect.func];
  if (fn === undefined) return 'all';
  const location = locationText(fn);
  return location === '' ? fn.name : `${fn.name} (${location})`;
}

/**
 * A value with its unit. formatValue calls every plain count "samples"; heap profiles also count
 * objects (pprof's inuse_objects, alloc_objects), which are named as such here.
 */
export function formatAmount(value: number, valueType: ValueType): string {
  if (valueType.unit === 'count' && /object/i.test(valueType.type)) {
    return formatValue(value, Math.abs(value) === 1 ? 'object' : 'objects');
  }
  return formatValue(value, valueType.unit);
}

/** Details of a frame in a single-profile graph: value with its unit, share of total, self share. */
export function frameDetails(tree: CallTree, rect: FlameRect, total: number, valueType: ValueType): string {
  return (
    `${frameLabel(tree, rect)}: ${formatAmount(rect.value, valueType)}, ${percent(rect.value, total)} of total; ` +
    `self ${formatAmount(rect.self, valueType)}, ${percent(rect.self, total)}`
  );
}

/** Human words for a date in UTC, so goldens and shared files read the same everywhere. */
function formatDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** What the widths measure: "wall time in nanoseconds" style, from the value type. */
export function valueTypeText(valueType: ValueType | undefined): string {
  if (valueType === undefined) return 'value';
  return `${valueType.type} (${valueType.unit})`;
}

/**
 * The subtitle: workload, engine, duration, sample count, what the widths measure and the date, each
 * only when the profile says.
 */
export function describeProfile(profile: Profile, valueIndex: number): string {
  const meta = profile.meta;
  const parts: string[] = [];
  const workload =
    meta.suite !== undefined && meta.workload !== undefined
      ? `${meta.suite}/${meta.workload}`
      : meta.workload;
  if (workload !== undefined && workload !== meta.title) parts.push(workload);
  if (meta.engine !== undefined) parts.push(`engine ${meta.engine}`);
  if (meta.durationNanos !== undefined && meta.durationNanos > 0) {
    parts.push(`duration ${formatValue(meta.durationNanos, 'nanoseconds')}`);
  }
  const samples = sampleCount(profile);
  if (samples !== undefined) parts.push(formatAmount(samples, { type: 'samples', unit: 'count' }));
  parts.push(`widths: ${valueTypeText(profile.valueTypes[valueIndex])}`);
  if (meta.startTime !== undefined) parts.push(formatDate(meta.startTime));
  return parts.join(' · ');
}

/**
 * One side of a differential graph in a few words, how long it ran and how many samples it holds:
 * the subtitle names both sides on one line, which the whole description of each would overflow.
 */
export function describeSide(profile: Profile): string {
  const parts: string[] = [];
  if (profile.meta.durationNanos !== undefined && profile.meta.durationNanos > 0) {
    parts.push(`duration ${formatValue(profile.meta.durationNanos, 'nanoseconds')}`);
  }
  const samples = sampleCount(profile);
  if (samples !== undefined) parts.push(formatAmount(samples, { type: 'samples', unit: 'count' }));
  return parts.join(', ');
}

/** The statement of what the minimum width left out, or nothing when nothing was. */
export function droppedNote(layout: FlameLayout, minWidthPx: number, what = ''): string[] {
  if (layout.droppedFrames === 0) return [];
  const frames = layout.droppedFrames === 1 ? '1 frame' : `${layout.droppedFrames} frames`;
  return [
    `${what}${frames} narrower than ${minWidthPx} px left out; ${percent(layout.droppedValue, layout.total)} of the total is drawn with its stacks cut short.`,
  ];
}
