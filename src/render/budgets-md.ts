/** The budgets table of memory_summary.md and doctor_summary.md: component | budget | measured | status. */
import type { BudgetCheck } from '../memory/result.js';
import { mdTable, mdText } from './markdown.js';

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
