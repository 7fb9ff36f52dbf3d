import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HeapReading, ProbeRecord } from '../agent/protocol.cjs';
import { collectSeries, requestsAt } from './collect.js';

const T0 = 1_700_000_000_000;

function heap(t: number, heapUsed: number): HeapReading {
  return { t: T0 + t, rss: 50e6, heapUsed, heapTotal: 2 * heapUsed, external: 1000, arrayBuffers: 100 };
}

/** An artifact directory as the agent leaves it: `<pid>.memory.jsonl` and `<pid>.probe.jsonl`. */
function artifacts(files: Record<string, unknown[]>, tornLine = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfsuite-collect-'));
  for (const [name, rows] of Object.entries(files)) {
    writeFileSync(join(dir, name), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n${tornLine}`);
  }
  return dir;
}

const rss = (t: number, bytes: number) => ({ t: T0 + t, rss: bytes, processes: 2 });

describe('collectSeries', () => {
  it('sums the latest V8 reading of every process at each RSS reading and counts iterations', async () => {
    const iterations: ProbeRecord[] = [
      { t: T0 + 50, kind: 'iteration', count: 2 },
      { t: T0 + 150, kind: 'iteration', count: 3 },
    ];
    const dir = artifacts(
      {
        '10.memory.jsonl': [heap(0, 1000), heap(100, 1100), heap(200, 1200)],
        '11.memory.jsonl': [heap(90, 500), heap(190, 600)],
        '10.probe.jsonl': iterations,
      },
      '{"t": 17000000', // a torn last line, as a killed process leaves it
    );
    const { samples, processes } = await collectSeries(
      dir,
      [rss(0, 10e6), rss(100, 11e6), rss(200, 12e6)],
      T0,
      100,
    );
    expect(processes).toBe(2);
    expect(samples.map((s) => [s.t, s.rss, s.heapUsed, s.iteration])).toEqual([
      [0, 10e6, 1000, 0],
      [0.1, 11e6, 1100 + 500, 2],
      [0.2, 12e6, 1200 + 600, 5],
    ]);
  });

  it("counts a load's responses at each reading from its timeline: 0 before, the total after", async () => {
    const dir = artifacts({ '10.memory.jsonl': [heap(0, 1000)] });
    const load = [
      { t: T0 + 150, requests: 0 },
      { t: T0 + 250, requests: 100 },
      { t: T0 + 350, requests: 300 },
    ];
    const readings = [0, 100, 200, 300, 400].map((t) => rss(t, 1e6));
    const { samples } = await collectSeries(dir, readings, T0, 100, Number.POSITIVE_INFINITY, load);
    expect(samples.map((s) => s.requests)).toEqual([0, 0, 50, 200, 300]);
    const without = await collectSeries(dir, readings, T0, 100);
    expect(without.samples.every((s) => s.requests === undefined)).toBe(true);
  });

  it('leaves out every reading taken after the stop signal (shutdown, not workload)', async () => {
    const dir = artifacts({ '10.memory.jsonl': [heap(0, 1000), heap(100, 1100), heap(200, 1200)] });
    const timeline = [rss(0, 10e6), rss(100, 11e6), rss(200, 4e6), rss(300, 1e6)];
    const { samples } = await collectSeries(dir, timeline, T0, 100, T0 + 150);
    expect(samples.map((s) => s.rss)).toEqual([10e6, 11e6]);
  });

  it('falls back on the agent readings, in time order and cut at the stop signal, without RSS readings', async () => {
    const dir = artifacts({
      '10.memory.jsonl': [heap(200, 1200), heap(0, 1000)],
      '11.memory.jsonl': [heap(100, 500), heap(400, 700)],
    });
    const { samples } = await collectSeries(dir, [], T0, 100, T0 + 300);
    expect(samples.map((s) => s.t)).toEqual([0, 0.1, 0.2]);
  });

  it('stops counting a process whose last V8 reading is stale', async () => {
    const dir = artifacts({ '10.memory.jsonl': [heap(0, 1000)] });
    const { samples } = await collectSeries(dir, [rss(500, 1e6), rss(1500, 1e6)], T0, 100);
    expect(samples.map((s) => s.heapUsed)).toEqual([1000, undefined]);
  });

  it("sums a worker thread's heap with its process's, and keeps each thread's own readings", async () => {
    const dir = artifacts({
      '10.memory.jsonl': [heap(0, 1000), heap(100, 1100)],
      '10.t1.memory.jsonl': [heap(50, 300), heap(150, 400)],
    });
    const { samples, processes, threads } = await collectSeries(dir, [rss(100, 1e6), rss(200, 1e6)], T0, 100);
    expect(processes).toBe(1);
    expect(samples.map((s) => s.heapUsed)).toEqual([1100 + 300, 1100 + 400]);
    expect(threads.map((t) => [t.pid, t.threadId, t.readings.length])).toEqual(
      expect.arrayContaining([
        [10, 0, 2],
        [10, 1, 2],
      ]),
    );
  });

  it("keeps a parked worker's last reading until its recorded end, stale or not", async () => {
    const parked = { ...heap(0, 300), parked: true };
    const dir = artifacts({ '10.memory.jsonl': [heap(0, 1000)], '10.t1.memory.jsonl': [parked] });
    writeFileSync(join(dir, '10.t1.json'), JSON.stringify({ pid: 10, threadId: 1, endedAt: T0 + 3000 }));
    const timeline = [rss(2000, 1e6), rss(4000, 1e6)];
    const { samples } = await collectSeries(dir, timeline, T0, 100);
    // At 2 s the main thread's reading is stale but the parked worker's is not; at 4 s it has ended.
    expect(samples.map((s) => s.heapUsed)).toEqual([300, undefined]);
  });
});

describe('requestsAt', () => {
  const timeline = [
    { t: 1000, requests: 0 },
    { t: 1100, requests: 40 },
    { t: 1200, requests: 40 },
    { t: 1300, requests: 100 },
  ];
  it('interpolates between the points of the timeline', () => {
    expect(requestsAt(timeline, 1050)).toBe(20);
    expect(requestsAt(timeline, 1150)).toBe(40);
    expect(requestsAt(timeline, 1275)).toBe(85);
    expect(requestsAt(timeline, 1100)).toBe(40);
  });
  it('is 0 before the load and its total after; 0 without a timeline', () => {
    expect(requestsAt(timeline, 999)).toBe(0);
    expect(requestsAt(timeline, 5000)).toBe(100);
    expect(requestsAt([], 1000)).toBe(0);
    expect(requestsAt([{ t: 1000, requests: 7 }], 1000)).toBe(7);
  });
});
