// The terminal summary of `profile cpu` (terminal.ts): `--top` rows, a failed workload's last output
// under its FAILED line, and a workload without samples saying that it has no flamegraph.
import { describe, expect, it } from 'vitest';
import type { FunctionStat } from '../model/top.js';
import type { CpuResult } from './result.js';
import { formatCpuResult, formatCpuTotals, TERMINAL_TOP } from './terminal.js';

const stats: FunctionStat[] = Array.from({ length: 10 }, (_, i) => ({
  name: `fn${i}`,
  file: `/out/src/f${i}.js`,
  line: i + 1,
  self: 10 - i,
  total: 10 - i,
  selfShare: (10 - i) / 55,
  totalShare: (10 - i) / 55,
}));

function result(overrides: Partial<CpuResult> = {}): CpuResult {
  return {
    suite: 'demo',
    workload: 'hot',
    state: 'ok',
    exitCode: 0,
    durationMs: 1500,
    engine: 'pprof',
    measures: 'wall time (@datadog/pprof)',
    processes: 1,
    threads: 1,
    byProcess: [],
    sampleCount: 1402,
    postProcessMs: 30,
    topSelf: stats,
    topTotal: stats,
    files: {
      pprof: '/out/profiles/demo/hot.cpu.pb.gz',
      folded: '/out/profiles/demo/hot.folded',
      svg: '/out/flamegraphs/demo/hot.svg',
      log: '/out/profiles/demo/hot.log',
    },
    ...overrides,
  };
}

/** The rows of the table under `title`: the lines after its header, up to the first that is not a row. */
function rows(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`    ${title}`) + 2;
  const end = lines.findIndex((line, i) => i >= start && !/^ {4}\s*[\d.]+%/.test(line));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('formatCpuResult', () => {
  it('lists five rows a table by default, and as many as --top asks', () => {
    const text = formatCpuResult(result(), '/out');
    expect(TERMINAL_TOP).toBe(5);
    expect(rows(text, 'by self time')).toHaveLength(5);
    expect(rows(text, 'by total time')).toHaveLength(5);
    const eight = formatCpuResult(result(), '/out', 8);
    expect(rows(eight, 'by self time')).toHaveLength(8);
    expect(rows(eight, 'by total time').at(-1)).toMatch(/ fn7 +src\/f7\.js:8$/);
    // Never more rows than the result holds.
    expect(rows(formatCpuResult(result(), '/out', 50), 'by self time')).toHaveLength(10);
    expect(rows(formatCpuResult(result(), '/out', 1), 'by self time')).toHaveLength(1);
  });

  it("prints a failed workload's last output under its FAILED line, then where its log is", () => {
    const failed = result({
      state: 'failed',
      exitCode: 1,
      reason: 'exited with code 1',
      outputTail: ['Error: boom', '    at main (/out/src/app.js:3:9)'],
    });
    const lines = formatCpuResult(failed, '/out').split('\n');
    expect(lines[0]).toMatch(/^FAILED demo\/hot {2}1\.50 s {2}1,402 samples, 1 process, 1 thread, wall time/);
    expect(lines.slice(1, 5)).toEqual([
      '    exited with code 1',
      '    last output:',
      '      Error: boom',
      '          at main (/out/src/app.js:3:9)',
    ]);
    expect(lines.at(-1)).toBe('    log:   profiles/demo/hot.log');
  });

  it('says that a workload without samples has no flamegraph, and lists no files for it', () => {
    const empty = result({
      sampleCount: 0,
      topSelf: [],
      topTotal: [],
      warning: 'no samples were recorded: the program ended within one sampling interval',
      files: { log: '/out/profiles/demo/hot.log' },
    });
    const text = formatCpuResult(empty, '/out');
    expect(text.split('\n')[0]).toContain('  0 samples, ');
    expect(text).toContain('\n    no flamegraph (no samples to draw)\n');
    expect(text).not.toContain('files:');
    expect(text).not.toContain('by self time');
    expect(formatCpuResult(result(), '/out')).not.toContain('no flamegraph');
  });

  it('counts in the singular where there is one', () => {
    const one = result({ sampleCount: 1, processes: 2, threads: 3 });
    expect(formatCpuResult(one, '/out').split('\n')[0]).toContain('  1 sample, 2 processes, 3 threads, ');
    expect(formatCpuTotals([result()])).toBe('1 workload profiled in 1.50 s; all ok');
  });
});
