/**
 * A journey step's output: every chunk goes to the step's log file, and an `until` step also sees
 * its output as whole lines the moment they arrive, so "ready" is noticed without waiting for exit.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * Splits chunks into lines, one splitter per stream: stdout and stderr interleave at chunk
 * boundaries, so a shared buffer could glue half a stdout line to half a stderr line.
 */
export class LineSplitter {
  private partial = '';

  /** The complete lines in `chunk` (and before it), without their line ends. */
  push(chunk: string): string[] {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    return parts.map(stripCr);
  }

  /** What is left when the stream ends: a last line printed without a newline. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? [] : [stripCr(rest)];
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The step's log and, for `until` steps, a line watcher over stdout and stderr. */
export interface StepOutput {
  /** Resolves once both streams ended and the log is flushed to disk. */
  close(): Promise<void>;
}

/**
 * Sends `streams` to `logFile`; calls `onLine` with each complete line until it returns true
 * (matched), after which output only goes to the log.
 */
export function captureOutput(
  streams: (Readable | null | undefined)[],
  logFile: string,
  onLine?: (line: string) => boolean,
): StepOutput {
  const log: WriteStream = createWriteStream(logFile);
  let watching = onLine !== undefined;
  const ended: Promise<void>[] = [];
  for (const stream of streams) {
    if (!stream) continue;
    const lines = new LineSplitter();
    const see = (batch: string[]): void => {
      for (const line of batch) {
        if (!watching) return;
        if (onLine?.(line)) watching = false;
      }
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      log.write(chunk);
      if (watching) see(lines.push(chunk));
    });
    ended.push(
      new Promise((resolve) => {
        stream.once('close', resolve);
        stream.once('end', () => {
          if (watching) see(lines.flush());
          resolve();
        });
      }),
    );
  }
  return {
    close: async () => {
      await Promise.all(ended);
      await new Promise((resolve) => log.end(resolve));
    },
  };
}

/** The last `count` non-empty lines of a log, for failure messages; '' when it cannot be read. */
export async function tailOfLog(logFile: string, count = 12): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .map(stripCr)
    .filter((l) => l.trim() !== '');
  return lines.slice(-count).join('\n');
}
