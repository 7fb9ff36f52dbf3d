/**
 * Reads what the agent leaves per process: `<pid>.json` records, `<pid>.<kind>.jsonl` series and
 * `<pid>.sourcemaps.json`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactNames, type ProcessRecord, type SourceMapsRecord } from '../agent/protocol.cjs';

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

/** Every `<pid>.<kind>.jsonl` of the directory, parsed line by line (a torn last line is dropped). */
export async function readJsonLines<T>(dir: string, kind: 'memory' | 'probe'): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>();
  for (const name of await readdir(dir)) {
    const match = new RegExp(`^(\\d+)\\.${kind}\\.jsonl$`).exec(name);
    if (!match) continue;
    const rows: T[] = [];
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        rows.push(JSON.parse(line) as T);
      } catch {
        // A process killed mid-write leaves at most one torn line at the end.
      }
    }
    out.set(Number(match[1]), rows);
  }
  return out;
}

/** The source maps a process saved, or undefined when it saved none (no script had one). */
export async function readSourceMaps(dir: string, pid: number): Promise<SourceMapsRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, artifactNames.sourceMaps(pid)), 'utf8')) as SourceMapsRecord;
  } catch {
    return undefined;
  }
}
