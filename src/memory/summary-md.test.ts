/**
 * memory_summary.md against a golden file (test/golden/memory/summary.md; regenerate after an
 * intended change with `PERFSUITE_BLESS=1 npx vitest run src/memory/summary-md.test.ts`), and the
 * parts of it that must follow from the results whatever they are.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/support/golden.js';
import {
  crashedExample,
  exponentialExample,
  leakingExample,
  plateauExample,
  serverLeakExample,
} from '../../test/support/memory-examples.js';
import { mdCode, mdHref, mdText } from '../render/markdown.js';
import type { MemoryResult } from './result.js';
import { renderMemorySummary } from './summary-md.js';

const golden = new URL('../../test/golden/memory/summary.md', import.meta.url);
const opts = {
  outDir: '/out',
  generatedAt: new Date(Date.UTC(2026, 10, 26, 18, 40, 12)),
  machine: '2 × Test CPU, 8 GiB, linux x64',
  nodeVersion: 'v20.20.0',
};
const results = [leakingExample(), plateauExample(), exponentialExample(), crashedExample()];

describe('renderMemorySummary', () => {
  const md = renderMemorySummary(results, opts);

  it('matches the golden file', () => {
    expectGolden(golden, md);
  });

  it('says when and where it ran', () => {
    expect(md).toContain(
      'Generated 2026-11-26 18:40:12 UTC on 2 × Test CPU, 8 GiB, linux x64, Node v20.20.0; 4 workloads.',
    );
  });

  it('lists every budget of every result, failures marked', () => {
    expect(md).toContain('| cache | peak RSS <= 50 MB |');
    expect(md).toMatch(/\| cache \| growth: stable \| linear \| \*\*FAIL\*\* \|/);
    expect(md).toMatch(/\| demo\/warm_cache \| peak RSS <= 120 MB \| \d+\.\d MB \| pass \|/);
    const none = renderMemorySummary([exponentialExample()], opts);
    expect(none).toContain('## Budgets\n\nNo budgets configured.');
  });

  it('gives each workload its figures, verdicts with reasons and model fits, sites and links', () => {
    const leaking = results[0] as MemoryResult;
    const rss = leaking.metrics[0]?.verdict;
    expect(md).toContain('### demo/leaky_cache');
    expect(md).toContain(`| leak detected | **yes** |`);
    expect(md).toContain(`| peak RSS | ${(leaking.peakRss / 1e6).toFixed(2)} MB |`);
    expect(md).toMatch(
      /\| growth rate, RSS \(process tree\) \| 0\.\d+ MB\/s \(95% interval [\d.]+ to [\d.]+ MB\/s\), [\d.]+ KB per iteration \|/,
    );
    expect(md).toContain(
      `| RSS (process tree) | linear | ${Number(((rss?.slopeBytesPerSec ?? 0) / 1e6).toPrecision(3))} MB/s | linear |`,
    );
    expect(md).toContain(mdText(rss?.reason ?? 'missing'));
    expect(md).toContain('| `remember` | `/app/src/cache.ts:42` | 310.0 KB | 2.95 MB | +2.64 MB |');
    expect(md).toContain('| `Session\\|<init>` |'); // a pipe in a name does not split the row
    expect(md).toContain('[chart](demo/leaky_cache.chart.svg)');
    expect(md).toContain('[heap profile](demo/leaky_cache.heap.pb.gz)');
    expect(md).toContain('![memory of demo/leaky_cache over time](demo/leaky_cache.chart.svg)');
  });

  it('reports a doubling time only for exponential growth, and why a workload failed', () => {
    expect(md.match(/\| doubling time/g)).toHaveLength(1);
    expect(md).toMatch(/\| doubling time, RSS \(process tree\) \| 5\.\d s \|/);
    expect(md).toContain(
      '| state | **failed**: exited with code 1 (1.2 s, 13 samples every 100 ms, 1 Node process) |',
    );
    expect(md).toContain('Top growing allocation sites: none (no heap profiles were taken).');
  });

  it('concludes with counts of verdicts and the failed budgets', () => {
    const end = md.slice(md.indexOf('## Conclusion'));
    expect(end).toContain('- 4 workloads: 1 stable, 2 growing, 1 with insufficient data.');
    expect(end).toContain('- Growing: demo/leaky_cache (linear), native/compounding (exponential).');
    expect(end).toContain('- Not ok: demo/crashes (failed: exited with code 1).');
    expect(end).toMatch(
      /- 2 of 3 budgets failed: cache peak RSS <= 50 MB \(measured [\d.]+ MB\); cache growth: stable/,
    );
  });

  it("gives a server's load, its growth per 1,000 requests, and names a leak per request", () => {
    const text = renderMemorySummary([serverLeakExample(), plateauExample()], opts);
    expect(text).toContain(
      '| load | 30,000 requests in 12.0 s, 2,498 req/s, 0 errors, 0 non-2xx; latency ms p50 3.42 p90 5.10 p99 9.87 max 31.2 |',
    );
    expect(text).toContain('| leak per request | **V8 heap used grows about 2.0 MB per 1,000 requests** |');
    expect(text).toMatch(
      /\| growth rate, RSS \(process tree\) \| 5\.\d+ MB\/s \(95% interval [\d.]+ to [\d.]+ MB\/s\), 2\.\d\d MB per 1,000 requests \|/,
    );
    expect(text).toMatch(
      /\| V8 heap used \| linear \| 5\.\d+ MB\/s, 2\.\d\d MB per 1,000 requests \| linear \|/,
    );
    expect(text).toContain(
      '- Growing: servers/leaky_server (linear: V8 heap used grows about 2.0 MB per 1,000 requests).',
    );
    // The workload without a load says nothing of requests.
    const plateau = text.slice(text.indexOf('### demo/warm_cache'), text.indexOf('## Conclusion'));
    expect(plateau).not.toMatch(/load|requests/);
  });

  it('escapes names from the config and the profiled program', () => {
    const hostile = { ...plateauExample(), suite: '<img src=x>', workload: 'a|b*c' };
    const text = renderMemorySummary([hostile], opts);
    expect(text).toContain('### \\<img src=x>/a\\|b\\*c');
    expect(text).not.toMatch(/(?<!\\)<img/);
  });

  it('links relative to memory_profiles/ whatever the out dir', () => {
    const relativeOut = {
      ...leakingExample(),
      files: { chart: 'out dir/memory_profiles/s/w (1).chart.svg' },
    };
    const text = renderMemorySummary([relativeOut], { ...opts, outDir: 'out dir' });
    expect(text).toContain('[chart](s/w%20%281%29.chart.svg)');
  });
});

describe('markdown helpers', () => {
  it('escape text but keep underscores inside words readable', () => {
    expect(mdText('leaky_cache _x_ a|b <b> <= *s* `c`\nnext')).toBe(
      'leaky_cache \\_x\\_ a\\|b \\<b> <= \\*s\\* \\`c\\` next',
    );
  });
  it('fence code spans around backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('p|q')).toBe('`p\\|q`');
  });
  it('make hrefs relative with forward slashes', () => {
    expect(mdHref('/out/memory_profiles', '/out/memory_profiles/demo/a.svg')).toBe('demo/a.svg');
  });
});
