import Decimal from 'decimal.js';
import type { Report } from '../../schemas/dataset';
import { parseDecimal } from '../values';
import type { Check } from './check';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision } from './precision';

/**
 * A summary table's 结余数 is what the project did not spend: 预算数 (A) − 执行数 (B). Checked at
 * the printed precision on any report that prints a balance beside both amounts.
 */
export function checkSummaryBalance(report: Report): Observation[] {
  const balance = report.budget_balance ?? null;
  const annual = parseDecimal(report.budget_annual);
  const executed = parseDecimal(report.budget_executed);
  if (balance === null || parseDecimal(balance) === null || annual === null || executed === null) return [];
  const expected = new Decimal(annual).minus(executed);
  if (matchesAtPrecision(parseDecimal(balance)!, expected)) return [];
  return [
    observe(null, 'SUMMARY_BALANCE_MISMATCH', 'error', {
      field: 'budget_balance',
      printed: balance,
      expected: formatComputed(expected),
      message: `结余数 prints ${balance}; 预算数 ${annual} − 执行数 ${executed} = ${formatComputed(expected)}`,
    }),
  ];
}

export const summaryBalanceCheck: Check = {
  name: 'summary balance against budget and execution',
  reads: ['report.budget_balance', 'report.budget_annual', 'report.budget_executed'],
  emits: { SUMMARY_BALANCE_MISMATCH: { origin: 'document', severity: ['error'], when: 'always: arithmetic on printed figures' } },
  run: (ctx) => checkSummaryBalance(ctx.report),
};
