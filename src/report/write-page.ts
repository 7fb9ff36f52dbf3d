/**
 * Writes `reports/index.html` in an output directory from what is on disk there (build-page.ts)
 * and the run history (src/history), atomically: `profile report` calls it, and so does every
 * cpu, memory and validate command when it ends.
 */
import { join } from 'node:path';
import { historyPath, historyTrends, readHistories } from '../history/index.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { readReportAssets } from './assets.js';
import { buildPage } from './build-page.js';
import { renderReportHtml } from './html.js';

export interface WrittenPage {
  path: string;
  bytes: number;
  ms: number;
  /** Files the page lists as unreadable. */
  unreadable: number;
}

/** `historyFiles`: read these instead of the output directory's own history (`--history`). */
export async function writeReportPage(outDir: string, historyFiles?: string[]): Promise<WrittenPage> {
  const started = performance.now();
  const { records, unreadable } = historyFiles
    ? await readHistories(historyFiles)
    : await readHistories([historyPath(outDir)], { missingIsEmpty: true });
  const { data, flames } = await buildPage(outDir, historyTrends(records));
  data.unreadable.push(...unreadable);
  const html = renderReportHtml(data, flames, readReportAssets());
  const path = join(outDir, 'reports', 'index.html');
  await writeFileAtomic(path, html);
  return {
    path,
    bytes: Buffer.byteLength(html),
    ms: performance.now() - started,
    unreadable: data.unreadable.length,
  };
}
