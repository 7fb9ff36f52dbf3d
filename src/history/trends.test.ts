import { describe, expect, it } from 'vitest';
import type { CpuEntry, HistoryMachine, HistoryRecord, MeasurementEntry } from './record.js';
import { machineLabel } from './series.js';
import { historyTrends, TREND_RULE } from './trends.js';

const CI: HistoryMachine = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  memoryGb: 7.8,
  os: 'linux 6.5.0-1 x64',
  node: 'v20.20.0',
};
const LAPTOP: HistoryMachine = {
  cpus: 8,
  cpuModel: 'M2',
  memoryGb: 16,
  os: 'darwin 24.1.0 arm64',
  node: 'v20.20.0',
};
const CI_LABEL = '2 × AMD EPYC, 7.8 GB, linux x64';
const LAPTOP_LABEL = '8 × M2, 16 GB, darwin arm64';

let clock = 0;
const time = (): string => new Date(Date.UTC(2026, 10, 1) + clock++ * 3_600_000).toISOString();

const ms = (med: number, p95 = med, n = 10): MeasurementEntry => ({ u: 'ms', med, p95, n });

function validate(m: Record<string, MeasurementEntry>, extra: Partial<HistoryRecord> = {}): HistoryRecord {
  const t = time();
  return {
    v: 1,
    id: `v-${t}`,
    t,
    cmd: 'validate',
    machine: CI,
    suites: ['commands', 'servers'],
    exit: 0,
    m,
    ...extra,
  };
}

function cpu(entries: CpuEntry[], machine = CI): HistoryRecord {
  const t = time();
  return { v: 1, id: `c-${t}`, t, cmd: 'cpu', machine, cpu: entries };
}

const wall = (w: string, duration: number, st?: CpuEntry['st']): CpuEntry => ({
  w,
  ...(st ? { st } : {}),
  ms: duration,
  n: 100,
  top: [],
});

describe('machineLabel', () => {
  it('is the name given, else hardware and platform without kernel release or Node version', () => {
    expect(machineLabel(CI)).toBe(CI_LABEL);
    expect(machineLabel({ ...CI, os: 'linux 6.8.0-2 x64', node: 'v22.1.0' })).toBe(CI_LABEL);
    expect(machineLabel({ ...CI, name: 'shard-2' })).toBe('shard-2');
  });
});

describe('historyTrends', () => {
  it('no history: empty lists', () => {
    expect(historyTrends([])).toEqual({ runs: [], series: [], moved: [], rule: TREND_RULE });
  });

  it('one run: its points, no marks and nothing moved', () => {
    const only = validate(
      { 'commands/fmt:wall': ms(400, 420) },
      { git: { commit: 'abc1234', branch: 'main', dirty: true } },
    );
    const trends = historyTrends([only]);
    expect(trends.runs).toEqual([
      {
        id: only.id,
        t: only.t,
        command: 'validate',
        machine: CI_LABEL,
        commit: 'abc1234',
        branch: 'main',
        dirty: true,
      },
    ]);
    expect(trends.series).toEqual([
      {
        id: 'commands/fmt:wall',
        unit: 'ms',
        better: 'lower',
        machine: CI_LABEL,
        points: [[0, 400, 420]],
        marks: [],
      },
    ]);
    expect(trends.moved).toEqual([]);
  });

  it('since the last run: regressed, new, gone and within noise, with exact changes and bands', () => {
    const first = validate({
      'commands/fmt:wall': ms(400, 420),
      'commands/lint:wall': ms(1000, 1010),
      'commands/diff:wall': ms(1500, 1550),
      'servers/api:rps': { u: 'req/s', med: 2000, p95: 2050, n: 5 },
    });
    const second = validate({
      'commands/fmt:wall': ms(404, 424),
      'commands/lint:wall': ms(1200, 1210),
      'commands/render:wall': ms(390, 400),
      'servers/api:rps': { u: 'req/s', med: 1500, p95: 1540, n: 5 },
    });
    const trends = historyTrends([second, first]); // any order in, oldest first out
    expect(trends.runs.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(trends.moved).toEqual([
      {
        id: 'servers/api:rps',
        machine: CI_LABEL,
        unit: 'req/s',
        verdict: 'regressed',
        afterRun: 1,
        beforeRun: 0,
        before: 2000,
        after: 1500,
        change: -25,
        band: 5,
      },
      {
        id: 'commands/lint:wall',
        machine: CI_LABEL,
        unit: 'ms',
        verdict: 'regressed',
        afterRun: 1,
        beforeRun: 0,
        before: 1000,
        after: 1200,
        change: 20,
        band: 5,
      },
      { id: 'commands/render:wall', machine: CI_LABEL, unit: 'ms', verdict: 'new', afterRun: 1, after: 390 },
      {
        id: 'commands/diff:wall',
        machine: CI_LABEL,
        unit: 'ms',
        verdict: 'gone',
        afterRun: 1,
        beforeRun: 0,
        before: 1500,
      },
      {
        id: 'commands/fmt:wall',
        machine: CI_LABEL,
        unit: 'ms',
        verdict: 'within noise',
        afterRun: 1,
        beforeRun: 0,
        before: 400,
        after: 404,
        change: 1,
        // sd 20 / 1.6449, se 1.2533 sd / sqrt(10) = 4.819 each: 3 sqrt(2) 4.819 / 400 = 5.11%.
        band: 5.1,
      },
    ]);
    const lint = trends.series.find((s) => s.id === 'commands/lint:wall');
    expect(lint?.points).toEqual([
      [0, 1000, 1010],
      [1, 1200, 1210],
    ]);
    expect(lint?.marks).toEqual([{ run: 1, verdict: 'regressed', change: 20, band: 5 }]);
    expect(trends.series.find((s) => s.id === 'servers/api:rps')?.better).toBe('higher');
  });

  it('marks each step past the band, with the history widening it for a noisy measurement', () => {
    const medians = [1000, 1100, 950, 1050, 1000, 1400, 1000];
    const records = medians.map((median) => cpu([wall('toml_parse/large', median)]));
    const trends = historyTrends(records);
    const series = trends.series[0];
    expect(series?.id).toBe('cpu:toml_parse/large:wall');
    expect(series?.points).toEqual(medians.map((m, i) => [i, m]));
    // Steps 1->2 (+10%), 2->3 (-13.6%), 3->4 (+10.5%) are judged on the 10% floor (too little history);
    // 4->5 (-4.8%) is within it; 5->6 (+40%) against 46.2% (history), 6->7 (-28.6%) against 4.5 x the
    // median of 10%, 13.6%, 10.5%, 4.8%, 40% = 47.4%.
    expect(series?.marks).toEqual([
      { run: 2, verdict: 'improved', change: -13.6, band: 10 },
      { run: 3, verdict: 'regressed', change: 10.5, band: 10 },
    ]);
    expect(trends.moved).toEqual([
      {
        id: 'cpu:toml_parse/large:wall',
        machine: CI_LABEL,
        unit: 'ms',
        verdict: 'within noise',
        afterRun: 6,
        beforeRun: 5,
        before: 1400,
        after: 1000,
        change: -28.6,
        band: 47.4,
      },
    ]);
  });

  it('compares runs of the same machine only', () => {
    const records = [
      cpu([wall('a/x', 1000)], LAPTOP),
      cpu([wall('a/x', 2000)], CI),
      cpu([wall('a/x', 1300)], LAPTOP),
      cpu([wall('a/x', 2010)], CI),
    ];
    const trends = historyTrends(records);
    expect(trends.series.map((s) => [s.machine, s.points])).toEqual([
      [
        LAPTOP_LABEL,
        [
          [0, 1000],
          [2, 1300],
        ],
      ],
      [
        CI_LABEL,
        [
          [1, 2000],
          [3, 2010],
        ],
      ],
    ]);
    expect(trends.moved.map((m) => [m.machine, m.verdict, m.change])).toEqual([
      [LAPTOP_LABEL, 'regressed', 30],
      [CI_LABEL, 'within noise', 0.5],
    ]);
  });

  it('a run of some workloads leaves the others alone; a failed workload is gone', () => {
    const trends = historyTrends([
      cpu([wall('a/x', 100), wall('a/y', 200), wall('b/z', 300)]),
      cpu([wall('a/x', 100), wall('a/y', 200, 'failed')]),
    ]);
    expect(trends.moved.map((m) => [m.id, m.verdict])).toEqual([
      ['cpu:a/y:wall', 'gone'],
      ['cpu:a/x:wall', 'within noise'],
    ]);
    // b/z was not run again: its last move is its first run, where nothing came before.
  });

  it('an interrupted run covers only what it measured', () => {
    const trends = historyTrends([
      validate({ 'commands/fmt:wall': ms(400), 'commands/lint:wall': ms(1000) }),
      validate({ 'commands/fmt:wall': ms(400) }, { interrupted: true }),
    ]);
    expect(trends.runs[1]?.interrupted).toBe(true);
    expect(trends.moved.map((m) => [m.id, m.verdict])).toEqual([['commands/fmt:wall', 'within noise']]);
    // The next complete run compares lint with the run before the interrupted one.
    const next = historyTrends([
      validate({ 'commands/fmt:wall': ms(400), 'commands/lint:wall': ms(1000) }),
      validate({ 'commands/fmt:wall': ms(400) }, { interrupted: true }),
      validate({ 'commands/fmt:wall': ms(400), 'commands/lint:wall': ms(1300) }),
    ]);
    expect(next.moved.map((m) => [m.id, m.verdict, m.beforeRun, m.afterRun])).toEqual([
      ['commands/lint:wall', 'regressed', 0, 2],
      ['commands/fmt:wall', 'within noise', 1, 2],
    ]);
  });

  it('zero medians: 0 -> 0 is no change, 0 -> x is not comparable, x -> 0 a change of -100%', () => {
    const trends = historyTrends([
      validate({ 'commands/a:wall': ms(0), 'commands/b:wall': ms(0), 'commands/c:wall': ms(50) }),
      validate({ 'commands/a:wall': ms(0), 'commands/b:wall': ms(5), 'commands/c:wall': ms(0) }),
    ]);
    expect(trends.moved.map((m) => [m.id, m.verdict, m.change])).toEqual([
      ['commands/c:wall', 'improved', -100],
      ['commands/b:wall', 'not comparable', undefined],
      ['commands/a:wall', 'within noise', 0],
    ]);
  });

  it('memory peaks and server load figures are series of their own', () => {
    const t1 = time();
    const t2 = time();
    const memory = (peak: number, rps: number, t: string): HistoryRecord => ({
      v: 1,
      id: `m-${t}`,
      t,
      cmd: 'memory',
      machine: CI,
      mem: [{ w: 'servers/leaky', verdict: 'linear', leak: true, peak, rps, p99: 12 }],
    });
    const trends = historyTrends([memory(80, 2500, t1), memory(120, 2400, t2)]);
    expect(trends.series.map((s) => [s.id, s.unit, s.better])).toEqual([
      ['memory:servers/leaky:peakRss', 'MB', 'lower'],
      ['memory:servers/leaky:rps', 'req/s', 'higher'],
      ['memory:servers/leaky:p99', 'ms', 'lower'],
    ]);
    expect(trends.moved.map((m) => [m.id, m.verdict, m.change])).toEqual([
      ['memory:servers/leaky:peakRss', 'regressed', 50],
      ['memory:servers/leaky:rps', 'within noise', -4],
      ['memory:servers/leaky:p99', 'within noise', 0],
    ]);
  });
});
