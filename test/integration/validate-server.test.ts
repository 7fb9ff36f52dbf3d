/**
 * `profile validate` of servers under load, end to end on a real node:http server
 * (test/fixtures/validate/server.mjs): each run starts it, waits until it listens, sends 1 s of
 * load and stops it; rps and latency become measurements with targets, latency pooled over every
 * request of every run (the runs' histograms merged); a rps target no server meets fails the run
 * (exit 1), and so does a server that answers 404. The ad hoc path (`--load-duration -- node
 * server.mjs`) too. Needs `npm run build` (the CLI runs from dist/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/load/latency-histogram.js';
import type { Measurement, ValidateResult } from '../../src/validate/measurement.js';
import { type CliRun, fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'validate-server', 'profile.config.ts');

function measurement(result: ValidateResult, id: string): Measurement {
  const m = result.measurements.find((x) => x.id === id);
  if (!m) throw new Error(`no measurement ${id} in ${result.measurements.map((x) => x.id).join(', ')}`);
  return m;
}

describe('profile validate: servers under load', () => {
  let run: CliRun;
  let result: ValidateResult;
  let markdown: string;

  beforeAll(async () => {
    const out = tempDir();
    // The terminal summary on stdout; the JSON and Markdown reports from the output directory.
    run = await runCli(['validate', 'servers', '--config', config, '--out-dir', out]);
    const reports = join(out, 'reports');
    const stamped = readdirSync(reports).filter((f) => f.startsWith('performance_report_'));
    const file = (ext: string) => join(reports, stamped.find((f) => f.endsWith(ext)) as string);
    result = JSON.parse(readFileSync(file('.json'), 'utf8')) as ValidateResult;
    markdown = readFileSync(file('.md'), 'utf8');
  });

  it('measures rps per run and latency over every request, both against their targets', () => {
    const rps = measurement(result, 'servers/api:rps');
    expect(rps).toMatchObject({ kind: 'load', unit: 'req/s', warmup: 1, failures: [] });
    expect(rps.samples).toHaveLength(3);
    for (const sample of rps.samples) expect(sample).toBeGreaterThan(10);
    expect(rps.targets).toMatchObject([{ stat: 'min', bound: 'min', limit: 10, verdict: 'pass' }]);

    const latency = measurement(result, 'servers/api:latency');
    expect(latency).toMatchObject({ kind: 'load', unit: 'ms', failures: [] });
    const summary = latency.summary;
    if (!summary) throw new Error('latency has no summary');
    expect(summary.p99).toBeGreaterThanOrEqual(summary.p50);
    expect(latency.targets).toMatchObject([{ stat: 'p99', bound: 'max', limit: 1000, verdict: 'pass' }]);
    // The old measurements stay.
    for (const metric of ['wall', 'user', 'sys', 'peakRss']) {
      expect(measurement(result, `servers/api:${metric}`).samples).toHaveLength(3);
    }
  });

  it("pools latency from the runs' merged histograms, exactly", () => {
    const server = result.servers.find((s) => s.name === 'api');
    expect(server?.runs.map((r) => [r.run, r.state])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'ok'],
    ]);
    const histograms = server?.runs.map((r) => r.latencyHistogram as string) ?? [];
    const merged = LatencyHistogram.merge(histograms);
    const latency = measurement(result, 'servers/api:latency');
    expect(latency.summary?.n).toBe(merged.count);
    expect(latency.summary?.n).toBe(server?.total.requests);
    expect(latency.summary?.p99).toBe(merged.percentileMs(99));
    expect(latency.summary?.p50).toBe(merged.percentileMs(50));
    expect(latency.summary?.max).toBe(merged.percentileMs(100));
    expect(server?.total.latencyMs).toEqual(merged.summary());
    // Per run: p50 as samples, p99 beside them (what the baseline comparison tests).
    const perRun = histograms.map((h) => LatencyHistogram.decode(h));
    expect(latency.samples).toEqual(perRun.map((h) => h.percentileMs(50)));
    expect(latency.pooled?.p99Samples).toEqual(perRun.map((h) => h.percentileMs(99)));
    expect(latency.pooled?.requests).toBe(merged.count);
  });

  it('fails an rps target no server meets, with exit code 1', () => {
    const rps = measurement(result, 'servers/unreachable_rps:rps');
    expect(rps.targets).toMatchObject([{ bound: 'min', limit: 1e9, verdict: 'fail' }]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}unreachable_rps:rps .*min [\d,]+ req\/s >= 1,000,000,000 req\/s FAIL$/m);
  });

  it('fails a server that answers 404, however fast', () => {
    const rps = measurement(result, 'servers/not_found:rps');
    expect(rps.targets).toMatchObject([{ verdict: 'pass' }]);
    expect(rps.failures).toEqual([
      expect.stringMatching(/^run 1: its load got [\d,]+ non-2xx responses \([\d,]+ × 404\)/),
    ]);
    expect(result.servers.find((s) => s.name === 'not_found')?.total.non2xx).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/^failed: servers\/not_found: run 1: its load got .* × 404/m);
  });

  it('shows the load figures in the terminal summary and the Markdown report', () => {
    expect(run.stdout).toMatch(
      /^server servers\/api, 3 runs: load: [\d,]+ requests in [\d.]+ s, [\d,]+ req\/s, 0 errors, 0 non-2xx; latency ms p50 [\d.]+ p90 [\d.]+ p99 [\d.]+ max [\d.]+$/m,
    );
    expect(run.stdout).toMatch(/^FAIL: 1 of 4 targets failed, \d+ measurements had failed runs$/m);
    expect(markdown).toContain('## Servers under load');
    // 1 s loads with one warm-up: the built-in load itself is not warm yet, and stderr says so.
    expect(run.stderr).toMatch(
      /^note: servers\/api: 1 s of warm-up load; the built-in load itself needs about 2 s/m,
    );
    expect(markdown).toMatch(/^\| \*\*all runs\*\* \| [\d,]+ \| 0 \| 0 \| [\d,]+ req\/s \|/m);
    expect(markdown).toMatch(/^\| servers\/api rps \| min >= 10 req\/s, warn to 9 req\/s \| .* \| pass \|/m);
  });
});

describe('profile validate --load -- node server.mjs (ad hoc)', () => {
  it('runs the command as a server and measures rps and latency', async () => {
    const out = tempDir();
    const run = await runCli([
      'validate',
      '--load-duration',
      '1',
      '--runs',
      '2',
      '--warmup',
      '0',
      '--out-dir',
      out,
      '--json',
      '--',
      'node',
      join(fixtures, 'validate', 'server.mjs'),
    ]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ValidateResult;
    expect(measurement(result, 'adhoc/server.mjs:rps').samples).toHaveLength(2);
    expect(measurement(result, 'adhoc/server.mjs:latency').summary?.n).toBeGreaterThan(0);
    expect(result.servers).toMatchObject([{ suite: 'adhoc', name: 'server.mjs', total: { kind: 'http' } }]);
  });
});
