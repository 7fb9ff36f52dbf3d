import { describe, expect, it } from 'vitest';
import type { ProcessRecord } from '../agent/protocol.cjs';
import type { ProcessProfile } from '../engines/engine.js';
import { toFolded } from '../model/folded.js';
import { ProfileBuilder } from '../model/profile.js';
import { topFunctions } from '../model/top.js';
import { combineProcesses, summarizeProcesses } from './combine.js';

function profileOf(frames: { name: string; file?: string }[], value: number) {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  b.addSample(
    frames.map((f) => b.frameId(f)),
    [value],
  );
  return b.build();
}
const record = (pid: number, script: string, startedAt: number): ProcessRecord => ({
  pid,
  ppid: 1,
  argv: ['/usr/bin/node', script],
  startedAt,
  endedAt: startedAt + 10,
  endedBy: 'exit',
  files: [],
});

describe('combineProcesses', () => {
  const app: ProcessProfile = {
    pid: 10,
    process: record(10, '/repo/app.js', 1),
    threads: [
      { threadId: 0, profile: profileOf([{ name: 'main', file: '/repo/app.js' }], 2) },
      {
        threadId: 1,
        profile: profileOf([{ name: 'work', file: '/repo/pool.js' }], 5),
        start: { threadId: 1, parentThreadId: 0, entry: '/repo/pool.js', startedAt: 2 },
      },
      {
        threadId: 2,
        profile: profileOf([{ name: 'load', file: 'node:internal/modules/esm/worker' }], 1),
      },
    ],
  };
  const child: ProcessProfile = {
    pid: 11,
    process: record(11, '/elsewhere/child.js', 5),
    threads: [{ threadId: 0, profile: profileOf([{ name: 'childWork', file: '/elsewhere/child.js' }], 3) }],
  };

  it('puts a frame per process and, where a process has several, a frame per thread', () => {
    const combined = combineProcesses([child, app], { title: 't' }, '/repo');
    expect(toFolded(combined?.profile as never)).toBe(
      [
        'node app.js (pid 10);main thread;main (/repo/app.js) 2',
        'node app.js (pid 10);worker 1 (pool.js);work (/repo/pool.js) 5',
        'node app.js (pid 10);worker 2 (module hooks);load (node:internal/modules/esm/worker) 1',
        'node child.js (pid 11);childWork (/elsewhere/child.js) 3',
        '',
      ].join('\n'),
    );
    const top = topFunctions(combined?.profile as never, { sortBy: 'total', exclude: combined?.isGrouping });
    expect(top.map((f) => f.name)).toEqual(['work', 'childWork', 'main', 'load']);
  });

  it('keeps a single-threaded process as it is', () => {
    const combined = combineProcesses([child], { title: 't' }, '/repo');
    expect(toFolded(combined?.profile as never)).toBe('childWork (/elsewhere/child.js) 3\n');
    expect(combined?.profile.meta.title).toBe('t');
  });

  it('lists processes oldest first with their threads and sample counts', () => {
    expect(summarizeProcesses([child, app], '/repo')).toEqual([
      {
        pid: 10,
        name: 'node app.js (pid 10)',
        samples: 8,
        threads: [
          { threadId: 0, name: 'main thread', samples: 2 },
          { threadId: 1, name: 'worker 1 (pool.js)', samples: 5 },
          { threadId: 2, name: 'worker 2 (module hooks)', samples: 1 },
        ],
      },
      {
        pid: 11,
        name: 'node child.js (pid 11)',
        samples: 3,
        threads: [{ threadId: 0, name: 'main thread', samples: 3 }],
      },
    ]);
  });
});
