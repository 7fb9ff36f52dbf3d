/** The budgets table of memory_summary.md and doctor_summary.md: component | budget | measured | status. */
import { mdTable, mdText } from './markdown.js';

/** One row of the budgets table, as memory and doctor results carry them. */
export interface BudgetCheck {
  component: string;
  /** `peak RSS <= 10 MB`, `growth: stable`. */
  budget: string;
  measured: string;
  status: 'pass' | 'fail';
}

export function budgetsTable(rows: readonly BudgetCheck[]): string[] {
  return mdTable(
    ['component', 'budget', 'measured', 'status'],
    rows.map((b) => [
      mdText(b.component),
      mdText(b.budget),
      mdText(b.measured),
      b.status === 'pass' ? 'pass' : '**FAIL**',
    ]),
  );
}
