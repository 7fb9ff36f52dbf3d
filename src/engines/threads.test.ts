import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadRecord, ThreadStart } from '../agent/protocol.cjs';
import { ProfileBuilder } from '../model/profile.js';
import { groupThreads, programWorkers } from './threads.js';

function oneSample(name: string, value: number) {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  b.addSample([b.frameId({ name, file: '/w.js', line: 1 })], [value]);
  return b.build();
}

describe('groupThreads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfsuite-threads-'));
  const starts: ThreadStart[] = [
    { threadId: 1, parentThreadId: 0, entry: '/app/pool.js', startedAt: 1 },
    { threadId: 2, parentThreadId: 1, entry: 'eval', startedAt: 2 },
  ];
  writeFileSync(join(dir, '7.threads.jsonl'), `${starts.map((s) => JSON.stringify(s)).join('\n')}\n`);
  const ended: ThreadRecord = {
    pid: 7,
    threadId: 1,
    startedAt: 1,
    endedAt: 3,
    endedBy: 'terminate',
    files: [],
  };
  writeFileSync(join(dir, '7.t1.json'), JSON.stringify(ended));
  const parts = [
    { pid: 7, threadId: 1, profile: oneSample('chunkOne', 2) },
    { pid: 7, threadId: 0, profile: oneSample('main', 1) },
    { pid: 7, threadId: 1, profile: oneSample('chunkTwo', 3) },
    { pid: 7, threadId: 2, profile: oneSample('nested', 4) },
  ];

  it("merges a worker's chunks, orders threads, and attaches how each started and ended", async () => {
    const { processes } = await groupThreads(dir, parts, { agentFlushes: () => false });
    expect(processes).toHaveLength(1);
    const [proc] = processes;
    expect(proc?.threads.map((t) => t.threadId)).toEqual([0, 1, 2]);
    const worker = proc?.threads[1];
    expect(worker?.profile.samples.map((s) => s.values[0])).toEqual([2, 3]);
    expect(worker?.start?.entry).toBe('/app/pool.js');
    expect(worker?.end?.endedBy).toBe('terminate');
    expect(proc?.threads[2]?.end).toBeUndefined();
  });

  it('warns about a worker that ended without flushing, where the agent writes the profiles', async () => {
    expect((await groupThreads(dir, parts, { agentFlushes: () => false })).warnings).toEqual([]);
    const { warnings } = await groupThreads(dir, parts, { agentFlushes: () => true });
    expect(warnings).toEqual([
      'worker 2 (eval) of pid 7 ended without flushing (stopped while busy, or killed with the process): up to its last second of samples is missing',
    ]);
  });
});

describe('programWorkers', () => {
  it("keeps the workers descended from the main thread, not those of Node's own threads", () => {
    const start = (threadId: number, parentThreadId: number, startedAt: number): ThreadStart => ({
      threadId,
      parentThreadId,
      entry: `/w${threadId}.js`,
      startedAt,
    });
    // 1 is tsx's module-hooks thread (never recorded), which starts esbuild's worker 2.
    const starts = [start(4, 3, 30), start(2, 1, 10), start(3, 0, 20)];
    expect(programWorkers(starts).map((s) => s.threadId)).toEqual([3, 4]);
  });
});
