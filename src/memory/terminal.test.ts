import { describe, expect, it } from 'vitest';
import {
  crashedExample,
  exponentialExample,
  leakingExample,
  serverLeakExample,
} from '../../test/support/memory-examples.js';
import { formatBytes } from '../util/bytes.js';
import { formatMemoryResult } from './terminal.js';

describe('formatMemoryResult', () => {
  it('states the verdict, RSS figures, each metric with its growth, sites, failed budgets and files', () => {
    const result = leakingExample();
    const text = formatMemoryResult(result, '/out');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'ok     demo/leaky_cache  30.04 s  301 samples, 1 Node process, verdict linear (growing)',
    );
    expect(lines[1]).toBe(
      `    RSS peak ${formatBytes(result.peakRss)}, average ${formatBytes(result.averageRss)}, final ${formatBytes(result.finalRss)}`,
    );
    const rss = result.metrics[0]?.verdict;
    expect(lines[2]).toMatch(/^ {4}RSS \(process tree\) +linear +\+\d+\.\d KB\/s, \+\d+\.\d KB\/iteration$/);
    expect(lines[2]).toContain(`+${formatBytes(rss?.slopeBytesPerSec ?? 0)}/s`);
    // Three sites at most, growth first, paths relative to cwd.
    expect(text).toMatch(/\n {6}\+2\.64 MB {2}remember {8}\.\.\/app\/src\/cache\.ts:42\n/);
    expect(text).toContain('(anonymous)');
    expect(text).not.toContain('parse');
    expect(text).toContain('budget failed: cache peak RSS <= 50 MB, measured');
    expect(text).toContain(
      'files: memory_profiles/demo/leaky_cache.chart.svg  memory_profiles/demo/leaky_cache.heap.svg',
    );
    expect(text).not.toContain('log:');
    expect(formatMemoryResult(result, '/out', 1)).not.toContain('Session');
  });

  it("gives a server's load, growth per 1,000 requests beside per second, and a leak per request in words", () => {
    const lines = formatMemoryResult(serverLeakExample(), '/out').split('\n');
    expect(lines[1]).toBe(
      '    load: 30,000 requests in 12.0 s, 2,498 req/s, 0 errors, 0 non-2xx; latency ms p50 3.42 p90 5.10 p99 9.87 max 31.2',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {4}V8 heap used +linear +\+5\.\d\d MB\/s, \+2\.\d\d MB per 1,000 requests$/),
    );
    expect(lines).toContain('    leak per request: V8 heap used grows about 2.0 MB per 1,000 requests');
    // Without a load: neither the load line nor any figure per request.
    const plain = formatMemoryResult(leakingExample(), '/out');
    expect(plain).not.toMatch(/load:|requests/);
  });

  it('gives the doubling time of exponential growth', () => {
    const text = formatMemoryResult(exponentialExample(), '/');
    expect(text).toContain('0 Node processes, verdict exponential (growing)');
    expect(text).toMatch(/RSS \(process tree\) {2}exponential {2}\+[\d.]+ MB\/s, doubling every 5\.\d s/);
  });

  it('says why a workload failed and where its log is', () => {
    const text = formatMemoryResult(crashedExample(), '/out');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^FAILED demo\/crashes {2}1\.24 s {2}13 samples/);
    expect(lines[1]).toBe('    exited with code 1');
    expect(text).toMatch(/RSS \(process tree\) {2}insufficient data\n/);
    expect(lines.at(-1)).toBe('    log:   memory_profiles/demo/crashes.log');
  });

  it("prints a failed workload's last output under its FAILED line", () => {
    const crashed = {
      ...crashedExample(),
      outputTail: ['Error: out of patience', '    at main (/app/crash.js:3:9)'],
    };
    const lines = formatMemoryResult(crashed, '/out').split('\n');
    expect(lines.slice(1, 5)).toEqual([
      '    exited with code 1',
      '    last output:',
      '      Error: out of patience',
      '          at main (/app/crash.js:3:9)',
    ]);
    expect(formatMemoryResult(crashedExample(), '/out')).not.toContain('last output');
  });

  it('counts one sample in the singular', () => {
    const one = { ...crashedExample(), samples: crashedExample().samples.slice(0, 1) };
    expect(formatMemoryResult(one, '/out').split('\n')[0]).toMatch(/ {2}1 sample, /);
  });

  it('leaves out the RSS line when nothing was sampled', () => {
    const empty = { ...crashedExample(), samples: [], metrics: [], peakRss: 0, averageRss: 0, finalRss: 0 };
    expect(formatMemoryResult(empty, '/out')).not.toContain('RSS peak');
  });
});
