/** Reads the `<pid>.json` records that the agent leaves, one per profiled process. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessRecord } from '../agent/protocol.cjs';

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
