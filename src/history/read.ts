/**
 * Reads history files back: one output directory's own, or several (`profile report --history
 * a.jsonl b.jsonl`: the histories of other machines or CI shards) merged into one view. Reading
 * never fails on content: a torn line (a crash during an append), a line of another version or of
 * another tool is skipped and counted with its reason, and the file is listed as partly unreadable
 * in the shape the page lists unreadable files (PageData['unreadable']).
 */
import { readFile } from 'node:fs/promises';
import type { HistoryRecord } from './record.js';
import { parseHistoryLine } from './record-schema.js';

/** A line that was not read as a record: its number (1-based) and why. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** One file read back. */
export interface HistoryFile {
  file: string;
  records: HistoryRecord[];
  skipped: SkippedLine[];
  /** The file itself could not be read (missing, a directory, no permission). */
  error?: string;
}

/** A file the page lists as (partly) unreadable: its name and why, in a sentence. */
export interface UnreadableHistory {
  file: string;
  reason: string;
}

/** The records of every line of a history file's text, and the lines skipped with their reasons. */
export function parseHistory(text: string): { records: HistoryRecord[]; skipped: SkippedLine[] } {
  const records: HistoryRecord[] = [];
  const skipped: SkippedLine[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parsed = parseHistoryLine(line);
    if ('record' in parsed) records.push(parsed.record);
    else skipped.push({ line: index + 1, reason: parsed.skipped });
  });
  return { records, skipped };
}

/** One history file; a missing file is an error unless `missingIsEmpty` (an output directory's own history). */
export async function readHistoryFile(file: string, missingIsEmpty = false): Promise<HistoryFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missingIsEmpty) return { file, records: [], skipped: [] };
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory, not a history file'
          : (error as Error).message;
    return { file, records: [], skipped: [], error: reason };
  }
  return { file, ...parseHistory(text) };
}

/** `lines 3, 9 and 12`, at most five numbers named. */
function lineList(lines: number[]): string {
  const shown = lines.slice(0, 5).map(String);
  const more = lines.length - shown.length;
  const list =
    more > 0
      ? `${shown.join(', ')} and ${more} more`
      : shown.length > 1
        ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
        : (shown[0] as string);
  return `${lines.length === 1 ? 'line' : 'lines'} ${list}`;
}

/** Why a file is (partly) unreadable, in a sentence; undefined when every line was read. */
export function unreadableReason(file: HistoryFile): string | undefined {
  if (file.error) return file.error;
  if (file.skipped.length === 0) return undefined;
  const byReason = new Map<string, number[]>();
  for (const s of file.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.line]);
  const total = file.records.length + file.skipped.length;
  const parts = [...byReason].map(([reason, lines]) => `${lineList(lines)}: ${reason}`);
  return `${file.skipped.length} of ${total} lines skipped (${parts.join('; ')})`;
}

/**
 * Records merged: each record once (by id: the same run in two files, e.g. a CI shard's file that
 * began as a copy of another, counts once), oldest first (by time, then id, so the order does not
 * depend on the order of the files). Each record keeps its machine.
 */
export function mergeRecords(lists: readonly (readonly HistoryRecord[])[]): HistoryRecord[] {
  const byId = new Map<string, HistoryRecord>();
  for (const list of lists) for (const record of list) if (!byId.has(record.id)) byId.set(record.id, record);
  return [...byId.values()].sort((a, b) => {
    const dt = Date.parse(a.t) - Date.parse(b.t);
    return dt !== 0 ? dt : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Options of readHistories. */
export interface ReadHistoriesOptions {
  /** A missing file is no history rather than an unreadable file (an output directory's own). @default false */
  missingIsEmpty?: boolean;
}

/**
 * Several history files read and merged (see mergeRecords); `unreadable` lists each file that could
 * not be read, or only in part, with the reason, for the page's list of unreadable files.
 */
export async function readHistories(
  files: readonly string[],
  options: ReadHistoriesOptions = {},
): Promise<{ records: HistoryRecord[]; unreadable: UnreadableHistory[] }> {
  const read = await Promise.all(files.map((file) => readHistoryFile(file, options.missingIsEmpty)));
  const unreadable: UnreadableHistory[] = [];
  for (const file of read) {
    const reason = unreadableReason(file);
    if (reason) unreadable.push({ file: file.file, reason });
  }
  return { records: mergeRecords(read.map((f) => f.records)), unreadable };
}
