/**
 * Where the history lives and how a run is added to it: `<outDir>/.perfsuite/history.jsonl`, one
 * record (record.ts) per line, beside the baselines in `.perfsuite/`.
 *
 * Why JSON Lines: adding a run is an append of one line, with no need to read or parse what is
 * there; the worst a crash or a full disk can leave is a torn last line, which the reader skips
 * (read.ts) and the next append starts after; and the histories of several machines or CI shards
 * merge by concatenation (`cat a.jsonl b.jsonl`, or `profile report --history a.jsonl b.jsonl`).
 *
 * The cap: the last DEFAULT_MAX_RUNS (200) runs, and at most DEFAULT_MAX_BYTES (4 MiB) of lines,
 * whichever is reached first (a record of `profile cpu all` on the demo is about 5.8 KB: 200 of them
 * are 1.2 MB; the byte cap only bites on suites of hundreds of workloads). Over the cap, the file is
 * rewritten with its newest lines, atomically (util/write-atomic.ts), so a crash then leaves the old
 * file or the new one, never half of one. Lines of other versions are kept and counted; torn lines
 * are dropped. Two runs appending at the very same moment as one rewrites could lose the append:
 * the runs of one output directory are sequential in practice, and a lost record costs one point.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { historyPath } from '../store/perfsuite-dir.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import type { HistoryRecord } from './record.js';

/** Runs kept: enough for months of daily CI runs, few enough for the page to draw at once. */
export const DEFAULT_MAX_RUNS = 200;

/** Bytes kept: a bound on what `profile report` reads and the trends scan, whatever the record size. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Options of appendRecord and recordHistory. */
export interface HistoryCap {
  /** Records kept (the newest). @default DEFAULT_MAX_RUNS (200) */
  maxRuns?: number;
  /** Bytes kept (the newest whole lines; the newest record is kept whatever its size). @default DEFAULT_MAX_BYTES (4 MiB) */
  maxBytes?: number;
}

/** True when the file is missing, empty or ends with a newline: an append then starts a line of its own. */
async function endsWithNewline(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * The lines to keep: every non-blank line that is JSON (records of any version), newest last, at
 * most maxRuns of them and at most maxBytes, and always the newest.
 */
export function capLines(lines: readonly string[], cap: Required<HistoryCap>): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && kept.length < cap.maxRuns; i--) {
    const line = lines[i] as string;
    if (line.trim() === '' || !isJson(line)) continue;
    const size = Buffer.byteLength(line) + 1;
    if (kept.length > 0 && bytes + size > cap.maxBytes) break;
    kept.push(line);
    bytes += size;
  }
  return kept.reverse();
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Appends one record as a line (after a newline of its own when the file ends in a torn line), then
 * enforces the cap. Throws on a file system error: recordHistory is the caller that must not.
 */
export async function appendRecord(
  outDir: string,
  record: HistoryRecord,
  cap: HistoryCap = {},
): Promise<void> {
  const limits = { maxRuns: cap.maxRuns ?? DEFAULT_MAX_RUNS, maxBytes: cap.maxBytes ?? DEFAULT_MAX_BYTES };
  const path = historyPath(outDir);
  await mkdir(dirname(path), { recursive: true });
  const line = `${JSON.stringify(record)}\n`;
  await appendFile(path, (await endsWithNewline(path)) ? line : `\n${line}`);

  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const over = lines.length > limits.maxRuns || Buffer.byteLength(text) > limits.maxBytes;
  if (!over) return;
  const kept = capLines(lines, limits);
  await writeFileAtomic(path, kept.length > 0 ? `${kept.join('\n')}\n` : '');
}

/** Options of recordHistory. */
export interface RecordHistoryOptions extends HistoryCap {
  /** Where a failure is reported. @default a line on stderr */
  warn?: (message: string) => void;
}

/**
 * The one call after every command: adds the run to the output directory's history. Never throws
 * and never fails the run: a history that cannot be written (read-only directory, full disk) is a
 * warning on stderr, and the run's own results stand.
 */
export async function recordHistory(
  outDir: string,
  record: HistoryRecord,
  options: RecordHistoryOptions = {},
): Promise<void> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  try {
    await appendRecord(outDir, record, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warn(`warning: the run was not added to the history ${historyPath(outDir)}: ${reason}`);
  }
}
