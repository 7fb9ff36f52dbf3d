/**
 * Reads what the agent leaves per process and thread: `<pid>.json` records (`<pid>.t<id>.json` for
 * worker threads), `<pid>[.t<id>].<kind>.jsonl` series and `<pid>[.t<id>].sourcemaps.json`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  artifactNames,
  type ProcessRecord,
  parseArtifactName,
  type SourceMapsRecord,
  type ThreadRecord,
} from '../agent/protocol.cjs';

export async function readProcessRecords(dir: string): Promise<Map<number, ProcessRecord>> {
  const records = new Map<number, ProcessRecord>();
  for (const name of await readdir(dir)) {
    if (!/^\d+\.json$/.test(name)) continue;
    try {
      const record = JSON.parse(await readFile(join(dir, name), 'utf8')) as ProcessRecord;
      records.set(record.pid, record);
    } catch {
      // A process killed while writing leaves only a .tmp file; a torn JSON cannot happen.
    }
  }
  return records;
}

/** Worker threads' end records, by file name (`artifactNames.record(pid, threadId)`). */
export async function readThreadRecords(dir: string): Promise<Map<string, ThreadRecord>> {
  const records = new Map<string, ThreadRecord>();
  for (const name of await readdir(dir)) {
    if (!/^\d+\.t\d+\.json$/.test(name)) continue;
    try {
      records.set(name, JSON.parse(await readFile(join(dir, name), 'utf8')) as ThreadRecord);
    } catch {
      // Written atomically: unreadable only if removed meanwhile.
    }
  }
  return records;
}

/** The rows of one `<pid>[.t<threadId>].<kind>.jsonl` file. */
export interface JsonLinesFile<T> {
  pid: number;
  threadId: number;
  rows: T[];
}

/** Every `<pid>[.t<threadId>].<kind>.jsonl` of the directory, parsed line by line (a torn last line is dropped). */
export async function readJsonLines<T>(
  dir: string,
  kind: 'memory' | 'probe' | 'threads' | 'doctor',
): Promise<JsonLinesFile<T>[]> {
  const out: JsonLinesFile<T>[] = [];
  for (const name of await readdir(dir)) {
    const parsed = parseArtifactName(name);
    if (parsed?.rest !== `.${kind}.jsonl`) continue;
    const rows: T[] = [];
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        // A process killed mid-write leaves at most one torn line at the end.
      }
    }
    out.push({ pid: parsed.pid, threadId: parsed.threadId, rows });
  }
  return out;
}

/** The source maps a thread saved, or undefined when it saved none (no script had one). */
export async function readSourceMaps(
  dir: string,
  pid: number,
  threadId = 0,
): Promise<SourceMapsRecord | undefined> {
  try {
    const text = await readFile(join(dir, artifactNames.sourceMaps(pid, threadId)), 'utf8');
    return JSON.parse(text) as SourceMapsRecord;
  } catch {
    return undefined;
  }
}
