import Decimal from 'decimal.js';
import type { BudgetSource, Report } from '../../schemas/dataset';
import { parseDecimal } from '../values';
import type { Check } from './check';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision } from './precision';

/**
 * The budget block's 年度资金总额 against its source rows: the total of each column (年初预算数,
 * 全年预算数 A, 全年执行数 B) is the sum of the sources of their own (财政拨款 + 其他资金); a part
 * (其中, an indented row) lies within its source and is not added again. Forms that leave a
 * source at 0 and print its amount on its parts (seed 004: 财政拨款 0, -----本级安排 1320) are
 * read with the source's amount as the sum of its parts not printed as 其中. A total row left at
 * 0 / 0 / 0 under filled sources (L13: 年度资金总额 0 under 本年财政拨款 90) is said to be one.
 */
const COLUMNS = [
  ['initial', 'budget_initial', '年初预算数'],
  ['annual', 'budget_annual', '全年预算数 A'],
  ['executed', 'budget_executed', '全年执行数 B'],
] as const;

export function checkBudgetBreakdown(report: Report, sources: BudgetSource[]): Observation[] {
  const findings: Observation[] = [];
  for (const [column, field, name] of COLUMNS) {
    const total = report[field];
    const printed = sources.map((s) => parseDecimal(s[column]));
    if (total === null || printed.every((v) => v === null)) continue;
    const value = (i: number) => new Decimal(printed[i] ?? 0);
    const terms = sources.flatMap((source, i) => {
      if (source.part_of !== null) return [];
      const parts = sources.map((p, j) => ({ p, j })).filter(({ p }) => p.part_of === i && !p.of_which);
      const fromParts = parts.reduce((acc, { j }) => acc.plus(value(j)), new Decimal(0));
      const amount = value(i).isZero() && !fromParts.isZero() ? fromParts : value(i);
      const shown = amount === fromParts && !fromParts.isZero() ? `${source.label} ${printed[i] ?? '(empty)'} (its parts ${parts.map(({ p, j }) => `${p.label} ${printed[j] ?? 0}`).join(' + ')})` : `${source.label} ${printed[i] ?? '(empty)'}`;
      return [{ amount, shown }];
    });
    const sum = terms.reduce((acc, t) => acc.plus(t.amount), new Decimal(0));
    if (matchesAtPrecision(total, sum)) continue;
    findings.push(
      observe(null, 'BUDGET_BREAKDOWN_MISMATCH', 'error', {
        field,
        printed: total,
        expected: formatComputed(sum),
        message: `budget block ${name}: 年度资金总额 prints ${total}, its source rows add up to ${terms.map((t) => t.shown).join(' + ')} = ${formatComputed(sum)}${new Decimal(total).isZero() ? ' (the total row was left at 0 under filled source rows, as forms filled from the national template often are: the amounts are in the source rows)' : ''}`,
        // That column's total against its source rows (whose own cells the evidence does not keep).
        reads: [`report.${field}`],
      }),
    );
  }
  return findings;
}

export const budgetBreakdownCheck: Check = {
  name: 'budget block total against its sources',
  reads: ['report.budget_initial', 'report.budget_annual', 'report.budget_executed', 'evidence.budget_sources'],
  emits: { BUDGET_BREAKDOWN_MISMATCH: { origin: 'document', severity: ['error'], when: 'always: arithmetic on printed figures' } },
  run: (ctx) => checkBudgetBreakdown(ctx.report, ctx.evidence.budget_sources),
};
