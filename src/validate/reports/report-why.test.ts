import { describe, expect, it } from 'vitest';
import { exampleResult } from '../../../test/support/validate-example.js';
import type { ValidateResult } from '../measurement.js';
import { whySection } from './report-why.js';
import { formatValidateSummary } from './terminal.js';

/** The example run with its first regression attributed, its second not (a baseline without profiles). */
function attributed(): ValidateResult {
  const result = exampleResult();
  const [dryRun, , fmt] = result.baseline?.comparisons ?? [];
  if (!dryRun || !fmt) throw new Error('the example changed');
  dryRun.attribution = [
    {
      function: 'renderRows',
      file: '/app/src/render.ts',
      line: 40,
      baselineMs: 20,
      currentMs: 61,
      deltaMs: 41,
      shareOfRegression: 0.68,
      p: 0.0004,
    },
    {
      function: 'slug',
      file: '/app/src/filters.ts',
      line: 3,
      baselineFile: '/app/src/lib/filters.ts',
      baselineMs: 5,
      currentMs: 15,
      deltaMs: 10,
      shareOfRegression: 0.17,
      p: 0.02,
    },
  ];
  dryRun.why = {
    byTotal: [
      {
        function: 'run',
        file: 'node:internal/modules/run_main',
        baselineMs: 300,
        currentMs: 360,
        deltaMs: 60,
        shareOfRegression: 1,
        p: 0.001,
      },
      {
        function: 'render',
        file: '/app/src/render.ts',
        line: 10,
        baselineMs: 100,
        currentMs: 151,
        deltaMs: 51,
        shareOfRegression: 0.85,
        p: 0.001,
      },
    ],
    unit: 'ms',
    baselineRuns: 5,
    currentRuns: 5,
    baselineTotal: 300,
    currentTotal: 360,
    flamegraph: '/out/reports/why/20261130_120000/cpu/commands/dry_run.diff.svg',
    profiles: '/out/reports/why/20261130_120000/cpu/commands/dry_run',
  };
  fmt.why = {
    note: 'baseline "main" kept no profiles (saved before profiles were kept with baselines, or with --profile-runs 0)',
  };
  return result;
}

describe('Why it got slower', () => {
  it('lists the causes with their share of the profiled change, the callers outside Node, and the graph', () => {
    const text = whySection(attributed(), '/out/reports').join('\n');
    expect(text).toContain('## Why it got slower');
    expect(text).toContain('| `renderRows` | src/render.ts:40 | 20 ms | 61 ms | +41 ms | 68% | < 0.001 |');
    expect(text).toContain(
      '| `slug` | src/filters.ts:3 (was src/lib/filters.ts) | 5 ms | 15 ms | +10 ms | 17% | 0.02 |',
    );
    expect(text).toContain('The 2 functions named account for 85% of the profiled +60 ms.');
    expect(text).toContain('By total time (the function and what it calls): `render` +51 ms.');
    expect(text).toContain('[differential flamegraph](why/20261130_120000/cpu/commands/dry_run.diff.svg)');
    expect(text).toMatch(/### commands\/fmt:wall: .*\n\nNot attributed: baseline "main" kept no profiles/);
  });

  it('has no section when nothing was attributed', () => {
    expect(whySection(exampleResult(), '/out/reports')).toEqual([]);
  });

  it('names the top three causes in the terminal, and why a regression has none', () => {
    const summary = formatValidateSummary(attributed(), { cwd: '/out' });
    expect(summary).toContain(
      'why commands/dry_run:wall: renderRows +41 ms per run (68%), slug +10 ms per run (17%)',
    );
    expect(summary).toContain('why commands/fmt:wall: not attributed: baseline "main" kept no profiles');
  });
});
