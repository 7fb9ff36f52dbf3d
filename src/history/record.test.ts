import { describe, expect, it } from 'vitest';
import {
  crashedExample,
  leakingExample,
  plateauExample,
  serverLeakExample,
} from '../../test/support/memory-examples.js';
import { exampleResult } from '../../test/support/validate-example.js';
import type { CpuResult } from '../cpu/result.js';
import type { FunctionStat } from '../model/top.js';
import {
  fromCpuResults,
  fromMemoryResults,
  fromValidateResult,
  newRunId,
  portableFile,
  type RunContext,
  roundSignificant,
} from './record.js';
import { parseHistoryLine } from './record-schema.js';

const context: RunContext = {
  id: '20261130T120000Z-0000abcd',
  time: '2026-11-30T12:00:00.000Z',
  git: { commit: '33ce50ffd5ed1e3b7af126340b7c1d7f20a01612', branch: 'main', dirty: false },
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGb: 23.5, os: 'linux 6.1.0 x64', node: 'v20.20.2' },
  projectDir: '/app',
};

const stat = (name: string, selfShare: number, file?: string, line?: number): FunctionStat => ({
  name,
  ...(file ? { file } : {}),
  ...(line ? { line } : {}),
  self: selfShare * 1e9,
  total: selfShare * 2e9,
  selfShare,
  totalShare: selfShare * 2,
});

/** Shaped like the demo's `profile cpu all` results: a plain workload, a server under load, a crash. */
function cpuResults(): CpuResult[] {
  const base = {
    engine: 'pprof' as const,
    measures: 'wall time (@datadog/pprof)',
    processes: 1,
    threads: 1,
    byProcess: [],
    postProcessMs: 120.4,
    topTotal: [],
    files: {},
  };
  return [
    {
      ...base,
      suite: 'toml_parse',
      workload: 'large',
      state: 'ok',
      exitCode: 0,
      durationMs: 1437.218,
      sampleCount: 578,
      topSelf: [
        stat('toValueSync', 0.1296, '/home/ci/x/node_modules/liquidjs/dist/liquid.node.js', 650),
        stat('(garbage collector)', 0.0881),
        stat('parseTable', 0.0612, '/app/src/parse.ts', 41),
        stat('waitForWorker', 0.0771, 'node:internal/modules/esm/hooks', 585),
        stat('x'.repeat(300), 0.05, 'file:///app/src/gen.js', 1),
        stat('lstat', 0.04),
      ],
    },
    {
      ...base,
      suite: 'server',
      workload: 'render',
      state: 'ok',
      exitCode: 0,
      durationMs: 6190.476411,
      sampleCount: 2507,
      load: {
        kind: 'http',
        port: 35081,
        readyMs: 919.2,
        durationMs: 5034.66,
        requests: 2111,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
        rps: 419.29368169463487,
        latencyMs: { p50: 23.967, p90: 29.759, p99: 66.431, max: 265.727 },
      },
      topSelf: [stat('toValueSync', 0.1656, '/app/node_modules/liquidjs/dist/liquid.node.js', 650)],
    },
    {
      ...base,
      suite: 'file_ops',
      workload: 'write',
      engine: 'cpu-prof',
      state: 'failed',
      reason: 'exited with code 1',
      exitCode: 1,
      durationMs: 210.5,
      sampleCount: 0,
      topSelf: [],
    },
  ];
}

describe('fromCpuResults', () => {
  it('keeps per workload its wall time, samples, top 5 functions with portable locations, and load figures', () => {
    const record = fromCpuResults(cpuResults(), context);
    expect(record).toEqual({
      v: 1,
      id: context.id,
      t: context.time,
      cmd: 'cpu',
      git: context.git,
      machine: context.machine,
      cpu: [
        {
          w: 'toml_parse/large',
          ms: 1437,
          n: 578,
          top: [
            ['toValueSync', 'node_modules/liquidjs/dist/liquid.node.js:650', 0.13],
            ['(garbage collector)', '', 0.088],
            ['parseTable', 'src/parse.ts:41', 0.061],
            ['waitForWorker', 'node:internal/modules/esm/hooks:585', 0.077],
            [`${'x'.repeat(119)}…`, 'src/gen.js:1', 0.05],
          ],
        },
        {
          w: 'server/render',
          ms: 6190,
          n: 2507,
          top: [['toValueSync', 'node_modules/liquidjs/dist/liquid.node.js:650', 0.166]],
          rps: 419.3,
          p99: 66.43,
        },
        { w: 'file_ops/write', st: 'failed', eng: 'cpu-prof', ms: 210.5, n: 0, top: [] },
      ],
    });
    expect(parseHistoryLine(JSON.stringify(record))).toEqual({ record });
  });

  it('marks a run with an interrupted workload', () => {
    const results = cpuResults();
    (results[2] as CpuResult).state = 'interrupted';
    expect(fromCpuResults(results, context).interrupted).toBe(true);
    expect(fromCpuResults([], { ...context, git: undefined })).not.toHaveProperty('git');
  });
});

describe('fromMemoryResults', () => {
  it('keeps per workload its verdict, leak flag, peak in MB and a server load', () => {
    const results = [leakingExample(), plateauExample(), crashedExample(), serverLeakExample()];
    const record = fromMemoryResults(results, context);
    expect(record.cmd).toBe('memory');
    expect(record.mem).toEqual(
      results.map((r) => ({
        w: `${r.suite}/${r.workload}`,
        ...(r.state === 'ok' ? {} : { st: r.state }),
        verdict: r.verdict,
        leak: r.leak,
        peak: Math.round(r.peakRss / 1e4) / 100,
        ...(r.load ? { rps: roundSignificant(r.load.rps as number), p99: r.load.latencyMs?.p99 } : {}),
      })),
    );
    expect(record.mem?.[0]).toMatchObject({ verdict: 'linear', leak: true });
    expect(record.mem?.[2]).toMatchObject({ st: 'failed' });
    expect(record.mem?.[3]?.rps).toBeGreaterThan(0);
    expect(parseHistoryLine(JSON.stringify(record))).toEqual({ record });
  });
});

describe('fromValidateResult', () => {
  it('keeps per measurement median, p95, n and the worse baseline verdict; servers; suites; exit code', () => {
    const result = exampleResult();
    const record = fromValidateResult(result, context);
    expect(record.t).toBe(result.startedAt);
    expect(record.machine).toEqual(result.machine);
    expect(record.suites).toEqual(result.suites);
    expect(record.exit).toBe(result.exitCode);
    expect(record.base).toBe('main');
    const withSamples = result.measurements.filter((m) => m.summary);
    expect(Object.keys(record.m ?? {})).toEqual(withSamples.map((m) => m.id));
    const wall = result.measurements.find((m) => m.id === 'commands/dry_run:wall');
    expect(record.m?.['commands/dry_run:wall']).toEqual({
      u: 'ms',
      med: roundSignificant(wall?.summary?.median as number),
      p95: roundSignificant(wall?.summary?.p95 as number),
      n: 10,
      chg:
        Math.round(
          (result.baseline?.comparisons.find((c) => c.id === wall?.id)?.comparison.changePct ?? 0) * 10,
        ) / 10,
      vd: 'regressed',
    });
    // The run once: no comparison, n 1.
    expect(record.m?.['commands/init:wall']).toEqual({ u: 'ms', med: 1720, p95: 1720, n: 1 });
    // A latency has two comparisons (p50, p99): the worse is kept; its n is its runs.
    expect(record.m?.['servers/api:latency']).toMatchObject({ u: 'ms', n: 5, vd: 'regressed' });
    expect(record.m?.['bench/parse/small:call']).toMatchObject({ vd: 'improved' });
    const server = result.servers[0];
    expect(record.servers).toEqual([
      {
        w: 'servers/api',
        rps: roundSignificant(server?.total.rps as number),
        p99: roundSignificant(server?.total.latencyMs?.p99 as number),
      },
    ]);
    const line = JSON.stringify(record);
    expect(parseHistoryLine(line)).toEqual({ record });
    expect(Buffer.byteLength(line)).toBeLessThan(3000);
  });

  it('keeps the machine name given to the run', () => {
    const named = { ...context, machine: { ...context.machine, name: 'ci-shard-1' } };
    expect(fromValidateResult(exampleResult(), named).machine.name).toBe('ci-shard-1');
  });
});

describe('helpers', () => {
  it('rounds to significant digits', () => {
    expect(roundSignificant(1437.218)).toBe(1437);
    expect(roundSignificant(0.0099137)).toBe(0.009914);
    expect(roundSignificant(66.431)).toBe(66.43);
    expect(roundSignificant(0)).toBe(0);
    expect(roundSignificant(-12.3456)).toBe(-12.35);
  });

  it('makes run ids of the time and 32 random bits', () => {
    expect(newRunId('2026-11-30T12:00:05.123Z', () => 0.5)).toBe('20261130T120005Z-80000000');
    expect(newRunId('2026-11-30T12:00:05.123Z')).toMatch(/^20261130T120005Z-[0-9a-f]{8}$/);
  });

  it('makes file locations portable', () => {
    expect(portableFile('/app/src/a.ts', '/app')).toBe('src/a.ts');
    expect(portableFile('/other/lib/a.js', '/app')).toBe('/other/lib/a.js');
    expect(portableFile('/x/node_modules/a/node_modules/b/i.js', '/app')).toBe('node_modules/b/i.js');
    expect(portableFile('file:///app/src/a.js', '/app')).toBe('src/a.js');
    expect(portableFile('node:fs', '/app')).toBe('node:fs');
    expect(portableFile(undefined, '/app')).toBe('');
  });
});
