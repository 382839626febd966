import Decimal from 'decimal.js';
import type { Indicator, Severity } from '../../schemas/dataset';
import type { Check } from './check';
import { NATIONAL_QUALITATIVE, type NegativeForm, type QualitativeBands } from './document-rules';
import { observe, type Observation } from './findings';
import { formatComputed, matchesAtPrecision } from './precision';
import { qualitativeBand } from './qualitative';
import { findQuantity, findRatioToTarget, readDateKey, showDateKey, unitFactor, type Quantity } from './quantities';
import { applyExecution, applyRule, ruleVariables, type RuleOutcome } from './rule-eval';
import { parseScoringRule, type ScoringRule } from './scoring-rules';

/**
 * Rescoring, row by row: the rule printed in 评分标准 when there is one, else the quantitative
 * rules of DOMAIN.md (positive B/A, negative A/B or deviation, equality, deadline), else the
 * qualitative band. The printed score stays as printed; the rescore sits beside it, and a
 * difference is a finding (a warning: printed scores are often judgement).
 */
export interface RescoreContext {
  negativeForm: NegativeForm | null;
  /** The document's qualitative bands (note 4), or null for the national ones. */
  qualitativeBands: QualitativeBands | null;
}

const dec = (s: string | null) => (s === null ? null : new Decimal(s));
const ONE = new Decimal(1);
const COST_LEVEL2 = /成本/;

interface Prepared {
  row: Indicator;
  weight: Decimal;
  score: Decimal | null;
  target: Quantity | null;
  actual: Quantity | null;
  rule: ScoringRule | null;
}

function readTarget(row: Indicator): Quantity | null {
  if (row.target_value !== null) return { op: row.target_op, value: new Decimal(row.target_value), unit: row.target_unit, source: 'cell' };
  if (row.target_raw === null || readDateKey(row.target_raw, 'deadline') !== null) return null;
  return findQuantity(row.target_raw, null);
}

/** The actual in a unit the target can be compared with, or null (`2023年有虚报现象` is not 2023 of anything). */
function readActual(row: Indicator, target: Quantity | null): Quantity | null {
  if (row.actual_raw === null) return null;
  const ratio = findRatioToTarget(row.actual_raw);
  if (ratio) return ratio;
  if (row.actual_value !== null) {
    const unit = row.actual_unit ?? target?.unit ?? null;
    const fits = target ? unitFactor(unit, target.unit) !== null || (unit === null && target.unit === '%') : unit === null || unit.length <= 3;
    if (fits) return { op: row.actual_op, value: new Decimal(row.actual_value), unit, source: 'cell' };
  }
  return findQuantity(row.actual_raw, target?.unit ?? null);
}

/** min(A/B, 1) × w (seed 004 note 3) and the deviation form; B = 0 meets any ≤ target. */
export function negativeForms(a: Decimal, b: Decimal, w: Decimal): Record<NegativeForm, Decimal> {
  const ab = b.lte(a) ? w : a.div(b).times(w);
  const deviation = b.lte(a) ? w : a.isZero() || b.gte(a.times(2)) ? new Decimal(0) : ONE.minus(b.minus(a).div(a)).times(w);
  return { 'A/B': ab, deviation };
}

/** Decides the negative form from rows whose printed score matches exactly one of the two. */
function inferNegativeForm(rows: Prepared[]): NegativeForm | null {
  const votes = new Set<NegativeForm>();
  for (const p of rows) {
    if (!isNegative(p) || !p.score || !p.target || !p.actual) continue;
    const v = ruleVariables(p.target, p.actual);
    if (v.actual === null || v.target === null) continue;
    const forms = negativeForms(v.target, v.actual, p.weight);
    const ab = matchesAtPrecision(p.score, forms['A/B']);
    const dev = matchesAtPrecision(p.score, forms.deviation);
    if (ab !== dev) votes.add(ab ? 'A/B' : 'deviation');
  }
  return votes.size === 1 ? [...votes][0]! : null;
}

const isCost = (row: Indicator) => row.level2 !== null && COST_LEVEL2.test(row.level2);
function isNegative(p: Prepared): boolean {
  const op = p.target?.op ?? null;
  return op === '<=' || op === '<' || (op === null && p.target !== null && isCost(p.row));
}

/** Rescores every row of a report; returns the rows with `rescore` / `rescore_method` and findings. */
export function rescoreIndicators(rows: Indicator[], context: RescoreContext): { indicators: Indicator[]; findings: Observation[] } {
  const findings: Observation[] = [];
  const prepared = rows.map((row): Prepared | null => {
    const weight = dec(row.weight);
    if (weight === null) return null;
    const target = readTarget(row);
    return { row, weight, score: dec(row.score), target, actual: readActual(row, target), rule: parseScoringRule(row.scoring_rule) };
  });
  const live = prepared.filter((p): p is Prepared => p !== null);
  const inferred = context.negativeForm ? null : inferNegativeForm(live);
  const negativeForm = context.negativeForm ?? inferred;
  const indicators = rows.map((row, i) => {
    const p = prepared[i];
    if (!p) return row;
    const { rescore, method } = rescoreRow(p, { ...context, negativeForm }, inferred !== null, findings);
    return { ...row, rescore: rescore === null ? null : formatComputed(rescore), rescore_method: method };
  });
  return { indicators, findings };
}

function rescoreRow(p: Prepared, context: RescoreContext, formInferred: boolean, findings: Observation[]) {
  const { row, weight, score } = p;
  const say = (code: RescoreCode, severity: Severity, printed: string | null, expected: string | null, message: string) =>
    findings.push(observe(row, code, severity, { field: 'score', printed, expected, message }));
  const compare = (rescore: Decimal, method: string, rule: string, severity: Severity = 'warning', code: 'RESCORE_MISMATCH' | 'EXEC_SCORE_MISMATCH' = 'RESCORE_MISMATCH') => {
    if (score !== null && !matchesAtPrecision(row.score!, rescore)) {
      say(code, severity, row.score, formatComputed(rescore), `${rule} gives ${formatComputed(rescore)} of ${row.weight}; printed ${row.score} (${method})`);
    }
    return { rescore, method };
  };
  const none = { rescore: null, method: null };

  const isExecution = p.rule?.kind === 'execution' || (row.indicator_key === 'budget_execution_rate' && (p.rule === null || p.rule.kind === 'criterion'));
  if (isExecution) {
    const stated = p.rule?.kind === 'execution' ? p.rule : null;
    const outcome = applyExecution(stated?.points ?? weight, stated?.fullAt ?? null, { weight, target: p.target, actual: p.actual, actualText: row.actual_raw });
    if (outcome.rescore === null) return none;
    // A printed formula that the score does not follow is arithmetic that cannot hold.
    const text = stated ? `the printed rule ${row.scoring_rule} (${outcome.detail})` : `min(rate, 1) × weight (${outcome.detail})`;
    return compare(outcome.rescore, 'execution_rate', text, stated ? 'error' : 'warning', 'EXEC_SCORE_MISMATCH');
  }
  if (p.rule && p.rule.kind !== 'criterion') {
    if (p.rule.kind === 'unparsed') {
      say('RULE_UNPARSED', 'info', null, null, `评分标准 not recognised (${p.rule.reason}): the score is not rescored from it`);
      return none;
    }
    return applyPrintedRule(p, applyRule(p.rule, { weight, target: p.target, actual: p.actual, actualText: row.actual_raw }), say, compare);
  }
  const deadline = row.target_unit?.startsWith('date:') ? row.target_unit.slice(5) : row.target_raw ? readDateKey(row.target_raw, 'deadline') : null;
  if (deadline !== null) {
    const done = row.actual_raw ? readDateKey(row.actual_raw, 'done') : null;
    if (done === null) return none;
    if (done <= deadline) return compare(weight, 'date', `done ${showDateKey(done)} by the deadline ${showDateKey(deadline)}: full weight`);
    if (score !== null && score.equals(weight)) say('RESCORE_MISMATCH', 'warning', row.score, `< ${row.weight}`, `done ${showDateKey(done)}, after the deadline ${showDateKey(deadline)}, yet scored the full weight (date)`);
    return { rescore: null, method: 'date' };
  }
  if (p.target && p.actual) return rescoreQuantity(p, context, formInferred, say, compare);
  if (p.target === null && row.target_raw !== null) {
    const band = qualitativeBand(row, weight, context.qualitativeBands ?? NATIONAL_QUALITATIVE, context.qualitativeBands !== null);
    if (band === null) return none;
    if (band.outside) say('QUALITATIVE_BAND', 'warning', row.score, band.expected, band.message);
    return { rescore: null, method: 'band_qualitative' };
  }
  return none;
}

type RescoreCode = 'RESCORE_MISMATCH' | 'EXEC_SCORE_MISMATCH' | 'NEGATIVE_FORM_UNDETERMINED' | 'RULE_UNPARSED' | 'QUALITATIVE_BAND';
type Say = (code: Exclude<RescoreCode, 'EXEC_SCORE_MISMATCH'>, severity: Severity, printed: string | null, expected: string | null, message: string) => void;
type Compare = (rescore: Decimal, method: string, rule: string) => { rescore: Decimal; method: string };

function applyPrintedRule(p: Prepared, outcome: RuleOutcome, say: Say, compare: Compare) {
  const method = p.rule!.kind === 'itemised' ? 'itemised' : outcome.byFormula ? 'formula' : 'tiers';
  if (outcome.rescore !== null) return compare(outcome.rescore, method, `评分标准 (${outcome.detail})`);
  if (outcome.reachable !== null && p.score !== null) {
    const sums = outcome.reachable.filter((s) => s.lte(p.weight));
    const most = sums[sums.length - 1]!;
    if (!sums.some((s) => matchesAtPrecision(p.row.score!, s))) {
      const can = p.score.gt(most) ? `can give at most ${most} (of the weight ${p.row.weight})` : `can give only ${sums.join(', ')}`;
      say('RESCORE_MISMATCH', 'warning', p.row.score, p.score.gt(most) ? `≤ ${most}` : sums.join(' | '), `评分标准 (${outcome.detail}) ${can}; printed ${p.row.score} (${method})`);
    }
  }
  return { rescore: null, method };
}

function rescoreQuantity(p: Prepared, context: RescoreContext, formInferred: boolean, say: Say, compare: Compare) {
  const { row, weight } = p;
  const v = ruleVariables(p.target, p.actual);
  if (v.actual === null || v.target === null) return { rescore: null, method: null };
  const [a, b] = [v.target, v.actual];
  const op = p.target!.op;
  const shown = `A = ${row.target_raw}, B = ${row.actual_raw}`;
  if (isNegative(p)) {
    const forms = negativeForms(a, b, weight);
    if (forms['A/B'].equals(forms.deviation)) return compare(forms['A/B'], 'ratio_negative', `negative indicator (${shown}): B ≤ A or min(A/B, 1) × weight`);
    if (context.negativeForm) {
      const why = formInferred ? 'the form the other rows of this table follow' : 'the form the document states';
      return compare(forms[context.negativeForm], 'ratio_negative', `negative indicator (${shown}), ${context.negativeForm} form (${why})`);
    }
    const both = `A/B ${formatComputed(forms['A/B'])}; deviation ${formatComputed(forms.deviation)}`;
    say('NEGATIVE_FORM_UNDETERMINED', 'info', row.score, both, `negative indicator (${shown}): the two forms in use differ and nothing in the document says which applies`);
    if (p.score !== null && !matchesAtPrecision(row.score!, forms['A/B']) && !matchesAtPrecision(row.score!, forms.deviation)) {
      say('RESCORE_MISMATCH', 'warning', row.score, both, `negative indicator (${shown}): the printed score follows neither form (ratio_negative)`);
    }
    return { rescore: null, method: 'ratio_negative' };
  }
  if (op === '=') {
    if (b.equals(a)) return compare(weight, 'equality', `equality target (${shown}) met: full weight`);
    if (a.isZero()) return compare(new Decimal(0), 'equality', `equality to 0 (${shown}) missed: 0`);
    return { rescore: null, method: null };
  }
  if (op === '~') return { rescore: null, method: null };
  const rescore = b.gte(a) || a.isZero() ? weight : b.div(a).times(weight);
  return compare(rescore, 'ratio_positive', `positive indicator (${shown}): min(B/A, 1) × weight`);
}

/** What a row's rescore is computed from: its target, actual, rule, weight and score (not its labels or notes). */
const RULE_INPUTS = ['indicators.target_raw', 'indicators.actual_raw', 'indicators.scoring_rule', 'indicators.weight', 'indicators.score'];

export const rescoreCheck: Check = {
  name: 'rescoring',
  reads: ['indicators.*', 'evidence.negative_form', 'evidence.qualitative_bands'],
  emits: {
    RESCORE_MISMATCH: { origin: 'document', severity: ['warning'], when: 'the printed score differs from the rule (scores are often judgement)', reads: RULE_INPUTS },
    EXEC_SCORE_MISMATCH: { origin: 'document', severity: ['error', 'warning'], when: 'error against a printed execution formula, warning against the default one', reads: RULE_INPUTS },
    NEGATIVE_FORM_UNDETERMINED: { origin: 'document', severity: ['info'], when: 'the two negative forms differ and nothing says which applies' },
    RULE_UNPARSED: { origin: 'extraction', severity: ['info'], when: 'jixiao cannot read the printed 评分标准' },
    QUALITATIVE_BAND: { origin: 'document', severity: ['warning'], when: 'a qualitative score outside the band its completion implies', reads: RULE_INPUTS },
  },
  run(ctx) {
    const rescored = rescoreIndicators(ctx.rows, { negativeForm: ctx.rules.negativeForm, qualitativeBands: ctx.rules.qualitativeBands });
    ctx.rows = rescored.indicators;
    return rescored.findings;
  },
};
