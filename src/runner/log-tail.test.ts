// The end of a workload's log (log-tail.ts): the lines a failed run's result carries, read from the file's end.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogTail } from './log-tail.js';

const dir = mkdtempSync(join(tmpdir(), 'perfsuite-log-tail-'));
const logWith = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('readLogTail', () => {
  it('gives the last 20 non-empty lines, without terminal colours', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const file = logWith(
      'many.log',
      `${lines.join('\n')}\n\n\u001b[31mError: boom\u001b[39m\r\n    at main (app.js:3:9)\n\n`,
    );
    const tail = await readLogTail(file);
    expect(tail).toHaveLength(20);
    expect(tail.slice(-3)).toEqual(['line 30', 'Error: boom', '    at main (app.js:3:9)']);
    expect(tail[0]).toBe('line 13');
    expect(await readLogTail(file, { lines: 2 })).toEqual(['Error: boom', '    at main (app.js:3:9)']);
  });

  it('cuts a long line, so that a tail stays a few KB', async () => {
    const file = logWith('long.log', `${'x'.repeat(10_000)}\nshort\n`);
    const [long, short] = await readLogTail(file);
    expect(long).toBe(`${'x'.repeat(199)}…`);
    expect(short).toBe('short');
    // Longer than the 16 KB read: only its end is read, which is no whole line, so it is left out.
    expect(await readLogTail(logWith('longer.log', `${'x'.repeat(100_000)}\nshort\n`))).toEqual(['short']);
  });

  it("reads only the log's end, leaving out the line it starts inside", async () => {
    // 64 KB of lines "row 00000" ... and then the error: only the last 16 KB are read.
    const rows = Array.from({ length: 6400 }, (_, i) => `row ${String(i).padStart(5, '0')}`);
    const file = logWith('big.log', `${rows.join('\n')}\nError: at the end\n`);
    const tail = await readLogTail(file, { lines: 10_000 });
    expect(tail.at(-1)).toBe('Error: at the end');
    expect(tail.length).toBeLessThan(1700);
    // Every line read whole: the first one read (cut short) is left out.
    for (const line of tail.slice(0, -1)) expect(line).toMatch(/^row \d{5}$/);
    expect(tail.at(-2)).toBe('row 06399');
  });

  it('is empty for a log that is missing or holds nothing but blank lines', async () => {
    expect(await readLogTail(join(dir, 'missing.log'))).toEqual([]);
    expect(await readLogTail(logWith('blank.log', '\n  \n\n'))).toEqual([]);
  });
});
