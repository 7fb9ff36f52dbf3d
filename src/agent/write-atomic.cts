/** Synchronous write-then-rename for the agent: exit hooks cannot await, and a kill mid-write must not leave a torn file. */
import { renameSync, writeFileSync } from 'node:fs';

export function writeAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
