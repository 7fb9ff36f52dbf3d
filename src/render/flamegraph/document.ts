/**
 * Assembles the whole SVG document around one or more graphs: title, controls, legend, notes, the
 * inlined style and script. Pure markup writing; what to say comes from the caller.
 */
import { flamegraphScript, flamegraphStyle } from './assets.js';
import { cdata, escapeXml, jsonForScript } from './escape.js';
import { charWidthRatio, type GraphData, type GraphSpec, renderGraphFrames } from './frames-markup.js';

/** Horizontal margin left and right of the frames, in pixels. */
export const paddingX = 10;

/** One graph of the document, with an optional heading line above it. */
export interface DocumentGraph extends Omit<GraphSpec, 'top'> {
  heading?: string;
}

/** Everything the document shows besides the frames' own markup. */
export interface DocumentSpec {
  title: string;
  subtitle: string;
  graphs: DocumentGraph[];
  legend: { color: string; label: string }[];
  /** Lines written under the graphs, e.g. what was left out. */
  notes: string[];
  /** What the search's matched share is a share of, e.g. "the total" or "NEW". */
  matchedOf: string;
  width: number;
  frameHeight: number;
  fontSize: number;
  inverted: boolean;
}

// Each swatch with its label takes this much room in the legend row.
function legendMarkup(legend: DocumentSpec['legend'], y: number): string {
  const parts: string[] = ['<g class="legend">'];
  let x = paddingX;
  for (const item of legend) {
    parts.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${item.color}"/>`,
      `<text x="${x + 17}" y="${y}">${escapeXml(item.label)}</text>`,
    );
    x += 17 + Math.ceil(item.label.length * 11 * charWidthRatio) + 18;
  }
  parts.push('</g>');
  return parts.join('');
}

/** Writes the complete, self-contained SVG document. */
export function renderDocument(spec: DocumentSpec): string {
  const width = spec.width;
  const geometry = {
    padX: paddingX,
    frameHeight: spec.frameHeight,
    fontSize: spec.fontSize,
    inverted: spec.inverted,
  };
  const body: string[] = [];
  const graphData: GraphData[] = [];
  let y = spec.subtitle === '' ? 44 : 60;
  spec.graphs.forEach((graph, index) => {
    if (graph.heading !== undefined) {
      body.push(`<text class="heading" x="${paddingX}" y="${y + 13}">${escapeXml(graph.heading)}</text>`);
      y += 20;
    }
    const { markup, data } = renderGraphFrames({ ...graph, top: y }, geometry);
    // The label font size is an attribute (not in the style sheet) because labels are cut to fit it.
    body.push(`<g id="frames-${index}" font-size="${spec.fontSize}">\n${markup}</g>`);
    if (graph.layout.rects.length === 0) {
      body.push(`<text class="note" x="${paddingX}" y="${y + 12}">No samples to draw.</text>`);
    }
    graphData.push(data);
    y += (graph.layout.maxDepth + 1) * spec.frameHeight + 10;
  });

  y += 14;
  // Without the script the details line is empty and the controls hidden: nothing to hover or click.
  body.push(
    `<text id="details" class="note" x="${paddingX}" y="${y}"><tspan class="interactive">Hover a frame for details, click to zoom, Ctrl+F or / to search, Esc to reset.</tspan></text>`,
    `<text id="matched" class="note" x="${width - paddingX}" y="${y}" text-anchor="end"></text>`,
  );
  for (const note of spec.notes) {
    y += 16;
    body.push(`<text class="note" x="${paddingX}" y="${y}">${escapeXml(note)}</text>`);
  }
  y += 22;
  body.push(legendMarkup(spec.legend, y));
  const height = y + 12;

  const scriptData = {
    width: width - 2 * paddingX,
    padX: paddingX,
    frameHeight: spec.frameHeight,
    fontSize: spec.fontSize,
    charWidthRatio,
    matchedOf: spec.matchedOf,
    graphs: graphData,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="fg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n`,
    `<style>${cdata(flamegraphStyle)}</style>\n`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fbfbf8"/>\n`,
    `<text class="title" x="${width / 2}" y="24">${escapeXml(spec.title)}</text>\n`,
    spec.subtitle === ''
      ? ''
      : `<text class="subtitle" x="${width / 2}" y="42">${escapeXml(spec.subtitle)}</text>\n`,
    `<text id="reset" class="control interactive off" x="${paddingX}" y="24">Reset zoom</text>\n`,
    `<text id="search" class="control interactive" x="${width - paddingX}" y="24" text-anchor="end">Search</text>\n`,
    body.join('\n'),
    '\n',
    `<script type="application/json" id="fg-data">${cdata(jsonForScript(scriptData))}</script>\n`,
    `<script>${cdata(flamegraphScript)}</script>\n`,
    '</svg>\n',
  ].join('');
}
