/**
 * Markup of one graph's frames, plus the compact data the embedded script needs to zoom and search
 * them. Only writes: every position comes from the layout, every colour and details line from the
 * caller, so this file knows nothing about profiles, units or diffs.
 */
import type { CallTree, TreeFunction } from './call-tree.js';
import { escapeXml, sanitizeXmlChars } from './escape.js';
import type { FlameLayout, FlameRect } from './layout.js';

/** Pixel geometry shared by every graph of a document. */
export interface FrameGeometry {
  /** Left margin; frames span `padX .. padX + layout.widthPx`. */
  padX: number;
  frameHeight: number;
  fontSize: number;
  inverted: boolean;
}

/** What to draw for one graph, and how to colour and describe each frame. */
export interface GraphSpec {
  tree: CallTree;
  layout: FlameLayout;
  /** Top edge of the graph's first row, in pixels. */
  top: number;
  fill: (rect: FlameRect) => string;
  /** The full details line of a frame (plain text; escaped here). */
  details: (rect: FlameRect) => string;
}

/** What the embedded script reads for one graph (see assets/flamegraph/flamegraph.js). */
export interface GraphData {
  /** Per function used: [name, location]. */
  functions: [string, string][];
  /** Per drawn frame, in document order: function, parent frame (-1 for the root), start, value. */
  frames: number[];
  top: number;
  maxDepth: number;
}

// Average glyph width relative to the font size for the sans-serif fonts we ask for (flamegraph.pl's
// figure for Verdana); used to cut labels to fit without measuring text.
export const charWidthRatio = 0.59;

/** A frame's label: the name, cut with ".." to fit `widthPx`, or '' when not even 3 characters fit. */
export function fitLabel(name: string, widthPx: number, fontSize: number): string {
  const maxChars = Math.floor((widthPx - 6) / (fontSize * charWidthRatio));
  if (maxChars < 3) return '';
  return name.length <= maxChars ? name : `${name.slice(0, maxChars - 2)}..`;
}

/** `file:line` of a function, or '' when the profile did not record a file. */
export function locationText(fn: TreeFunction): string {
  if (fn.file === undefined || fn.file === '') return '';
  const file = fn.file.startsWith('file://') ? fn.file.slice('file://'.length) : fn.file;
  return fn.line === undefined ? file : `${file}:${fn.line}`;
}

// Two decimals are plenty for pixels and keep the file small.
function px(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Writes one graph's `<g class="f">` elements and returns them with the script's data. */
export function renderGraphFrames(
  spec: GraphSpec,
  geometry: FrameGeometry,
): { markup: string; data: GraphData } {
  const { tree, layout } = spec;
  const parts: string[] = [];
  const usedFunctions = new Map<number, number>();
  const functions: [string, string][] = [];
  const escapedNames: string[] = [];
  const frameData: number[] = [];
  // Frame index of each node's rect, to give the script each frame's parent.
  const rectOfNode = new Map<number, number>();
  const rowHeight = geometry.frameHeight;
  const rectHeight = Math.max(1, rowHeight - 1);

  layout.rects.forEach((rect, index) => {
    rectOfNode.set(rect.node, index);
    const fn = rect.func === -1 ? undefined : tree.functions[rect.func];
    const name = fn === undefined ? 'all' : fn.name;
    let local = usedFunctions.get(rect.func);
    if (local === undefined) {
      local = functions.length;
      usedFunctions.set(rect.func, local);
      functions.push([sanitizeXmlChars(name), fn === undefined ? '' : sanitizeXmlChars(locationText(fn))]);
    }
    const row = geometry.inverted ? rect.depth : layout.maxDepth - rect.depth;
    const y = spec.top + row * rowHeight;
    const x = px(geometry.padX + rect.x);
    const width = px(rect.width);
    parts.push(
      `<g class="f"><title>${escapeXml(spec.details(rect))}</title><rect x="${x}" y="${y}" width="${width}" height="${rectHeight}" fill="${spec.fill(rect)}"/>`,
    );
    const label = fitLabel(name, rect.width, geometry.fontSize);
    if (label !== '') {
      let escaped = label.length === name.length ? escapedNames[local] : undefined;
      if (escaped === undefined) {
        escaped = escapeXml(label);
        if (label.length === name.length) escapedNames[local] = escaped;
      }
      parts.push(`<text x="${px(x + 3)}" y="${y + rowHeight - 4}">${escaped}</text>`);
    }
    // One frame per line keeps golden-file diffs readable, for one byte per frame.
    parts.push('</g>\n');
    const parentIndex = rect.node === 0 ? -1 : (rectOfNode.get(tree.parent[rect.node] as number) ?? -1);
    frameData.push(local, parentIndex, rect.start, rect.value);
  });
  return {
    markup: parts.join(''),
    data: { functions, frames: frameData, top: spec.top, maxDepth: layout.maxDepth },
  };
}
