import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath } from '../store/perfsuite-dir.js';
import { appendRecord, capLines, DEFAULT_MAX_RUNS, recordHistory } from './append.js';
import { readHistories } from './read.js';
import type { HistoryRecord } from './record.js';
import { historyTrends } from './trends.js';

const record = (i: number, extra: Partial<HistoryRecord> = {}): HistoryRecord => ({
  v: 1,
  id: `run-${String(i).padStart(4, '0')}`,
  t: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  cmd: 'validate',
  machine: { cpus: 2, cpuModel: 'Test CPU', memoryGb: 8, os: 'linux x64', node: 'v20.20.0' },
  m: { 'commands/fmt:wall': { u: 'ms', med: 400 + i, p95: 420 + i, n: 10 } },
  ...extra,
});

let root: string;
let dirs = 0;
const outDir = async (): Promise<string> => {
  const dir = join(root, `out-${dirs++}`);
  await mkdir(dir);
  return dir;
};
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'perfsuite-history-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const lines = async (dir: string): Promise<string[]> =>
  (await readFile(historyPath(dir), 'utf8')).split('\n').filter((l) => l !== '');

describe('appendRecord', () => {
  it('writes one line per run under .perfsuite/history.jsonl', async () => {
    const dir = await outDir();
    await appendRecord(dir, record(1));
    await appendRecord(dir, record(2));
    expect(historyPath(dir)).toBe(join(dir, '.perfsuite', 'history.jsonl'));
    const text = await readFile(historyPath(dir), 'utf8');
    expect(text).toBe(`${JSON.stringify(record(1))}\n${JSON.stringify(record(2))}\n`);
  });

  it(`keeps the last ${DEFAULT_MAX_RUNS} runs: 201 appends keep 200, the oldest dropped`, async () => {
    const dir = await outDir();
    for (let i = 1; i <= 201; i++) await appendRecord(dir, record(i));
    const kept = await lines(dir);
    expect(kept).toHaveLength(200);
    expect(JSON.parse(kept[0] as string).id).toBe('run-0002');
    expect(JSON.parse(kept.at(-1) as string).id).toBe('run-0201');
  });

  it('caps by bytes too, always keeping the newest record', async () => {
    const dir = await outDir();
    const size = Buffer.byteLength(`${JSON.stringify(record(1))}\n`);
    for (let i = 1; i <= 5; i++) await appendRecord(dir, record(i), { maxBytes: size * 3 });
    expect((await lines(dir)).map((l) => JSON.parse(l).id)).toEqual(['run-0003', 'run-0004', 'run-0005']);
    await appendRecord(dir, record(6), { maxBytes: 10 });
    expect((await lines(dir)).map((l) => JSON.parse(l).id)).toEqual(['run-0006']);
  });

  it('starts a new line after a torn last line, and drops torn lines when it rewrites over the cap', async () => {
    const dir = await outDir();
    await appendRecord(dir, record(1));
    await appendFile(historyPath(dir), '{"v":1,"id":"torn","t":"2026-'); // a crash mid-append
    await appendRecord(dir, record(2));
    const read = await readHistories([historyPath(dir)]);
    expect(read.records.map((r) => r.id)).toEqual(['run-0001', 'run-0002']);
    expect(read.unreadable).toEqual([
      { file: historyPath(dir), reason: '1 of 3 lines skipped (line 2: not JSON (a torn write?))' },
    ]);
    await appendRecord(dir, record(3), { maxRuns: 3 });
    expect((await lines(dir)).map((l) => JSON.parse(l).id)).toEqual(['run-0001', 'run-0002', 'run-0003']);
  });
});

describe('capLines', () => {
  it('keeps JSON lines of any version, newest last, and drops blank and torn ones', () => {
    const foreign = '{"v":2,"id":"future"}';
    const kept = capLines(['{"v":1,"id":"a"}', '', '{"v":1,"id', foreign, '{"v":1,"id":"b"}'], {
      maxRuns: 2,
      maxBytes: 1e6,
    });
    expect(kept).toEqual([foreign, '{"v":1,"id":"b"}']);
  });
});

describe('recordHistory', () => {
  it('never throws: a history that cannot be written is a warning', async () => {
    const dir = await outDir();
    await writeFile(join(dir, '.perfsuite'), 'a file where the folder should be');
    const warnings: string[] = [];
    await expect(recordHistory(dir, record(1), { warn: (m) => warnings.push(m) })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: the run was not added to the history .*history\.jsonl: /);
  });

  it('appends like appendRecord when it can', async () => {
    const dir = await outDir();
    await recordHistory(dir, record(1), { warn: () => expect.fail('no warning expected') });
    expect(await lines(dir)).toEqual([JSON.stringify(record(1))]);
  });
});

describe('the way round', () => {
  it('runs recorded, read back and drawn: the last run against the one before', async () => {
    const dir = await outDir();
    const fmt = (i: number, med: number): HistoryRecord =>
      record(i, { m: { 'commands/fmt:wall': { u: 'ms', med, p95: med + 2, n: 10 } } });
    for (const [i, med] of [
      [1, 400],
      [2, 401],
      [3, 480],
    ] as const) {
      await recordHistory(dir, fmt(i, med));
    }
    const { records, unreadable } = await readHistories([historyPath(dir)], { missingIsEmpty: true });
    expect(unreadable).toEqual([]);
    const trends = historyTrends(records);
    expect(trends.runs.map((r) => r.id)).toEqual(['run-0001', 'run-0002', 'run-0003']);
    expect(trends.moved).toEqual([
      expect.objectContaining({
        id: 'commands/fmt:wall',
        verdict: 'regressed',
        before: 401,
        after: 480,
        change: 19.7,
      }),
    ]);
    expect(trends.series[0]?.marks).toEqual([{ run: 2, verdict: 'regressed', change: 19.7, band: 5 }]);
  });
});
