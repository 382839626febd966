import Decimal from 'decimal.js';
import type { Indicator, MergedBlock, Report, Severity } from '../../schemas/dataset';
import type { Check } from './check';
import { gradeOf, NATIONAL_GRADES, sameGrade, type GradeBand } from './document-rules';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision, withinAtPrecision } from './precision';
import { unitFactor } from './quantities';
import { MONEY_UNIT_OF } from '../vocabulary/lexicon';

/**
 * Report-level sums: indicator scores + execution score = 总分, all weights = 100 (or the 分值
 * the 总分 row prints), the grade the total earns, and a budget block whose money unit is
 * plainly not the one printed in its header.
 */
export interface TotalInputs {
  /** Score and weight of printed levels with no indicator rows (see structure.ts). */
  extraScore: Decimal;
  extraWeight: Decimal;
  gradeBands: GradeBand[] | null;
  /** The 分值 the 总分 row prints. */
  weightTotal: string | null;
  /** Weights and scores printed once for a block of rows: counted once, their rows' own left empty. */
  mergedBlocks: Pick<MergedBlock, 'field' | 'value' | 'row_indexes'>[];
}

export interface TotalCheck {
  totalComputed: string | null;
  gradeComputed: string | null;
  findings: Observation[];
}

const dec = (s: string | null | undefined) => (s === null || s === undefined ? null : new Decimal(s));

/**
 * A form's weights in all: its rows', the budget line's 分值, the levels printed without rows
 * (`extraWeight`) and the weights printed once for a block of rows. Null where a row has neither a
 * weight of its own nor a block's: the sum is not known.
 */
export function weightTotal(report: Pick<Report, 'execution_weight'>, rows: Indicator[], mergedBlocks: TotalInputs['mergedBlocks'], extraWeight: Decimal): Decimal | null {
  const blocks = mergedBlocks.filter((b) => b.field === 'weight');
  const blocked = new Set(blocks.flatMap((b) => b.row_indexes));
  if (rows.length === 0 || !rows.every((r) => r.weight !== null || blocked.has(r.row_index))) return null;
  const own = rows.reduce((acc, r) => acc.plus(r.weight ?? 0), new Decimal(0));
  return blocks.reduce((acc, b) => acc.plus(b.value ?? 0), own).plus(report.execution_weight ?? 0).plus(extraWeight);
}

export function checkTotals(report: Report, rows: Indicator[], inputs: TotalInputs): TotalCheck {
  const findings: Observation[] = [];
  const say = (code: 'TOTAL_MISMATCH' | 'WEIGHTS_NOT_100' | 'GRADE_MISMATCH', severity: Severity, field: string, printed: string | null, expected: string | null, message: string) =>
    findings.push(observe(null, code, severity, { field, printed, expected, message }));

  const blocksOf = (field: string) => inputs.mergedBlocks.filter((b) => b.field === field);
  const inBlock = (field: string, r: Indicator) => blocksOf(field).some((b) => b.row_indexes.includes(r.row_index));
  const blockTotal = (field: string) => blocksOf(field).reduce((acc, b) => acc.plus(b.value ?? 0), new Decimal(0));
  const blockScore = blockTotal('score');
  const scored = rows.filter((r) => r.score !== null);
  const executionScore = dec(report.execution_score);
  const hasScores = scored.length > 0 || executionScore !== null;
  const computed = hasScores
    ? scored.reduce((acc, r) => acc.plus(r.score!), new Decimal(0)).plus(executionScore ?? 0).plus(inputs.extraScore).plus(blockScore)
    : null;
  // Rows with a weight and no printed score (a block's rows aside: their score is the block's): the total can only be bounded.
  const room = rows.filter((r) => r.score === null && r.weight !== null && !inBlock('score', r)).reduce((acc, r) => acc.plus(r.weight!), new Decimal(0));
  const parts = `indicator scores ${formatComputed(computed?.minus(executionScore ?? 0).minus(inputs.extraScore).minus(blockScore) ?? new Decimal(0))}` +
    (executionScore !== null ? ` + execution score ${report.execution_score}` : '') +
    (inputs.extraScore.isZero() ? '' : ` + levels printed without rows ${inputs.extraScore}`) +
    (blocksOf('score').length === 0 ? '' : ` + scores printed once for merged blocks ${blockScore}`);
  if (computed !== null && report.total_printed !== null && scored.length > 0) {
    const holds = room.isZero() ? matchesAtPrecision(report.total_printed, computed) : withinAtPrecision(report.total_printed, computed, computed.plus(room));
    if (!holds) {
      const expected = room.isZero() ? formatComputed(computed) : `${formatComputed(computed)}–${formatComputed(computed.plus(room))}`;
      say('TOTAL_MISMATCH', 'error', 'total_printed', report.total_printed, expected, `${parts} = ${formatComputed(computed)}${room.isZero() ? '' : ` (+ at most ${room} not printed)`}; 总分 printed ${report.total_printed}`);
    }
  }

  const executionWeight = dec(report.execution_weight);
  const total = weightTotal(report, rows, inputs.mergedBlocks, inputs.extraWeight);
  if (total !== null) {
    const printed = dec(inputs.weightTotal);
    const what = `indicator weights ${total.minus(executionWeight ?? 0).minus(inputs.extraWeight)}${executionWeight !== null ? ` + budget 分值 ${report.execution_weight}` : ''}${inputs.extraWeight.isZero() ? '' : ` + levels without rows ${inputs.extraWeight}`} = ${total}`;
    // Against a printed 分值 total it cannot hold; against the 100-point convention alone it is off-rule.
    if (printed !== null && !total.equals(printed)) {
      say('WEIGHTS_NOT_100', 'error', 'weight', total.toString(), printed.toString(), `${what}; the 总分 row prints 分值 ${inputs.weightTotal}`);
    } else if (!total.equals(100)) {
      say('WEIGHTS_NOT_100', 'warning', 'weight', total.toString(), '100', `${what}; the weights of a 100-point form sum to 100`);
    }
  }

  const bands = inputs.gradeBands ?? NATIONAL_GRADES;
  const base = report.total_printed !== null ? new Decimal(report.total_printed) : room.isZero() ? computed : null;
  const gradeComputed = base === null ? null : gradeOf(base, bands);
  if (gradeComputed !== null && report.grade_printed !== null && !sameGrade(report.grade_printed, gradeComputed)) {
    const stated = inputs.gradeBands !== null;
    say('GRADE_MISMATCH', stated ? 'error' : 'warning', 'grade_printed', report.grade_printed, gradeComputed, `total ${base!.toString()} is ${gradeComputed} by ${stated ? "the document's bands" : 'the national bands'} (${bands.map((b) => `${b.grade} ≥ ${b.from}`).join(', ')}); printed ${report.grade_printed}`);
  }
  return { totalComputed: computed === null ? null : formatComputed(computed), gradeComputed, findings };
}

/**
 * A block headed `(元)` whose figures are plainly 万元 (seed 004): a money indicator of the same
 * report printed in 万元 with the very figure of the block, or a whole budget under 1,000 元.
 */
export function checkBudgetUnit(report: Report, rows: Indicator[]): Observation[] {
  if (report.budget_unit !== '元' || report.budget_annual === null) return [];
  const figures = [report.budget_initial, report.budget_annual, report.budget_executed].filter((f): f is string => f !== null).map((f) => new Decimal(f));
  const echo = rows.find((r) => {
    for (const [value, unit] of [[r.target_value, r.target_unit], [r.actual_value, r.actual_unit]] as const) {
      // `≤15万` on a money row is 万元.
      const money = unit === null ? undefined : MONEY_UNIT_OF[unit];
      if (value === null || money === undefined) continue;
      const factor = unitFactor(money, '元');
      if (factor && !factor.equals(1) && figures.some((f) => f.equals(value))) return true;
    }
    return false;
  });
  const annual = new Decimal(report.budget_annual);
  if (!echo && annual.gte(1000)) return [];
  const evidence = echo
    ? `the indicator ${echo.level3} prints ${echo.target_raw ?? ''} / ${echo.actual_raw ?? ''} in 万元 with the block's own figure`
    : `a whole project budget of ${report.budget_annual} 元 is implausible`;
  return [
    observe(null, 'UNIT_SUSPECT', 'warning', {
      field: 'budget_unit',
      printed: '元',
      expected: '万元',
      message: `budget block headed (元) with A = ${report.budget_annual}, B = ${report.budget_executed}: ${evidence}; the figures read as 万元 (kept as printed)`,
    }),
  ];
}

export const totalsCheck: Check = {
  name: 'total, weights and grade',
  reads: ['indicators.score', 'indicators.weight', 'report.execution_score', 'report.execution_weight', 'report.total_printed', 'report.grade_printed', 'evidence.weight_total', 'evidence.grade_bands', 'evidence.levels_printed', 'evidence.merged_blocks'],
  emits: {
    TOTAL_MISMATCH: { origin: 'document', severity: ['error'], when: 'always: arithmetic on printed figures', reads: ['indicators.score', 'report.execution_score', 'report.total_printed'] },
    WEIGHTS_NOT_100: {
      origin: 'document',
      severity: ['error', 'warning'],
      when: 'error against a printed 分值 total, warning against the 100-point convention alone',
      reads: ['indicators.weight', 'report.execution_weight', 'evidence.weight_total'],
    },
    // The grade of the printed total (of the scores only when no total is printed: their doubts are not weighed here).
    GRADE_MISMATCH: { origin: 'document', severity: ['error', 'warning'], when: "error by the document's stated bands, warning by the national ones", reads: ['report.total_printed', 'report.grade_printed'] },
  },
  run(ctx) {
    const totals = checkTotals(ctx.report, ctx.rows, {
      extraScore: ctx.derived.extraScore,
      extraWeight: ctx.derived.extraWeight,
      gradeBands: ctx.rules.gradeBands,
      weightTotal: ctx.evidence.weight_total?.printed ?? null,
      mergedBlocks: ctx.evidence.merged_blocks,
    });
    ctx.computed.total_computed = totals.totalComputed;
    ctx.computed.grade_computed = totals.gradeComputed;
    return totals.findings;
  },
};

export const budgetUnitCheck: Check = {
  name: 'money unit of the budget block',
  reads: ['report.budget_unit', 'report.budget_initial', 'report.budget_annual', 'report.budget_executed', 'indicators.target_value', 'indicators.actual_value'],
  emits: {
    UNIT_SUSPECT: { origin: 'document', severity: ['warning'], when: 'a block headed (元) whose figures read as 万元', reads: ['report.budget_initial', 'report.budget_annual', 'report.budget_executed'] },
  },
  run: (ctx) => checkBudgetUnit(ctx.report, ctx.rows),
};
