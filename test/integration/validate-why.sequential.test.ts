/**
 * Regressions attributed to functions end to end (issue 11): a baseline saved with its profiled
 * runs, then runs of changed versions of the fixture compared with it. The function made slower is
 * named and holds most of the regression, the unchanged ones are not named; an unchanged program
 * names nothing; a renamed file still matches its functions; a regression spread over twelve small
 * functions names them all; a peak RSS regression names the allocation site holding the memory; a
 * server's slower handler is named per 1,000 requests; a baseline without profiles keeps its verdict and says why nothing is attributed. Sequential: the timings must not share the machine with other tests.
 */
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/validate/baseline/baseline.js';
import type { BaselineComparison, ValidateResult } from '../../src/validate/measurement.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const fixture = join(fixtures, 'why-slower');

/** A copy of the fixture project, so a test can rename its files. */
function project(): string {
  const dir = tempDir('perfsuite-why-');
  for (const file of ['app.js', 'spread.js', 'server.js', 'profile.config.ts'])
    copyFileSync(join(fixture, file), join(dir, file));
  return dir;
}

async function validate(dir: string, workload: string, extra: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(
    // Three timed runs and four profiled runs a side keep the file under a minute; the slowdowns are
    // far beyond what so few runs can miss.
    [
      'validate',
      'why',
      '-w',
      workload,
      ...['--config', join(dir, 'profile.config.ts'), '-o', dir, '--json'],
      ...['--runs', '3', '--warmup', '0', '--profile-runs', '4'],
      ...extra,
    ],
    { env },
  );
  if (!run.stdout.startsWith('{')) throw new Error(`profile validate wrote no result:\n${run.stderr}`);
  return { code: run.code, result: JSON.parse(run.stdout) as ValidateResult, stderr: run.stderr };
}

const wall = (result: ValidateResult, workload: string): BaselineComparison | undefined =>
  result.baseline?.comparisons.find((c) => c.id === `why/${workload}:wall`);

describe('profile validate: why it got slower', () => {
  it('names the function made five times slower, and only it; an unchanged run names nothing', async () => {
    const dir = project();
    const saved = await validate(dir, 'app', ['--save-baseline', 'main']);
    expect(saved.code).toBe(0);
    const baseline = JSON.parse(
      readFileSync(join(dir, '.perfsuite/baselines/main.json'), 'utf8'),
    ) as Baseline;
    expect(baseline.profiles).toMatchObject({ engine: 'pprof', runs: 4, workloads: { 'why/app': 4 } });
    expect(existsSync(join(dir, '.perfsuite/baselines/main.profiles/why/app/4.pb.gz'))).toBe(true);

    // Five timed runs, and the filter five times slower (+60% a run), here: this comparison must find
    // the regression by itself (no --attribute), on a machine that may be busy.
    const slow = await validate(dir, 'app', ['--baseline', 'main', '--runs', '5'], { FILTER_SLOWDOWN: '5' });
    const regressed = wall(slow.result, 'app');
    expect(regressed?.comparison.verdict).toBe('regressed');
    const names = regressed?.attribution?.map((c) => c.function);
    expect(names?.[0]).toBe('applyFilter');
    expect(names).not.toContain('parseInput');
    expect(names).not.toContain('renderRows');
    const filter = regressed?.attribution?.[0];
    // Four more units of work a round, ten rounds: a few hundred ms a run, most of the regression.
    expect(filter?.deltaMs).toBeGreaterThan(50);
    expect(filter?.shareOfRegression).toBeGreaterThan(0.5);
    expect(filter?.p).toBeLessThan(0.01);
    expect(regressed?.why).toMatchObject({ baselineRuns: 4, currentRuns: 4 });
    expect(existsSync(regressed?.why?.flamegraph ?? '')).toBe(true);
    // The reports: the Markdown section, the page's table, the terminal's line (not with --json).
    const stamp = /why\/(\d{8}_\d{6})\//.exec(regressed?.why?.flamegraph ?? '')?.[1];
    const markdown = readFileSync(join(dir, 'reports', `performance_report_${stamp}.md`), 'utf8');
    expect(markdown).toMatch(/## Why it got slower[\s\S]*\| `applyFilter` \| app\.js:\d+ \|/);
    const page = readFileSync(join(dir, 'reports', 'index.html'), 'utf8');
    expect(page).toContain('Why it got slower');
    expect(page).toMatch(/<td>applyFilter<\/td>/);

    const same = await validate(dir, 'app', ['--baseline', 'main', '--attribute']);
    const unchanged = wall(same.result, 'app');
    expect(unchanged?.attribution).toEqual([]);
    expect(unchanged?.why?.byTotal).toEqual([]);
  });

  it('matches functions across a renamed file, and names every helper of a spread regression', async () => {
    const dir = project();
    expect((await validate(dir, 'app', ['--save-baseline', 'main'])).code).toBe(0);
    renameSync(join(dir, 'app.js'), join(dir, 'renamed.js'));
    const moved = await validate(dir, 'app', ['--baseline', 'main', '--attribute'], {
      APP_SCRIPT: 'renamed.js',
      FILTER_SLOWDOWN: '3',
    });
    const attribution = wall(moved.result, 'app')?.attribution ?? [];
    expect(attribution.map((c) => c.function)).toEqual(['applyFilter']);
    expect(attribution[0]?.file).toMatch(/renamed\.js$/);
    expect(attribution[0]?.baselineFile).toMatch(/app\.js$/);

    expect((await validate(dir, 'spread', ['--save-baseline', 'spread'])).code).toBe(0);
    const spread = await validate(dir, 'spread', ['--baseline', 'spread', '--attribute'], {
      SPREAD_SLOWDOWN: '2',
    });
    const named = wall(spread.result, 'spread')?.attribution ?? [];
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(named.every((c) => c.function.startsWith('helper'))).toBe(true);
  });

  it('names the allocation site that holds the new memory of a peak RSS regression', async () => {
    const dir = project();
    const saved = await validate(dir, 'app', ['--save-baseline', 'main', '--profile-runs', '3']);
    expect(saved.code).toBe(0);
    expect(existsSync(join(dir, '.perfsuite/baselines/main.heap-profiles/why/app/3.pb.gz'))).toBe(true);
    const grown = await validate(dir, 'app', ['--baseline', 'main', '--profile-runs', '3'], {
      RETAIN_MB: '40',
    });
    const rss = grown.result.baseline?.comparisons.find((c) => c.id === 'why/app:peakRss');
    expect(rss?.comparison.verdict).toBe('regressed');
    const site = rss?.allocationSites?.[0];
    expect(site?.function).toBe('keepRows');
    // 40 MB of arrays, sampled by V8's heap profiler: within a few MB of it.
    expect(site?.deltaMB).toBeGreaterThan(30);
    expect(site?.deltaMB).toBeLessThan(50);
    expect(rss?.allocationSites?.map((s) => s.function)).not.toContain('applyFilter');
    expect(existsSync(rss?.why?.flamegraph ?? '')).toBe(true);
  });

  it("attributes a server's drop in requests per second per 1,000 requests", async () => {
    const dir = project();
    // Five profiled runs a side (the default), not three: a server's two equal loops share its time
    // differently from one process to the next (renderPage 32-56% of a run of the unchanged fixture on
    // an AMD EPYC VM), and three runs a side left the threefold slowdown short of the test there.
    expect((await validate(dir, 'server', ['--save-baseline', 'main', '--profile-runs', '5'])).code).toBe(0);
    const slow = await validate(dir, 'server', ['--baseline', 'main', '--profile-runs', '5', '--attribute'], {
      PAGE_SLOWDOWN: '3',
    });
    const rps = slow.result.baseline?.comparisons.find((c) => c.id === 'why/server:rps');
    expect(rps?.why?.per).toBe('1,000 requests');
    // renderPage first, with nearly all of the regression (98% in runs on the AMD EPYC VM). Not
    // "alone": among the hundred-odd functions of a node:http server tested per 1,000 requests, one
    // of Node's own (writeHead) passed the false-discovery bound once in a full CI run there, with
    // renderPage still named first; the unchanged-run test holds the "names nothing" side.
    const [first] = rps?.attribution ?? [];
    expect(first?.function).toBe('renderPage');
    expect(first?.deltaMs).toBeGreaterThan(100);
    expect(first?.shareOfRegression).toBeGreaterThan(0.8);
  });

  it('keeps the verdict of a baseline saved without profiles and says why nothing is attributed', async () => {
    const dir = project();
    expect((await validate(dir, 'app', ['--save-baseline', 'old', '--profile-runs', '0'])).code).toBe(0);
    const slow = await validate(dir, 'app', ['--baseline', 'old', '--runs', '5'], { FILTER_SLOWDOWN: '5' });
    const regressed = wall(slow.result, 'app');
    expect(regressed?.comparison.verdict).toBe('regressed');
    expect(regressed?.attribution).toBeUndefined();
    expect(regressed?.why?.note).toMatch(/baseline "old" kept no profiles.*--save-baseline old/);
    expect(slow.code).toBe(0);
  });
});
