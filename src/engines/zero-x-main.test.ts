import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mainIsolateLog } from './zero-x-main.cjs';

// Two isolate logs of one process, created in the given order: the module-hooks worker's log can
// sort first or last in a directory listing, and the first created (the main thread's) must win.
async function logsCreatedInOrder(names: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'perfsuite-0x-'));
  for (const name of names) {
    writeFileSync(join(dir, name), 'v8-version\n');
    await sleep(15);
  }
  writeFileSync(join(dir, 'isolate-0x1-999-999-v8.log'), 'another process\n');
  return dir;
}

describe('mainIsolateLog', () => {
  const low = 'isolate-0x1f409c20-4242-4242-v8.log';
  const high = 'isolate-0x7fbff0000f00-4242-4242-v8.log';

  it.each([
    [low, high],
    [high, low],
  ])('picks the log created first (%s, then %s)', async (first, second) => {
    const dir = await logsCreatedInOrder([first, second]);
    expect(mainIsolateLog(dir, 4242)).toBe(first);
  });

  it('returns the only log of a process that has one', async () => {
    const dir = await logsCreatedInOrder([low]);
    expect(mainIsolateLog(dir, 4242)).toBe(low);
    expect(mainIsolateLog(dir, 5)).toBeUndefined();
  });
});
