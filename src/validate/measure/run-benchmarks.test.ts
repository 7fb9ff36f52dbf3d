// Runs the real harness (dist/, so after `npm run build`) on the fixtures of test/fixtures/bench in a
// child process, as `profile validate` does: no part of it is mocked.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type Benchmarks, benchmarksSchema } from '../../config/schema.js';
import { UserError } from '../../util/user-error.js';
import type { Measurement } from '../measurement.js';
import { runBenchmarks } from './run-benchmarks.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/bench/', import.meta.url));
const logDir = mkdtempSync(join(tmpdir(), 'perfsuite-bench-test-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

function config(file: string, extra: Partial<Benchmarks> = {}): Benchmarks {
  // 100 ms per function keeps the tests quick; the figures are not what is tested.
  return benchmarksSchema.parse({ file, time: 100, ...extra });
}

function run(benchmarks: Benchmarks, filters: string[], timeoutMs = 60_000): Promise<Measurement[]> {
  const logFile = join(logDir, `${filters.join('_').replace(/\W/g, '') || 'all'}-${Date.now()}.log`);
  return runBenchmarks('fx', benchmarks, fixtures, { filters, timeoutMs, logFile });
}

function byName(measurements: Measurement[]): Record<string, Measurement> {
  return Object.fromEntries(measurements.map((m) => [m.name, m]));
}

describe('runBenchmarks', () => {
  it('measures each function of the selected group; the one doing 10x the work has the larger median', async () => {
    const benchmarks = config('basic.bench.ts', {
      targets: {
        'speed/fast': [{ metric: 'wall', stat: 'median', max: 10_000, tolerance: 0.1 }],
        'speed/slow': [{ metric: 'wall', stat: 'p95', max: 1e-9, tolerance: 0, component: 'slow p95' }],
      },
    });
    const measurements = await run(benchmarks, ['/^speed$/']);
    expect(measurements.map((m) => m.id)).toEqual(['fx/speed/fast:call', 'fx/speed/slow:call']);
    const { 'speed/fast': fast, 'speed/slow': slow } = byName(measurements);
    for (const m of [fast, slow]) {
      expect(m?.kind).toBe('benchmark');
      expect(m?.metric).toBe('call');
      expect(m?.unit).toBe('ms');
      expect(m?.failures).toEqual([]);
      // tinybench's minimum of 10 measured calls.
      expect(m?.samples.length).toBeGreaterThanOrEqual(10);
      expect(m?.samples.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    }
    expect(slow?.summary?.median).toBeGreaterThan(fast?.summary?.median ?? Number.POSITIVE_INFINITY);
    // Targets come from benchmarks.targets["group/name"]; the metric key is ignored.
    expect(fast?.targets.map((t) => [t.component, t.stat, t.verdict])).toEqual([
      ['fx/speed/fast call', 'median', 'pass'],
    ]);
    expect(slow?.targets.map((t) => [t.component, t.verdict])).toEqual([['slow p95', 'fail']]);
  });

  it('reports a function that throws while the others of the run are measured, group hooks included', async () => {
    const measurements = byName(await run(config('basic.bench.ts'), ['faulty', 'hooks']));
    expect(Object.keys(measurements)).toEqual([
      'faulty/throws',
      'faulty/fine',
      'hooks/prepared',
      'hooks/async',
    ]);
    const failed = measurements['faulty/throws'];
    expect(failed?.samples).toEqual([]);
    expect(failed?.summary).toBeNull();
    expect(failed?.failures).toHaveLength(1);
    expect(failed?.failures[0]).toMatch(/^threw Error: boom from faulty\/throws \(stack in .*\.log\)$/);
    for (const name of ['faulty/fine', 'hooks/prepared', 'hooks/async']) {
      const m = measurements[name];
      expect(m?.failures, name).toEqual([]);
      expect(m?.samples.length, name).toBeGreaterThanOrEqual(10);
      // Fast functions give tens of thousands of calls; only an evenly spaced 10,000 are kept.
      expect(m?.samples.length, name).toBeLessThanOrEqual(10_000);
    }
  });

  it('filters by substring of "group/name"', async () => {
    const measurements = await run(config('basic.bench.ts'), ['speed/fa', 'faulty/fine']);
    expect(measurements.map((m) => m.name)).toEqual(['speed/fast', 'faulty/fine']);
  });

  it('keeps what finished when the process times out, and says why the rest was not measured', async () => {
    // Generous for a loaded machine: start-up and speed/fast take about 1 s.
    const measurements = byName(await run(config('basic.bench.ts'), ['speed/fast', 'stuck'], 8_000));
    expect(measurements['speed/fast']?.failures).toEqual([]);
    expect(measurements['speed/fast']?.samples.length).toBeGreaterThan(0);
    expect(measurements['stuck/forever']?.samples).toEqual([]);
    expect(measurements['stuck/forever']?.failures).toEqual([
      'not measured: the benchmark process timed out after 8 s; its process tree was killed',
    ]);
  });

  it('stops on abort (Ctrl-C) and keeps what finished', async () => {
    const controller = new AbortController();
    const logFile = join(logDir, 'abort.log');
    const running = runBenchmarks('fx', config('basic.bench.ts'), fixtures, {
      filters: ['speed/fast', 'stuck'],
      timeoutMs: 60_000,
      logFile,
      signal: controller.signal,
    });
    // Abort once speed/fast is done: its progress line is in the log.
    while (!readFileSync(logFile, { encoding: 'utf8', flag: 'a+' }).includes('speed/fast:')) {
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    const measurements = byName(await running);
    expect(measurements['speed/fast']?.samples.length).toBeGreaterThan(0);
    expect(measurements['stuck/forever']?.failures).toEqual([
      'not measured: the benchmark process was interrupted (Ctrl-C)',
    ]);
  });

  it('writes the harness output to the log file', async () => {
    const logFile = join(logDir, 'progress.log');
    await runBenchmarks('fx', config('basic.bench.ts'), fixtures, {
      filters: ['faulty'],
      timeoutMs: 60_000,
      logFile,
    });
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/^faulty\/fine: \d+ calls, mean /m);
    expect(log).toContain('basic.bench.ts:');
  });
});

describe('the demo benchmarks', () => {
  it('examples/demo/bench/templates.bench.ts measures every render and parse function', async () => {
    const demo = fileURLToPath(new URL('../../../examples/demo/', import.meta.url));
    // Imports 'perfsuite/bench': the package's own export, as a user's benchmark file does.
    const measurements = await runBenchmarks(
      'bench',
      config('bench/templates.bench.ts', { time: 20 }),
      demo,
      {
        filters: [],
        timeoutMs: 60_000,
        logFile: join(logDir, 'demo.log'),
      },
    );
    expect(measurements.map((m) => m.id)).toEqual([
      'bench/render/simple:call',
      'bench/render/medium:call',
      'bench/render/complex:call',
      'bench/parse/small:call',
      'bench/parse/medium:call',
      'bench/parse/large:call',
    ]);
    for (const m of measurements) {
      expect(m.failures, m.name).toEqual([]);
      expect(m.samples.length, m.name).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('runBenchmarks user errors', () => {
  async function userError(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }

  it('a missing file names the file and the config key', async () => {
    const message = await userError(run(config('missing.bench.ts'), []));
    expect(message).toContain(join(fixtures, 'missing.bench.ts'));
    expect(message).toContain('suites.fx.benchmarks.file is "missing.bench.ts"');
  });

  it('a default export not made by defineBenchmarks, or none', async () => {
    expect(await userError(run(config('plain-object.bench.ts'), []))).toMatch(
      /plain-object\.bench\.ts \(suites\.fx\.benchmarks\.file\) has a default export that is a plain object \(keys: speed\): its default export must be .*defineBenchmarks/,
    );
    expect(await userError(run(config('no-default.bench.ts'), []))).toContain('has no default export');
  });

  it('a module that throws while loading', async () => {
    const message = await userError(run(config('throws-on-load.bench.ts'), []));
    expect(message).toContain('could not load the benchmark file');
    expect(message).toContain('throws-on-load.bench.ts');
    expect(message).toContain('cannot load this module');
  });

  it('a filter that matches nothing lists the functions that exist', async () => {
    const message = await userError(run(config('basic.bench.ts'), ['speed', 'nothing']));
    expect(message).toContain('benchmark filter "nothing" matches no group or "group/name".');
    expect(message).toContain(
      'speed: fast, slow; faulty: throws, fine; hooks: prepared, async; stuck: forever.',
    );
  });

  it('an invalid regex is refused before anything runs', async () => {
    expect(await userError(run(config('basic.bench.ts'), ['/[/']))).toContain(
      'not a valid regular expression',
    );
  });

  it('a target naming a function that does not exist', async () => {
    const benchmarks = config('basic.bench.ts', {
      targets: { 'speed/fastest': [{ metric: 'wall', stat: 'median', max: 1, tolerance: 0.1 }] },
    });
    const message = await userError(run(benchmarks, ['speed']));
    expect(message).toContain('suites.fx.benchmarks.targets names "speed/fastest"');
    expect(message).toContain('speed: fast, slow;');
  });
});
