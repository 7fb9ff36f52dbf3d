/**
 * The budgets of a workload's `memory` config checked against what was measured: peak RSS of the
 * tree, and whether growth was expected. Pure; one row per configured budget.
 */
import type { Workload } from '../config/schema.js';
import type { BudgetCheck } from '../render/budgets-md.js';
import type { GrowthKind } from './classify.js';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export function checkBudgets(
  component: string,
  budget: Workload['memory'],
  measured: { peakRss: number; verdict: GrowthKind; leak: boolean },
): BudgetCheck[] {
  const rows: BudgetCheck[] = [];
  if (budget?.peakRssMb !== undefined) {
    rows.push({
      component,
      budget: `peak RSS <= ${budget.peakRssMb} MB`,
      measured: mb(measured.peakRss),
      status: measured.peakRss <= budget.peakRssMb * 1e6 ? 'pass' : 'fail',
    });
  }
  if (budget?.expect === 'stable') {
    rows.push({
      component,
      budget: 'growth: stable',
      measured: measured.verdict,
      // "insufficient data" cannot show growth, but it cannot show stability either.
      status: measured.verdict === 'stable' ? 'pass' : 'fail',
    });
  }
  if (budget?.expect === 'growth') {
    rows.push({
      component,
      budget: 'growth: expected',
      measured: measured.verdict,
      // A deliberate leak (a demo, a regression test of the detector) that reads stable was missed.
      status: measured.leak ? 'pass' : 'fail',
    });
  }
  return rows;
}
