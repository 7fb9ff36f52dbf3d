import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeRecords, parseHistory, readHistories } from './read.js';
import type { HistoryMachine, HistoryRecord } from './record.js';
import { parseHistoryLine } from './record-schema.js';

const LAPTOP: HistoryMachine = {
  cpus: 8,
  cpuModel: 'M2',
  memoryGb: 16,
  os: 'darwin 24.1.0 arm64',
  node: 'v20.20.0',
};
const CI: HistoryMachine = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  memoryGb: 7.8,
  os: 'linux 6.5.0 x64',
  node: 'v20.20.0',
};

const record = (id: string, t: string, machine: HistoryMachine): HistoryRecord => ({
  v: 1,
  id,
  t,
  cmd: 'memory',
  machine,
  mem: [{ w: 'demo/leaky', verdict: 'linear', leak: true, peak: 84.5 }],
});

const jsonl = (...lines: (HistoryRecord | string)[]): string =>
  `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'perfsuite-history-read-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('parseHistoryLine', () => {
  it('says why a line is not a record', () => {
    expect(parseHistoryLine('{"v":1,"id":"x","t":"2026-')).toEqual({ skipped: 'not JSON (a torn write?)' });
    expect(parseHistoryLine('[1,2]')).toEqual({ skipped: 'not a history record' });
    expect(parseHistoryLine('{"level":"info","msg":"hello"}')).toEqual({ skipped: 'not a history record' });
    expect(parseHistoryLine('{"v":2,"id":"x"}')).toEqual({
      skipped: 'history format v2 (this perfsuite reads v1)',
    });
    const broken = { ...record('a', '2026-11-01T00:00:00.000Z', CI), mem: [{ w: 'x', verdict: 'huge' }] };
    expect(parseHistoryLine(JSON.stringify(broken))).toEqual({
      skipped: expect.stringMatching(/^invalid record \(mem\.0\.verdict: /),
    });
    const badTime = { ...record('a', 'yesterday', CI) };
    expect(parseHistoryLine(JSON.stringify(badTime))).toEqual({
      skipped: 'invalid record (t: must be an ISO date)',
    });
  });

  it('accepts unknown keys (a later minor addition) and drops them', () => {
    const r = record('a', '2026-11-01T00:00:00.000Z', CI);
    expect(parseHistoryLine(JSON.stringify({ ...r, later: 1 }))).toEqual({ record: r });
  });
});

describe('parseHistory', () => {
  it('skips torn and foreign lines, counting each with its line number and reason', () => {
    const a = record('a', '2026-11-01T00:00:00.000Z', CI);
    const b = record('b', '2026-11-02T00:00:00.000Z', CI);
    const text = jsonl(a, 'npm WARN something', '', b, '{"v":3}', '{"v":1,"id":"c","t":"2026-11-0');
    expect(parseHistory(text)).toEqual({
      records: [a, b],
      skipped: [
        { line: 2, reason: 'not JSON (a torn write?)' },
        { line: 5, reason: 'history format v3 (this perfsuite reads v1)' },
        { line: 6, reason: 'not JSON (a torn write?)' },
      ],
    });
  });
});

describe('readHistories', () => {
  it('merges two machines: each record once, oldest first, keeping its machine', async () => {
    const shared = record('shared', '2026-11-02T00:00:00.000Z', CI); // a run both files hold
    const laptop = join(root, 'laptop.jsonl');
    const ci = join(root, 'ci.jsonl');
    await writeFile(
      laptop,
      jsonl(
        record('l1', '2026-11-01T10:00:00.000Z', LAPTOP),
        shared,
        record('l2', '2026-11-03T10:00:00.000Z', LAPTOP),
      ),
    );
    await writeFile(
      ci,
      jsonl(
        shared,
        record('c1', '2026-11-01T09:00:00.000Z', CI),
        record('c2', '2026-11-03T10:00:00.000Z', CI),
      ),
    );
    const { records, unreadable } = await readHistories([laptop, ci]);
    expect(unreadable).toEqual([]);
    expect(records.map((r) => [r.id, r.machine.cpuModel])).toEqual([
      ['c1', 'AMD EPYC'],
      ['l1', 'M2'],
      ['shared', 'AMD EPYC'],
      ['c2', 'AMD EPYC'], // same time as l2: by id
      ['l2', 'M2'],
    ]);
    // The order of the files does not matter.
    expect((await readHistories([ci, laptop])).records).toEqual(records);
  });

  it('lists a missing file and a partly unreadable one; a missing own history is no history', async () => {
    const partly = join(root, 'partly.jsonl');
    const lines = [
      record('a', '2026-11-01T00:00:00.000Z', CI),
      ...Array.from({ length: 7 }, () => 'garbage'),
    ];
    await writeFile(partly, jsonl(...lines, '{"v":9}'));
    const missing = join(root, 'missing.jsonl');
    const { records, unreadable } = await readHistories([partly, missing, root]);
    expect(records.map((r) => r.id)).toEqual(['a']);
    expect(unreadable).toEqual([
      {
        file: partly,
        reason:
          '8 of 9 lines skipped (lines 2, 3, 4, 5, 6 and 2 more: not JSON (a torn write?); line 9: history format v9 (this perfsuite reads v1))',
      },
      { file: missing, reason: 'no such file' },
      { file: root, reason: 'a directory, not a history file' },
    ]);
    expect(await readHistories([missing], { missingIsEmpty: true })).toEqual({ records: [], unreadable: [] });
  });

  it('mergeRecords of nothing is nothing', () => {
    expect(mergeRecords([])).toEqual([]);
    expect(mergeRecords([[], []])).toEqual([]);
  });
});
