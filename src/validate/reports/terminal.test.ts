/**
 * The terminal summary against a golden file (test/golden/validate/terminal.txt; regenerate with
 * `PERFSUITE_BLESS=1 npx vitest run src/validate/reports/terminal.test.ts`), plus the lines that
 * must follow from the data.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../../test/support/golden.js';
import { exampleResult } from '../../../test/support/validate-example.js';
import { formatValidateSummary } from './terminal.js';

const golden = new URL('../../../test/golden/validate/terminal.txt', import.meta.url);

describe('formatValidateSummary', () => {
  const result = exampleResult();
  const text = formatValidateSummary(result, {
    cwd: '/app',
    reportFiles: [
      '/app/reports/performance_report_20261127_140509.md',
      '/app/reports/performance_report_20261127_140509.json',
    ],
    failOnRegressionPct: 10,
  });

  it('matches the golden file', () => {
    expectGolden(golden, `${text}\n`);
  });

  it('gives each measurement mean ± σ, range, runs and its targets with verdicts', () => {
    expect(text).toMatch(
      /^ {2}lint:wall +1\.49 s ± 32 ms +\[1\.42 s … 1\.53 s\] +10 runs +mean 1\.49 s <= 1 s FAIL$/m,
    );
    expect(text).toMatch(/^ {2}fmt:wall .* WARN$/m);
    expect(text).toMatch(/^ {2}diff:wall .* pass; 1 FAILED$/m);
    expect(text).toMatch(/^ {2}init:wall +1\.72 s +\[1\.72 s … 1\.72 s\] +1 run$/m);
  });

  it('lists real changes against the baseline, the verdict and the report paths', () => {
    expect(text).toMatch(
      /^ {2}REGRESSED +commands\/fmt:wall +\+28\.3% +\[\+23\.6% … \+33\.1%\] +p < 0\.001 +past the gate$/m,
    );
    expect(text).toMatch(/^ {2}improved +bench\/parse\/small:call +-20\.2%/m);
    expect(text).not.toMatch(/hot_reload\/cycles:probe:detect/);
    expect(text).toContain(
      'FAIL: 2 of 19 targets failed, 1 measurement had failed runs, 7 regressions past the 10% gate',
    );
    expect(text.endsWith('report: reports/performance_report_20261127_140509.json')).toBe(true);
  });

  it('passes with the count of warnings when nothing failed', () => {
    const passing = {
      ...result,
      measurements: result.measurements
        .filter((m) => m.id === 'commands/fmt:wall')
        .map((m) => ({ ...m, failures: [] })),
      baseline: undefined,
      sweeps: [],
      servers: [],
    };
    expect(formatValidateSummary(passing).split('\n').at(-1)).toBe('PASS (1 target within tolerance)');
  });
});
