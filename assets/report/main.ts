/**
 * The report page's script (bundled by scripts/build-report.mjs into dist/report/page.js and inlined
 * by src/report/html.ts). The page reads without it: tables and charts are written server-side.
 * This adds what needs a script: each flamegraph, drawn when its section is first opened (its data
 * parsed only then), and the history charts.
 */
import type { FlameData, PageData } from '../../src/report/page-data.js';
import { element } from './dom.js';
import { type FlameView, mountFlameView } from './flame-view.js';
import { drawHistoryChart } from './history-chart.js';

/** What tests and the benchmark read: the open views and how long each took to open, in ms. */
interface ReportHandle {
  views: Record<string, FlameView>;
  openMs: Record<string, number>;
}

function readJson<T>(id: string): T | undefined {
  const script = document.getElementById(id);
  return script?.textContent ? (JSON.parse(script.textContent) as T) : undefined;
}

function openFlame(details: HTMLDetailsElement, handle: ReportHandle): void {
  const id = details.id;
  const host = details.querySelector<HTMLElement>('.flame-host');
  if (host === null || id in handle.views || host.dataset.state === 'error') return;
  const started = performance.now();
  try {
    const data = readJson<FlameData>(`data-${id}`);
    if (data === undefined) throw new Error('its data is missing from the page');
    handle.views[id] = mountFlameView(host, data);
    host.dataset.state = 'drawn';
  } catch (error) {
    host.dataset.state = 'error';
    host.append(
      element(
        'p',
        { class: 'error' },
        `This flamegraph cannot be drawn: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  handle.openMs[id] = performance.now() - started;
}

function drawHistory(page: PageData): void {
  const host = document.getElementById('history-charts');
  if (host === null) return;
  host.textContent = '';
  for (const series of page.history.series) {
    const figure = element('figure', { class: 'history-figure' });
    figure.append(drawHistoryChart(series, page.history.runs));
    host.append(figure);
  }
}

/** `index.html#cpu-3` (a link from the memory table, or a shared URL) opens that section. */
function openFromHash(): void {
  let id: string;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return; // a malformed %-escape names no section
  }
  const target = id === '' ? null : document.getElementById(id);
  if (target instanceof HTMLDetailsElement && !target.open) {
    target.open = true;
    target.scrollIntoView();
  }
}

function start(): void {
  const handle: ReportHandle = { views: {}, openMs: {} };
  (window as unknown as { perfsuiteReport: ReportHandle }).perfsuiteReport = handle;
  document.documentElement.classList.add('js');
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.flame')) {
    details.addEventListener('toggle', () => {
      if (details.open) openFlame(details, handle);
    });
    if (details.open) openFlame(details, handle);
  }
  const page = readJson<PageData>('page-data');
  if (page !== undefined) drawHistory(page);
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
  document.documentElement.dataset.ready = 'true';
}

start();
