/**
 * What every cpu, memory and validate command does when it ends: its run goes into the history, and
 * the report page is written again with it. Neither may fail the command: a history or page that
 * cannot be written is a warning on stderr, and the command's results and exit code stand.
 */
import { relative } from 'node:path';
import type { HistoryRecord } from '../history/index.js';

/** Records the run (unless `record` is undefined: nothing ran) and rewrites the page; returns its path. */
export async function afterRun(
  outDir: string,
  record: HistoryRecord | undefined,
): Promise<string | undefined> {
  try {
    // Imported here: the page's builder and its assets are not needed until a command has run.
    const { recordHistory } = await import('../history/index.js');
    if (record) await recordHistory(outDir, record);
    const { writeReportPage } = await import('../report/write-page.js');
    return (await writeReportPage(outDir)).path;
  } catch (error) {
    process.stderr.write(`warning: the report page could not be written: ${(error as Error).message}\n`);
    return undefined;
  }
}

/** `report: reports/index.html` as the last line of a command's summary. */
export function pageLine(path: string): string {
  return `report: ${relative(process.cwd(), path) || path}`;
}
