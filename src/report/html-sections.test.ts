// The report page's server-rendered sections (html-sections.ts): the History section's count of runs.
import { describe, expect, it } from 'vitest';
import type { HistoryRun } from '../history/trend-types.js';
import { historySection } from './html-sections.js';

const run = (t: string): HistoryRun => ({ id: t, t, command: 'cpu', machine: 'ci' });

describe('historySection', () => {
  it('says "1 run", not "1 runs"', () => {
    const one = historySection({ runs: [run('2026-12-01T10:00:00.000Z')], series: [], moved: [], rule: '' });
    expect(one).toMatch(/>1 run from /);
    const two = historySection({
      runs: [run('2026-12-01T10:00:00.000Z'), run('2026-12-02T10:00:00.000Z')],
      series: [],
      moved: [],
      rule: '',
    });
    expect(two).toMatch(/>2 runs from /);
  });
});
