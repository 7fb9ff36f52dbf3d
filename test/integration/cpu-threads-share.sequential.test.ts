// A worker's hot function has its true share of CPU in the profile (within 5 points), under its own
// thread frame. Alone (a .sequential test): samples are taken on a wall clock, and another test's
// workload competing for the two cores would skew wall time away from CPU time.
import { describe, expect, it } from 'vitest';
import { F, fn, log, profile, re, threadLines } from './threads-fixture.js';

describe.each(['pprof', 'cpu-prof'])('worker threads, %s engine', (engine) => {
  it("a worker's hot function has its true share of CPU, under its own thread frame", async () => {
    const result = await profile(engine, 'share');
    const truth = JSON.parse(/^cpu (.*)$/m.exec(log(result))?.[1] ?? '{}') as Record<string, number>;
    const share = (name: string) => (truth[name] as number) / (truth.total as number);
    expect(share('workerHot')).toBeGreaterThan(0.5);
    expect(Math.abs((fn(result, 'workerHot')?.totalShare ?? 0) - share('workerHot'))).toBeLessThan(0.05);
    expect(Math.abs((fn(result, 'mainHot')?.totalShare ?? 0) - share('mainHot'))).toBeLessThan(0.05);
    expect(threadLines(result, re(String.raw`^worker \d+ \(${F}\)$`)).join('\n')).toMatch(/workerHot/);
    expect(threadLines(result, /^main thread$/).join('\n')).toMatch(/mainHot/);
    expect(threadLines(result, /^main thread$/).join('\n')).not.toMatch(/workerHot/);
    expect(result.processes).toBe(1);
    expect(result.threads).toBe(2);
    const [proc] = result.byProcess;
    expect(proc?.name).toMatch(re(String.raw`^node ${F} share \(pid \d+\)$`));
    expect(proc?.threads.map((t) => t.name)).toEqual([
      'main thread',
      expect.stringMatching(re(String.raw`^worker \d+ \(${F}\)$`)),
    ]);
    expect(proc?.threads.every((t) => t.samples > 100)).toBe(true);
    expect(proc?.samples).toBe(result.sampleCount);
    // The thread and process frames group functions; they are not functions of the top tables.
    expect(
      result.topTotal.some((f) => re(String.raw`^(main thread|worker \d+|node ${F})`).test(f.name)),
    ).toBe(false);
  });
});
