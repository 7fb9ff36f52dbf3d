import { describe, expect, it } from 'vitest';
import { checkBudgets } from './budgets.js';

describe('checkBudgets', () => {
  it('checks peak RSS against the budget in MB (10^6 bytes)', () => {
    const rows = checkBudgets('api', { peakRssMb: 50 }, { peakRss: 50e6, verdict: 'stable', leak: false });
    expect(rows).toEqual([
      { component: 'api', budget: 'peak RSS <= 50 MB', measured: '50.0 MB', status: 'pass' },
    ]);
    const over = checkBudgets('api', { peakRssMb: 50 }, { peakRss: 50.1e6, verdict: 'stable', leak: false });
    expect(over[0]?.status).toBe('fail');
  });

  it('expect stable fails on growth and on insufficient data; expect growth fails when none was found', () => {
    const status = (
      expect: 'stable' | 'growth',
      verdict: 'stable' | 'linear' | 'insufficient data',
      leak: boolean,
    ) => checkBudgets('w', { expect }, { peakRss: 1, verdict, leak })[0]?.status;
    expect(status('stable', 'stable', false)).toBe('pass');
    expect(status('stable', 'linear', true)).toBe('fail');
    expect(status('stable', 'insufficient data', false)).toBe('fail');
    expect(status('growth', 'linear', true)).toBe('pass');
    expect(status('growth', 'stable', false)).toBe('fail');
  });

  it('has no rows without a memory config', () => {
    expect(checkBudgets('w', undefined, { peakRss: 1, verdict: 'stable', leak: false })).toEqual([]);
  });
});
