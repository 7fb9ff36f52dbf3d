import { fileURLToPath } from 'node:url';

/** A `file://` URL as the path it names; anything else (a path, `node:fs`) as it is. */
export function pathOf(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}
