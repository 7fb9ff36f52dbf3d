/**
 * Every workload of the demo config really runs (in quick mode, DEMO_QUICK=1) and exits 0, and
 * the config itself validates against perfsuite's schema with files and cases that exist.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import config from '../../examples/demo/profile.config.js';
import { configSchema } from '../../src/config/schema.js';
import { DEMO_DIR, FIXTURE_PROJECT, TSX } from './helpers.js';

const parsed = configSchema.parse(config);
// The suites `profile cpu all` runs; the memory and validate-only suites have tests of their own.
const workloads = Object.entries(parsed.suites)
  .filter(([, suite]) => (suite.for ?? ['cpu']).includes('cpu'))
  .flatMap(([suite, { workloads }]) =>
    Object.entries(workloads).map(([name, workload]) => ({ id: `${suite}/${name}`, suite, name, workload })),
  );

describe('examples/demo/profile.config.ts', () => {
  it('has the suites and workloads perfsuite documents as its default', () => {
    expect(workloads.map((w) => w.id)).toEqual([
      'template_render/simple',
      'template_render/medium',
      'template_render/complex',
      'toml_parse/simple',
      'toml_parse/medium',
      'toml_parse/large',
      'file_ops/read',
      'file_ops/write',
      'file_ops/scan',
      'hot_reload/cycles',
      'scalability/files_1',
      'scalability/files_10',
      'scalability/files_100',
      'parallel/run_jobs_4',
      'server/health',
      'server/render',
      'cli/render_cmd',
    ]);
    for (const { workload } of workloads) expect(workload.description).toBeTruthy();
  });

  it('points at files that exist', () => {
    for (const { workload } of workloads) {
      expect(workload.script && existsSync(path.join(DEMO_DIR, workload.script))).toBe(true);
    }
  });
});

describe('the server suite', () => {
  const servers = workloads.filter((w) => w.workload.load);

  it('runs `demo serve` on the fixture project under a few seconds of load, a cheap route and an expensive one', () => {
    expect(servers.map((w) => w.id)).toEqual(['server/health', 'server/render']);
    for (const { workload } of servers) {
      expect(workload.script).toBe('src/cli.ts');
      expect(workload.args).toEqual(['serve', FIXTURE_PROJECT]);
      // `profile cpu all` stays well under a minute; the end of the load stops the server.
      expect(workload.load?.duration).toBeLessThanOrEqual(6);
      expect(workload.duration).toBeUndefined();
    }
    // `profile validate`: throughput (a lower bound) and p99 latency of the built-in load.
    for (const { workload } of servers) {
      expect(workload.validate?.targets.map((t) => `${t.metric} ${t.stat}`)).toEqual([
        'rps min',
        'latency p99',
      ]);
    }
    expect(servers.map((w) => w.workload.load?.paths)).toEqual([
      ['/health'],
      ['/render/checkout?scenarios=20', '/render/inventory?scenarios=20', '/render/smoke?scenarios=20'],
    ]);
  });
});

describe('demo workloads (quick mode)', () => {
  // Concurrent: each test mostly waits for its child process. Servers run until stopped: serve.test.ts.
  // The CLI's own workload has no quick mode: the test after this block runs it whole.
  it.concurrent.each(workloads.filter((w) => !w.workload.load && w.suite !== 'cli'))(
    '$id runs and exits 0',
    async ({ suite, name, workload }) => {
      const result = await execa('node', ['--import', TSX, workload.script as string, ...workload.args], {
        cwd: DEMO_DIR,
        env: { DEMO_QUICK: '1' },
        reject: false,
        all: true,
      });
      expect(result.all).toContain(`${suite} ${name}:`);
      expect(result.exitCode).toBe(0);
    },
  );

  it('cli/render_cmd runs the real CLI and exits 0', async () => {
    const workload = workloads.find((w) => w.id === 'cli/render_cmd')?.workload;
    const result = await execa('node', ['--import', TSX, workload?.script ?? '', ...(workload?.args ?? [])], {
      cwd: DEMO_DIR,
      reject: false,
      all: true,
    });
    expect(result.all).toMatch(/5 passed, 0 failed, 3 files rendered/);
    expect(result.exitCode).toBe(0);
  });

  it('a workload given an unknown case exits 2 and lists the cases', async () => {
    const result = await execa('node', ['--import', TSX, 'workloads/toml_parse.ts', 'huge'], {
      cwd: DEMO_DIR,
      reject: false,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('usage: toml_parse <simple|medium|large>');
  });
});
