/**
 * The validate report against a golden file (test/golden/validate/performance_report.md; regenerate
 * after an intended change with
 * `PERFSUITE_BLESS=1 npx vitest run src/validate/reports/report-md.test.ts`), and the parts that
 * must follow from the data whatever it is: verdicts, escaping, empty sections.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../test/support/golden.js';
import { exampleResult } from '../../../test/support/validate-example.js';
import { toMeasurement } from '../measure/to-measurement.js';
import type { ValidateResult } from '../measurement.js';
import { renderValidateReport, reportStamp } from './report-md.js';

const golden = new URL('../../../test/golden/validate/performance_report.md', import.meta.url);
const options = {
  reportDir: '/app/reports',
  failOnRegressionPct: 10,
  jsonPath: '/app/reports/performance_report_20261127_140509.json',
};

/** The cells of a table row, split on pipes that are not escaped. */
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1);

function bare(measurements: ValidateResult['measurements']): ValidateResult {
  return {
    ...exampleResult(),
    measurements,
    sweeps: [],
    servers: [],
    links: [],
    baseline: undefined,
    suites: [...new Set(measurements.map((m) => m.suite))],
  };
}

describe('renderValidateReport', () => {
  const result = exampleResult();
  const md = renderValidateReport(result, options);

  it('matches the golden file', () => {
    expectGolden(golden, md);
  });

  it('has every section, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Executive summary',
      '## Targets',
      '## Measurements without targets',
      '## Servers under load',
      '## Journeys',
      '## Scalability sweeps',
      '## Baseline comparison',
      '## Failures',
      '## Methodology',
      '## Links',
    ]);
  });

  it('summarises the verdicts it was given and fails for the reasons in the data', () => {
    expect(md).toContain(
      '**FAIL** (exit code 1): 2 of 19 targets failed, 1 measurement had failed runs, 7 regressions past the 10% gate.',
    );
    expect(md).toContain('| targets | 15 pass, 2 warn, 2 fail |');
    expect(md).toMatch(
      /\| baseline main \| 7 regressed \(7 past the 10% gate\), 1 improved, 1 within noise, 13 no change, 2 not compared \|/,
    );
  });

  it('puts each target in its suite table with p50, p95, p99 and n, from the measurement', () => {
    const lint = result.measurements.find((m) => m.id === 'commands/lint:wall');
    const row = md.split('\n').find((l) => l.startsWith('| lint '));
    expect(row && cells(row).map((c) => c.trim())).toEqual([
      'lint (src/\\*\\*/\\*.ts)',
      'mean <= 1 s, warn to 1.1 s',
      '1.49 s',
      '**FAIL**',
      '1.49 s',
      '1.53 s',
      '1.53 s',
      String(lint?.summary?.n),
    ]);
  });

  it('marks regressions past the gate and says why ids were not compared', () => {
    expect(md).toMatch(
      /\| commands\/fmt:wall \| 414 ms \| 531 ms \| \+28\.3% \| \+23\.6% to \+33\.1% \| < 0\.001 \| \*\*regressed\*\*, past the 10% gate \|/,
    );
    expect(md).toContain('| bench/parse/small:call | 12.3 µs | 9.84 µs | -20.2% |');
    expect(md).toContain('- commands/render:wall: in the baseline, not measured in this run');
    expect(md).toContain('- commands/init:wall: the baseline has 1 run and this run 1 run');
  });

  it('shows the sweep fit computed from the runs', () => {
    const fit = result.sweeps[0]?.fit;
    expect(md).toContain(
      `Fitted exponent b = ${fit?.exponent.toFixed(3)} (95% CI ${fit?.ci95?.[0].toFixed(3)} to ${fit?.ci95?.[1].toFixed(3)}): **${fit?.label}**.`,
    );
  });

  it('escapes pipes and newlines in cells so a row keeps its columns', () => {
    const hostile = toMeasurement({
      suite: 'x',
      name: 'y',
      metric: 'wall',
      kind: 'command',
      unit: 'ms',
      samples: [10, 11, 12],
      limits: [{ stat: 'max', max: 5, tolerance: 0, component: 'a | b\nc <script>' }],
      failures: ['boom | bang\nsecond line'],
    });
    const out = renderValidateReport(bare([hostile]), { reportDir: '/r' });
    const row = out.split('\n').find((l) => l.startsWith('| a '));
    expect(row).toBe(
      '| a \\| b c \\<script> | max <= 5 ms | 12 ms | **FAIL**, **1 failure** | 11 ms | 11.9 ms | 12 ms | 3 |',
    );
    expect(row && cells(row)).toHaveLength(8);
    expect(out).toContain('- x/y: boom \\| bang second line');
  });

  it('passes, with no invented sections, when there is nothing to fail and nothing to compare', () => {
    const plain = toMeasurement({
      suite: 's',
      name: 'w',
      metric: 'wall',
      kind: 'command',
      unit: 'ms',
      samples: [5, 6, 7],
    });
    const out = renderValidateReport(bare([plain]), { reportDir: '/r' });
    expect(out).toContain('**PASS** (exit code 0): no targets configured, no failed runs.');
    expect(out).toContain('## Targets\n\nNo targets configured.');
    expect(out).toContain('## Baseline comparison\n\nNo baseline was compared.');
    expect(out).toContain('## Failures\n\nNone.');
    expect(out).not.toContain('## Journeys');
    expect(out).not.toContain('## Scalability sweeps');
    expect(out).not.toContain('## Links');
    expect(out).not.toContain('Baseline comparison (criterion');
  });

  it('says when the run was interrupted', () => {
    const out = renderValidateReport({ ...result, interrupted: true }, options);
    expect(out).toContain('**Interrupted**: the run was stopped before every suite finished');
  });

  it('reads a recorded warm-up into the methodology', () => {
    const m = { ...result.measurements[0], warmup: 2 } as ValidateResult['measurements'][number];
    const out = renderValidateReport(bare([m]), { reportDir: '/r' });
    expect(out).toContain('- Warm-up runs (not measured): command timings (a fresh process per run): 2.');
    expect(md).toContain('- Warm-up runs (not measured): not recorded in this result.');
  });
});

describe('reportStamp', () => {
  it('is the UTC date and time as YYYYMMDD_HHMMSS', () => {
    expect(reportStamp(new Date('2026-11-27T14:05:09.999Z'))).toBe('20261127_140509');
    expect(reportStamp(new Date('2027-01-02T03:04:05+02:00'))).toBe('20270102_010405');
  });
});
