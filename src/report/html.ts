/**
 * Writes reports/index.html: one self-contained page (no network, no server; it opens from file://)
 * with every section written server-side as escaped HTML, the data embedded as JSON for the page's
 * script (PageData at load; each flamegraph's FlameData parsed only when its section opens), and
 * the bundled script and style inlined. A Content-Security-Policy allows no request at all and no
 * script but ours (by its hash), so a hostile string that somehow became markup could neither run
 * nor fetch anything.
 */
import { createHash } from 'node:crypto';
import type { ReportAssets } from './assets.js';
import { escapeHtml as esc, inlineScript, inlineStyle, jsonForHtml } from './html-escape.js';
import { flameSections } from './html-flame.js';
import {
  doctorSection,
  historySection,
  memorySection,
  unreadableSection,
  validationSection,
  when,
} from './html-sections.js';
import type { FlameData, PageData } from './page-data.js';

/** The policy, with the hash of the one script allowed to run. Styles may be inline (d3 sets some). */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

interface Part {
  id: string;
  title: string;
  count?: number;
  body: string;
}

function parts(data: PageData, flames: Map<string, FlameData>): Part[] {
  const validation = data.validation;
  return [
    {
      id: 'cpu',
      title: 'CPU',
      count: data.cpu.length,
      body: flameSections(data.cpu, flames, 'No CPU profiles in this directory: `profile cpu` writes them.'),
    },
    {
      id: 'heap',
      title: 'Heap profiles',
      count: data.heap.length,
      body: flameSections(
        data.heap,
        flames,
        'No heap profiles in this directory: `profile memory` writes them.',
      ),
    },
    { id: 'memory', title: 'Memory', count: data.memory.length, body: memorySection(data.memory) },
    { id: 'doctor', title: 'Event loop', count: data.doctor.length, body: doctorSection(data.doctor) },
    {
      id: 'validation',
      title: 'Validation',
      ...(validation ? { count: validation.targets.length } : {}),
      body: validationSection(validation),
    },
    { id: 'history', title: 'History', count: data.history.runs.length, body: historySection(data.history) },
    {
      id: 'unreadable',
      title: 'Unreadable files',
      count: data.unreadable.length,
      body: unreadableSection(data.unreadable),
    },
  ];
}

/**
 * PageData as embedded for the script: the chart SVGs are already in the markup and the script does
 * not read them, so they are not repeated in the JSON (memory charts are tens of KB each).
 */
export function withoutCharts(data: PageData): PageData {
  return {
    ...data,
    memory: data.memory.map(({ chartSvg: _chart, ...entry }) => entry),
    doctor: data.doctor.map(({ chartSvg: _chart, ...entry }) => entry),
    ...(data.validation
      ? {
          validation: {
            ...data.validation,
            sweeps: data.validation.sweeps.map((s) => ({ ...s, chartSvg: '' })),
          },
        }
      : {}),
  };
}

/** The whole page. `flames` holds each flamegraph section's data by section id. */
export function renderReportHtml(
  data: PageData,
  flames: Map<string, FlameData>,
  assets: ReportAssets,
): string {
  const script = inlineScript(assets.js);
  const sections = parts(data, flames);
  const nav = sections
    .map((s) => `<a href="#${s.id}">${esc(s.title)}${s.count === undefined ? '' : ` (${s.count})`}</a>`)
    .join('\n');
  const body = sections.map((s) => `<section id="${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.body}\n</section>`);
  // Only the sections' own data is embedded: a section without its FlameData says so instead.
  const sectionIds = new Set([...data.cpu, ...data.heap].map((s) => s.id));
  const blobs = [...flames]
    .filter(([id]) => sectionIds.has(id))
    .map(
      ([id, flame]) => `<script type="application/json" id="data-${esc(id)}">${jsonForHtml(flame)}</script>`,
    );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy(script))}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`perfsuite report: ${data.outDir}`)}</title>`,
    `<style>${inlineStyle(assets.css)}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>perfsuite report</h1>',
    `<p class="meta">Output directory <code>${esc(data.outDir)}</code> · generated ${esc(when(data.generatedAt))}</p>`,
    `<nav>\n${nav}\n</nav>`,
    '</header>',
    '<main>',
    ...body,
    '</main>',
    `<script type="application/json" id="page-data">${jsonForHtml(withoutCharts(data))}</script>`,
    ...blobs,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
