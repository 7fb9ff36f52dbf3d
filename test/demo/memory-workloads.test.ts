/**
 * The demo's memory scenarios (examples/demo/workloads/memory/): the `memory` suite of the demo
 * config validates with the budgets of the original suite, every scenario really runs (quick mode)
 * and exits 0, a scenario stopped the way perfsuite stops it (SIGINT to its process group) cleans up
 * and exits 0, even when the signal reaches its children before they can ignore it, and the worker
 * pool leaves no child process behind.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import pidtree from 'pidtree';
import { describe, expect, it } from 'vitest';
import config from '../../examples/demo/profile.config.js';
import { configSchema } from '../../src/config/schema.js';
import { DEMO_DIR, TSX } from './helpers.js';

const suite = configSchema.parse(config).suites.memory;
const scenarios = Object.entries(suite?.workloads ?? {}).map(([name, workload]) => ({ name, workload }));

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The child pids the worker pool prints in its summary line: `(pids 1,2,3,4)`. */
function poolPids(output: string): number[] {
  const match = /\(pids ([\d,]+)\)/.exec(output);
  return match?.[1]?.split(',').map(Number) ?? [];
}

/** Starts a scenario as perfsuite does: its own process group, no quick mode, until a signal. */
function startUntilStopped(script: string) {
  return execa('node', ['--import', TSX, script], {
    cwd: DEMO_DIR,
    env: { DEMO_QUICK: '' },
    detached: true,
    reject: false,
    all: true,
  });
}

describe('the memory suite of examples/demo/profile.config.ts', () => {
  it('runs only under `profile memory all`, with the seven scenarios and their expectations', () => {
    expect(suite?.for).toEqual(['memory']);
    const expectations = Object.fromEntries(scenarios.map(({ name, workload }) => [name, workload.memory]));
    expect(expectations).toEqual({
      watcher: { component: 'watcher', peakRssMb: 10, expect: 'stable' },
      sustained_load: { component: 'template cache', peakRssMb: 50, expect: 'stable' },
      scalability_100: { expect: 'stable' },
      worker_pool: { component: 'worker pool', peakRssMb: 100, expect: 'stable' },
      server_load: { component: 'preview server', expect: 'stable' },
      unbounded_cache: { expect: 'growth' },
      doubling_structure: { expect: 'growth' },
    });
  });

  it('gives each scenario a script that exists and a duration long enough for a verdict', () => {
    for (const { workload } of scenarios) {
      expect(workload.script && existsSync(path.join(DEMO_DIR, workload.script))).toBe(true);
      // docs/memory-method.md: GC-sawtooth series need about 20 s of samples to settle. A server
      // runs as long as its load, then is stopped.
      expect(workload.load?.duration ?? workload.duration).toBeGreaterThanOrEqual(20);
      expect(workload.description).toBeTruthy();
    }
  });

  it('has server_load run `demo serve` under sustained load, stopped by the end of the load', () => {
    const server = suite?.workloads.server_load;
    expect(server?.script).toBe('src/cli.ts');
    expect(server?.args).toEqual(['serve', path.join(DEMO_DIR, 'fixtures', 'project')]);
    expect(server?.duration).toBeUndefined();
    expect(server?.load?.duration).toBe(28);
    expect(server?.load?.paths?.every((p) => p.startsWith('/render/'))).toBe(true);
  });
});

describe('memory scenarios (quick mode)', () => {
  // A server runs until stopped; serve.test.ts runs and stops it.
  const scripts = scenarios.filter(({ workload }) => !workload.load);
  it.concurrent.each(scripts)('$name runs about 1 s and exits 0', async ({ name, workload }) => {
    const result = await execa('node', ['--import', TSX, workload.script as string], {
      cwd: DEMO_DIR,
      env: { DEMO_QUICK: '1' },
      reject: false,
      all: true,
    });
    expect(result.all).toMatch(new RegExp(`^memory ${name}: .*, \\d+\\.\\d s, stopped by time$`, 'm'));
    expect(result.exitCode).toBe(0);
    if (name === 'worker_pool') {
      const pids = poolPids(result.all);
      expect(pids).toHaveLength(4);
      expect(pids.filter(alive)).toEqual([]);
    }
  });

  it('a scenario given a bad run length exits 2 with its usage', async () => {
    const result = await execa('node', ['--import', TSX, 'workloads/memory/sustained_load.ts', 'soon'], {
      cwd: DEMO_DIR,
      env: { DEMO_QUICK: '' },
      reject: false,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('usage: sustained_load [seconds]');
  });
});

describe('memory scenarios stopped as perfsuite stops them (SIGINT to the process group)', () => {
  it.concurrent.each(['worker_pool', 'watcher'])('%s cleans up and exits 0', async (name) => {
    const run = startUntilStopped(`workloads/memory/${name}.ts`);
    // Long enough for tsx to load, the children or the watcher to start, and some work to be done.
    await sleep(4000);
    process.kill(-(run.pid as number), 'SIGINT');
    const result = await run;
    expect(result.all).toMatch(new RegExp(`^memory ${name}: .*stopped by SIGINT$`, 'm'));
    expect(result.exitCode).toBe(0);
    if (name === 'worker_pool') {
      const pids = poolPids(result.all);
      expect(pids).toHaveLength(4);
      expect(pids.filter(alive)).toEqual([]);
    }
  });
});

describe('worker_pool stopped while its children are still starting', () => {
  it('takes their death by the same SIGINT as part of the stop: exits 0, no child left', async () => {
    const run = startUntilStopped('workloads/memory/worker_pool.ts');
    const pid = run.pid as number;
    // The children are forked together in one loop: once they exist they are all still loading tsx,
    // with no SIGINT handler yet, so the group's SIGINT kills them (the race that made the test above flaky).
    for (let waited = 0; (await pidtree(pid).catch(() => [])).length < 4; waited += 20) {
      if (waited > 20_000) throw new Error('the pool never started its children');
      await sleep(20);
    }
    process.kill(-pid, 'SIGINT');
    const result = await run;
    expect(result.all).toMatch(/^memory worker_pool: .*stopped by SIGINT$/m);
    expect(result.exitCode).toBe(0);
    const pids = poolPids(result.all);
    expect(pids).toHaveLength(4);
    expect(pids.filter(alive)).toEqual([]);
  });
});
