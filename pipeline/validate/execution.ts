import Decimal from 'decimal.js';
import type { Report } from '../../schemas/dataset';
import { compact, foldWidth } from '../text';
import type { Check } from './check';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision } from './precision';

/**
 * The budget block (年度资金总额 row): the printed 执行率 against B / A, and the printed 得分
 * against min(rate, 1) × 分值 (DOMAIN.md). Both are arithmetic on printed figures, so a
 * difference is an error.
 */

/**
 * A printed rate in percent with the digits as printed, for comparing at that precision:
 * `79.74%` → 79.74; a bare `0` is 0 %; a bare fraction (`0.8537`) is a share of 1 (85.37 %).
 */
function rateParts(printed: string | null): { value: Decimal; digits: string } | null {
  if (printed === null) return null;
  const text = compact(foldWidth(printed));
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return { value: new Decimal(percent[1]!), digits: percent[1]! };
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const value = new Decimal(text);
  return value.lte(1) && !value.isZero() && text.includes('.') ? { value: value.times(100), digits: value.times(100).toString() } : { value, digits: text };
}

export const readRate = (printed: string | null) => rateParts(printed)?.value ?? null;

export interface ExecutionCheck {
  rescore: string | null;
  findings: Observation[];
}

export function checkExecution(report: Report): ExecutionCheck {
  const findings: Observation[] = [];
  const say = (code: 'EXEC_RATE_MISMATCH' | 'EXEC_SCORE_MISMATCH' | 'SCORE_EXCEEDS_WEIGHT', field: string, printed: string | null, expected: string, message: string) =>
    findings.push(observe(null, code, 'error', { field, printed, expected, message }));
  const annual = report.budget_annual === null ? null : new Decimal(report.budget_annual);
  const executed = report.budget_executed === null ? null : new Decimal(report.budget_executed);
  const computed = annual && executed && !annual.isZero() ? executed.div(annual).times(100) : null;
  const printed = rateParts(report.execution_rate_printed);
  const printedRate = printed?.value ?? null;
  const block = `budget block: A = ${report.budget_annual}, B = ${report.budget_executed}`;

  let rateHolds = true;
  if (computed !== null && printed !== null) {
    rateHolds = matchesAtPrecision(printed.digits, computed, { truncated: true });
    if (!rateHolds) {
      say('EXEC_RATE_MISMATCH', 'execution_rate_printed', report.execution_rate_printed, `${formatComputed(computed)}%`, `${block}: B / A = ${formatComputed(computed)}%, printed 执行率 ${report.execution_rate_printed}`);
    }
  }

  const weight = report.execution_weight === null ? null : new Decimal(report.execution_weight);
  const score = report.execution_score === null ? null : new Decimal(report.execution_score);
  const rate = computed ?? printedRate;
  if (weight === null || rate === null) return { rescore: null, findings };
  const rescore = Decimal.min(rate.div(100), 1).times(weight);
  if (score !== null && score.gt(weight)) {
    say('SCORE_EXCEEDS_WEIGHT', 'execution_score', report.execution_score, `≤ ${report.execution_weight}`, `${block}: 得分 ${report.execution_score} is over its 分值 ${report.execution_weight}`);
  }
  if (score !== null) {
    // The form may compute the score from its own (rounded or cut) printed rate: accepted only
    // when that rate agrees with B / A, else the score is held to B / A.
    const fromPrinted = printedRate !== null && rateHolds ? Decimal.min(printedRate.div(100), 1).times(weight) : null;
    const holds = matchesAtPrecision(report.execution_score!, rescore) || (fromPrinted !== null && matchesAtPrecision(report.execution_score!, fromPrinted));
    if (!holds) {
      const follows = printedRate !== null && !rateHolds && matchesAtPrecision(report.execution_score!, Decimal.min(printedRate.div(100), 1).times(weight));
      say(
        'EXEC_SCORE_MISMATCH',
        'execution_score',
        report.execution_score,
        formatComputed(rescore),
        `${block}: min(B / A, 1) × 分值 ${report.execution_weight} = ${formatComputed(rescore)}, printed 得分 ${report.execution_score}` +
          (follows ? ` (it follows the printed 执行率 ${report.execution_rate_printed}, which B / A contradicts)` : ''),
      );
    }
  }
  return { rescore: formatComputed(rescore), findings };
}

const ARITHMETIC = { origin: 'document', severity: ['error'], when: 'always: arithmetic on printed figures' } as const;

export const executionCheck: Check = {
  name: 'budget execution',
  reads: ['report.budget_annual', 'report.budget_executed', 'report.execution_rate_printed', 'report.execution_weight', 'report.execution_score'],
  emits: {
    EXEC_RATE_MISMATCH: { ...ARITHMETIC, reads: ['report.budget_annual', 'report.budget_executed', 'report.execution_rate_printed'] },
    EXEC_SCORE_MISMATCH: ARITHMETIC,
    SCORE_EXCEEDS_WEIGHT: { ...ARITHMETIC, reads: ['report.execution_weight', 'report.execution_score'] },
  },
  run(ctx) {
    const checked = checkExecution(ctx.report);
    ctx.computed.execution_rescore = checked.rescore;
    return checked.findings;
  },
};
