// Worker threads under the engines that profile them (pprof and cpu-prof): each worker's work is
// in the profile, under a frame per thread, whatever way it ends; 0x says that it sees none of it.
// The fixture (test/fixtures/threads.cjs) runs one shape of threads per mode; the shares of CPU
// are checked in cpu-threads-share.sequential.test.ts, alone, as timings are.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from './run-cli.js';
import { F, fn, folded, log, profile, re, threadLines } from './threads-fixture.js';

describe.each(['pprof', 'cpu-prof'])('worker threads, %s engine', (engine) => {
  it('two workers and the main thread each under their own thread frame', async () => {
    const result = await profile(engine, 'two');
    expect(result.threads).toBe(3);
    const threadOf = (name: string) =>
      re(String.raw`;worker (\d+) \(${F}\);.*\b` + name).exec(folded(result))?.[1];
    expect(threadOf('workerA')).toBeDefined();
    expect(threadOf('workerB')).toBeDefined();
    expect(threadOf('workerA')).not.toBe(threadOf('workerB'));
    expect(threadLines(result, /^main thread$/).join('\n')).toMatch(/mainHot/);
  });

  it('a worker started by a worker', async () => {
    const result = await profile(engine, 'nested');
    expect(result.threads).toBe(3);
    const nested = result.byProcess[0]?.threads.at(-1);
    expect(threadLines(result, re(String.raw`^worker 2 \(${F}\)$`)).join('\n')).toMatch(/nestedHot/);
    expect(nested?.threadId).toBe(2);
  });

  it('a worker ended by terminate(), and one that throws', async () => {
    const terminated = await profile(engine, 'terminate');
    expect(fn(terminated, 'terminatedHot')?.totalShare).toBeGreaterThan(0.3);
    expect(terminated.warning).toBeUndefined();
    const thrown = await profile(engine, 'throws');
    expect(log(thrown)).toContain('worker failed: thrown on purpose by the worker');
    expect(fn(thrown, 'throwingHot')?.totalShare).toBeGreaterThan(0.3);
  });

  it('a pool worker reused for many tasks, and process.exit() with a worker waiting', async () => {
    const pool = await profile(engine, 'pool');
    // 25 tasks of 40 ms: about 1 s of pooledHot, most of the busy time.
    expect(fn(pool, 'pooledHot')?.totalShare).toBeGreaterThan(0.5);
    expect(pool.warning).toBeUndefined();
    const exited = await profile(engine, 'exit');
    expect(fn(exited, 'pooledHot')?.totalShare).toBeGreaterThan(0.3);
  });

  it('a piscina pool with its defaults: threads parked in Atomics.wait, then destroyed', async () => {
    const result = await profile(engine, 'piscina');
    // 24 tasks of 40 ms of CPU over 2 threads: about 1 s of pooledTask, the most of the busy time
    // (lost, it would be none of it).
    expect(fn(result, 'pooledTask')?.totalShare).toBeGreaterThan(0.4);
    expect(result.warning).toBeUndefined();
    expect(result.byProcess[0]?.threads.map((t) => t.name)).toEqual([
      'main thread',
      expect.stringMatching(/^worker 1 \(.*piscina\/dist\/worker\.js\)$/),
      expect.stringMatching(/^worker 2 \(.*piscina\/dist\/worker\.js\)$/),
    ]);
    // piscina's worker code is loaded in the worker threads only: its frames are mapped through
    // piscina's own source maps all the same (cpu-prof maps them from each thread's saved maps).
    expect(folded(result)).toMatch(/;onMessage \([^;]*piscina\/src\/worker\.ts:\d+/);
  });

  it('a worker in a child process: processes and threads together', async () => {
    const result = await profile(engine, 'child');
    expect(result.processes).toBe(2);
    expect(result.threads).toBe(4);
    const child = result.byProcess.find((p) => re(`${F} two`).test(p.name));
    expect(child?.threads).toHaveLength(3);
    expect(folded(result)).toMatch(
      re(String.raw`^node ${F} two \(pid \d+\);worker \d+ \(${F}\);.*workerA`, 'm'),
    );
    expect(folded(result)).toMatch(re(String.raw`^node ${F} child \(pid \d+\);.*mainHot`, 'm'));
  });
});

describe('worker threads the engine cannot see', () => {
  it('pprof: a worker terminated in the middle of a long synchronous task is named in a warning', async () => {
    const result = await profile('pprof', 'busy');
    expect(result.warning).toMatch(/worker 1 \(threads\.cjs\) of pid \d+ ended without flushing/);
  });

  it('0x: a program that starts workers gets a warning naming the engines that include them', async () => {
    const result = await profile('0x', 'two');
    expect(result.warning).toMatch(/started 2 worker threads, and 0x profiles the main thread only/);
    expect(result.warning).toMatch(/--engine pprof and --engine cpu-prof include every thread/);
  });
});

describe('frame names', () => {
  it('the same anonymous function reads the same under all three engines', async () => {
    const anonymous = join(fixtures, 'anonymous.js');
    for (const engine of ['pprof', 'cpu-prof', '0x']) {
      const result = await profile(engine, '', anonymous);
      const hot = result.topSelf.find((f) => f.file === anonymous);
      expect({ engine, ...hot }).toMatchObject({ engine, name: '(anonymous)', line: 6, column: 5 });
      expect(folded(result)).not.toMatch(/L#\d/);
    }
  });
});
