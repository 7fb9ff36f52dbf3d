/**
 * The `doctor` budgets of a workload's config checked against what was measured: the loop's delay
 * p99 and its longest block. Pure; one row per configured budget, in the shape of the memory
 * budgets table.
 */
import type { Workload } from '../config/schema.js';
import type { BudgetCheck } from '../render/budgets-md.js';
import { millis } from './format.js';
import type { DoctorResult } from './result.js';

export function checkDoctorBudgets(
  component: string,
  budget: Workload['doctor'],
  measured: Pick<DoctorResult, 'eventLoopDelayMs'>,
): BudgetCheck[] {
  const rows: BudgetCheck[] = [];
  const delay = measured.eventLoopDelayMs;
  const row = (what: string, limit: number, value: number | undefined): BudgetCheck => ({
    component,
    budget: `${what} <= ${millis(limit)}`,
    // No readings after start-up: nothing shows the budget met.
    measured: value === undefined ? 'no readings' : millis(value),
    status: value !== undefined && value <= limit ? 'pass' : 'fail',
  });
  if (budget?.maxDelayP99Ms !== undefined) rows.push(row('loop delay p99', budget.maxDelayP99Ms, delay?.p99));
  if (budget?.maxBlockMs !== undefined) rows.push(row('longest block', budget.maxBlockMs, delay?.max));
  return rows;
}
