/**
 * The last lines a workload printed, read from the end of its log (runProcess writes stdout and
 * stderr there): what a failed run's result carries as `outputTail`, and what a server's readiness
 * failure quotes. A long log is never read whole, and a result stays a few KB whatever was printed.
 */
import { open } from 'node:fs/promises';
import { stripVTControlCharacters } from 'node:util';

/** How much of the end of a log is kept. */
export interface LogTailOptions {
  /** The last this many non-empty lines. @default 20 */
  lines?: number;
  /**
   * Each line cut to this many characters, `…` last: one line of a minified bundle can be megabytes.
   * With the default 20 lines, a tail is at most about 4 KB. @default 200
   */
  lineChars?: number;
  /** Bytes read from the end of the file. @default 16384 */
  bytes?: number;
}

const LINE_BREAK = /\r\n|\n|\r/;

/** The last lines of `text`: blank lines left out, terminal colours taken off, long lines cut. */
function tailLines(text: string, options: Omit<LogTailOptions, 'bytes'> = {}): string[] {
  const { lines = 20, lineChars = 200 } = options;
  return stripVTControlCharacters(text)
    .split(LINE_BREAK)
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) => (line.length > lineChars ? `${line.slice(0, lineChars - 1)}…` : line));
}

/** The last lines of the log `file` (tailLines), or none when it cannot be read. */
export async function readLogTail(file: string, options: LogTailOptions = {}): Promise<string[]> {
  const { bytes = 16 * 1024, ...rest } = options;
  let text: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, bytes);
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      text = buffer.subarray(0, bytesRead).toString('utf8');
      // Read from the middle of the file: its first line is cut short (perhaps inside a character).
      const breakAt = length < size ? text.search(LINE_BREAK) : -1;
      if (breakAt >= 0) text = text.slice(breakAt + 1);
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
  return tailLines(text, rest);
}
