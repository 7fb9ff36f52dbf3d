/**
 * The report page as the commands write it, end to end: real `profile cpu` and `profile memory`
 * runs into one output directory, then the page in headless Chromium. Every CPU workload of the
 * runs (and of `profile cpu all` on the demo) has a flamegraph that draws, the history has one
 * point per run after three runs, a corrupt profile is listed as unreadable, and nothing is
 * requested or logged as an error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, runCli, tempDir } from '../integration/run-cli.js';
import { hasChromium, launchChromium, skipMessage } from './chromium.js';

if (!hasChromium) console.warn(skipMessage);

const config = join(fixtures, 'profile.config.ts');

describe.skipIf(!hasChromium)('the report page after real runs', () => {
  let browser: Browser;
  const out = tempDir('perfsuite-report-runs-');
  const runs: { code: number; stdout: string; stderr: string }[] = [];

  beforeAll(async () => {
    // Three runs of the TypeScript fixture, one of the forking one, one memory run: one directory.
    for (let i = 0; i < 3; i++)
      runs.push(await runCli(['cpu', 'fixtures', '-w', 'hot', '--config', config, '-o', out]));
    runs.push(await runCli(['cpu', 'fixtures', '-w', 'fork', '--config', config, '-o', out]));
    runs.push(
      await runCli([
        'memory',
        '--duration',
        '3',
        '-o',
        out,
        '--',
        'node',
        '-e',
        'setInterval(() => {}, 100)',
      ]),
    );
    // A profile on disk that no run wrote: truncated gzip.
    writeFileSync(
      join(out, 'profiles', 'fixtures', 'broken.cpu.pb.gz'),
      Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    );
    runs.push(await runCli(['report', '-o', out]));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('--history reads the files named instead, merging them (the same file twice: each run once)', async () => {
    const history = join(out, '.perfsuite', 'history.jsonl');
    const merged = await runCli(['report', '-o', out, '--history', history, '--history', history]);
    expect(merged.code, merged.stderr).toBe(0);
    const html = readFileSync(join(out, 'reports', 'index.html'), 'utf8');
    expect(html).toMatch(/>History \(5\)</);
  });

  it('every command names the page it wrote', () => {
    for (const run of runs.slice(0, 4)) expect(run.stdout).toMatch(/^report: .*reports\/index\.html$/m);
    expect(runs[5]?.stdout).toMatch(
      /^report: .*reports\/index\.html \([\d.]+ MB in \d+ ms; 1 unreadable files? listed in it\)$/m,
    );
  });

  it('draws every CPU workload, lists the corrupt file, and has a history point per run', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(join(out, 'reports', 'index.html')).href;
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('request', (request) => request.url() !== url && requests.push(request.url()));
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });

    const sections = await page.locator('details.flame').evaluateAll((all) => all.map((d) => d.id));
    // fixtures/hot and fixtures/fork, and the memory run's heap profile.
    expect(sections.filter((id) => id.startsWith('cpu-'))).toHaveLength(2);
    expect(sections.filter((id) => id.startsWith('heap-'))).toHaveLength(1);
    for (const id of sections) {
      await page.locator(`#${id} > summary`).click();
      await page.locator(`#${id} svg.d3-flame-graph rect`).first().waitFor({ state: 'attached' });
    }
    expect(await page.locator('#cpu-1 svg.d3-flame-graph g[name="hotLoop"]').count()).toBeGreaterThan(0);

    const unreadable = await page.locator('#unreadable').textContent();
    expect(unreadable).toContain('profiles/fixtures/broken.cpu.pb.gz');
    // Four cpu runs of fixtures/hot or fork, three of them hot: its wall time has three points.
    const points = await page.locator('#history svg circle').count();
    expect(points).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!hasChromium)('the report page after profile cpu all on the demo', () => {
  let browser: Browser;
  const out = tempDir('perfsuite-report-demo-');
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    run = await runCli(['cpu', 'all', '-o', out]);
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('has a flamegraph that draws for every CPU workload of the run', async () => {
    expect(run.code, run.stderr).toBe(0);
    const profiled = [...run.stdout.matchAll(/^ok +(\S+\/\S+) /gm)].map((m) => m[1]);
    expect(profiled.length).toBeGreaterThan(10);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(out, 'reports', 'index.html')).href);
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
    const titles = await page.locator('details.flame > summary strong').allTextContents();
    expect(titles.sort()).toEqual([...profiled].sort());
    for (const id of await page.locator('details.flame').evaluateAll((all) => all.map((d) => d.id))) {
      await page.locator(`#${id} > summary`).click();
      await page.locator(`#${id} svg.d3-flame-graph rect`).first().waitFor({ state: 'attached' });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
