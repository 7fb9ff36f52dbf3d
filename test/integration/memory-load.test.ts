// `profile memory` on real servers under the built-in load (test/fixtures/memory/, suite `servers`):
// a server that keeps 2,107 bytes of every request reads as linear heap growth of about 2.1 MB per
// 1,000 requests, and says so; the same server keeping nothing does not read as growing. One CLI
// call runs both (two 12 s loads, about 30 s on 2 cores; profile.config.ts says why 12 s), without
// --json so the terminal summary is checked too; the results come from memory_results.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryResult } from '../../src/memory/result.js';
import type { MemorySeriesJson } from '../../src/memory/series-files.js';
import { type CliRun, fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'memory', 'profile.config.ts');
const SUITE = 'servers';

/** Bytes of V8 heap leaky-server.js keeps per request (measured with --expose-gc, see the fixture). */
const TRUE_BYTES_PER_REQUEST = 2107;
const TRUE_PER_1K = 1000 * TRUE_BYTES_PER_REQUEST;

type JsonResult = Omit<MemoryResult, 'samples'> & { sampleCount: number };

let run: CliRun;
let outDir: string;
let results: JsonResult[];

beforeAll(async () => {
  outDir = tempDir('perfsuite-memory-load-test-');
  run = await runCli(['memory', SUITE, '--config', config, '--out-dir', outDir]);
  const saved = join(outDir, 'memory_profiles', 'memory_results.json');
  results = (JSON.parse(readFileSync(saved, 'utf8')) as { results: JsonResult[] }).results;
}, 90_000);

const result = (workload: string): JsonResult => {
  const found = results.find((r) => r.workload === workload);
  if (!found) throw new Error(`no result for ${workload}: ${run.stderr}`);
  return found;
};
const metric = (workload: string, name: string) =>
  result(workload).metrics.find((m) => m.metric === name)?.verdict;
const files = (workload: string) => join(outDir, 'memory_profiles', SUITE, workload);
const why = (workload: string) =>
  JSON.stringify(result(workload).metrics.map((m) => [m.metric, m.verdict.reason]));

describe('profile memory on a server under load', () => {
  it('loads each server once it listens, then stops it: ok, and every budget met', () => {
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    for (const workload of ['leaky_server', 'steady_server']) {
      const r = result(workload);
      expect(r.state, r.reason).toBe('ok');
      expect(r.load).toMatchObject({ kind: 'http', errors: 0, non2xx: 0 });
      expect(r.load?.requests).toBeGreaterThan(2000);
      // 12 s of load, from when the server listened.
      const span = (r.load?.endSec ?? 0) - (r.load?.startSec ?? 0);
      expect(span).toBeGreaterThan(11.5);
      expect(span).toBeLessThan(13.5);
      expect(r.load?.startSec).toBeGreaterThan(0);
      expect(
        r.budgets.every((b) => b.status === 'pass'),
        JSON.stringify(r.budgets),
      ).toBe(true);
    }
  });

  it('reads a leak per request as linear heap growth per 1,000 requests, near the true figure', () => {
    expect(result('leaky_server').verdict, why('leaky_server')).toBe('linear');
    const heap = metric('leaky_server', 'heapUsed');
    expect(heap?.verdict).toBe('linear');
    const per1k = heap?.slopeBytesPer1kRequests ?? Number.NaN;
    expect(per1k).toBeGreaterThan(TRUE_PER_1K / 2);
    expect(per1k).toBeLessThan(TRUE_PER_1K * 2);
    // Per second it is the same growth at the load's request rate.
    const perSecond = heap?.slopeBytesPerSec ?? Number.NaN;
    const rps = result('leaky_server').load?.rps ?? Number.NaN;
    expect(perSecond / ((per1k * rps) / 1000)).toBeGreaterThan(0.7);
    expect(perSecond / ((per1k * rps) / 1000)).toBeLessThan(1.4);
  });

  it('says so in words: the terminal summary and memory_summary.md', () => {
    const sentence = /V8 heap used grows about (\d+(?:\.\d)?) MB per 1,000 requests/;
    const said = Number(sentence.exec(run.stdout)?.[1]);
    expect(said, run.stdout).toBeGreaterThan(TRUE_PER_1K / 2 / 1e6);
    expect(said).toBeLessThan((TRUE_PER_1K * 2) / 1e6);
    expect(run.stdout).toMatch(/ {4}load: [\d,]+ requests in \d+\.\d s, [\d,]+ req\/s, 0 errors/);
    expect(run.stdout).toMatch(/V8 heap used +linear +\+[\d.]+ MB\/s, \+[\d.]+ MB per 1,000 requests/);
    const md = readFileSync(join(outDir, 'memory_profiles', 'memory_summary.md'), 'utf8');
    const leaky = md.slice(md.indexOf('### servers/leaky_server'), md.indexOf('### servers/steady_server'));
    expect(leaky).toMatch(/\| load \| [\d,]+ requests in /);
    expect(leaky).toMatch(
      /\| leak per request \| \*\*V8 heap used grows about [\d.]+ MB per 1,000 requests\*\* \|/,
    );
    expect(md).toMatch(
      /- Growing: servers\/leaky_server \(linear: V8 heap used grows about [\d.]+ MB per 1,000 requests\)/,
    );
  });

  it('does not read a server that keeps nothing as growing per request', () => {
    const r = result('steady_server');
    expect(r.leak, why('steady_server')).toBe(false);
    const heap = metric('steady_server', 'heapUsed');
    expect(heap?.verdict).toBe('stable');
    // It has its figure per 1,000 requests, a small fraction of the leak's.
    expect(Math.abs(heap?.slopeBytesPer1kRequests ?? Number.NaN)).toBeLessThan(TRUE_PER_1K / 10);
    const md = readFileSync(join(outDir, 'memory_profiles', 'memory_summary.md'), 'utf8');
    const steady = md.slice(md.indexOf('### servers/steady_server'), md.indexOf('## Conclusion'));
    expect(steady).not.toContain('leak per request');
    expect(run.stdout.slice(run.stdout.indexOf('servers/steady_server'))).not.toContain('leak per request');
  });

  it('counts requests in the series files and cuts the readings at the stop', () => {
    const r = result('leaky_server');
    const csv = readFileSync(`${files('leaky_server')}.series.csv`, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/,iteration,requests$/);
    const requests = csv.slice(1).map((row) => Number(row.split(',').at(-1)));
    expect(requests[0]).toBe(0); // before the server listened
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]).toBeGreaterThanOrEqual(requests[i - 1] as number);
    expect(requests.at(-1)).toBeGreaterThan(0.9 * (r.load?.requests ?? 0));
    const series = JSON.parse(
      readFileSync(`${files('leaky_server')}.series.json`, 'utf8'),
    ) as MemorySeriesJson;
    expect(series.columns.at(-1)).toBe('requests');
    expect(series.metrics.find((m) => m.metric === 'heapUsed')?.slopeBytesPer1kRequests).toBeGreaterThan(0);
    // The last reading is from before the stop signal, sent when the load ended: shutdown is left out.
    const lastT = series.samples.at(-1)?.[0] as number;
    expect(lastT).toBeLessThanOrEqual((r.load?.endSec ?? 0) + 0.3);
    expect(r.durationMs / 1000).toBeGreaterThan(lastT);
  });

  it('marks when the load ran on the chart', () => {
    for (const workload of ['leaky_server', 'steady_server']) {
      const svg = readFileSync(`${files(workload)}.chart.svg`, 'utf8');
      const load = result(workload).load;
      expect(svg).toContain(
        `<title>load, ${load?.startSec.toFixed(1)} s to ${load?.endSec.toFixed(1)} s</title></rect>`,
      );
      expect(svg).toMatch(/<text [^>]*fill="#8a5a00">load<\/text>/);
    }
  });
});
