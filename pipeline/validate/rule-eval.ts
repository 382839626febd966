import Decimal from 'decimal.js';
import type { Operator } from '../../schemas/dataset';
import { compact } from '../text';
import { evaluate, type Variables } from './expression';
import { plainText } from '../vocabulary/quantity';
import { convertQuantity, type Quantity } from './quantities';
import type { Comparison, Condition, ScoringRule, Tier } from './scoring-rules';

/** What the rule says about one indicator. */
export interface RuleInputs {
  weight: Decimal;
  target: Quantity | null;
  actual: Quantity | null;
  actualText: string | null;
}

export interface RuleOutcome {
  /** The score the rule gives, when it gives exactly one. */
  rescore: Decimal | null;
  /** Scores the rule can give at all (tier points, sums of items); null when any value can. */
  reachable: Decimal[] | null;
  /** Which tier or formula gave the rescore, or why none did: for messages. */
  detail: string;
  /** A printed formula (not a tier's points) gave the rescore. */
  byFormula?: boolean;
}

/** The national template's 合格 is 60 of 100 points (seed 000: `满分为100分,合格为60分`). */
const PASS_SHARE = new Decimal('0.6');
const ZERO = new Decimal(0);

/** Target and actual in one unit, rates as fractions, as the rule's arithmetic expects. */
export function ruleVariables(target: Quantity | null, actual: Quantity | null): Variables {
  if (actual?.source === 'ratio') return { actual: actual.value.div(100), target: new Decimal(1) };
  const unit = target?.unit ?? actual?.unit ?? null;
  const scale = (v: Decimal | null) => (v === null ? null : unit === '%' ? v.div(100) : v);
  return {
    target: scale(target ? target.value : null),
    actual: scale(actual ? convertQuantity(actual, unit) : null),
  };
}

export function compareDecimals(x: Decimal, op: Comparison | Operator, y: Decimal): boolean {
  if (op === '>=') return x.gte(y);
  if (op === '<=') return x.lte(y);
  if (op === '>') return x.gt(y);
  if (op === '<') return x.lt(y);
  return x.equals(y);
}

/** True, false, or null when the condition cannot be decided from what is printed. */
function holds(condition: Condition, inputs: RuleInputs, vars: Variables): boolean | null {
  switch (condition.kind) {
    case 'all': {
      const parts = condition.parts.map((p) => holds(p, inputs, vars));
      return parts.includes(false) ? false : parts.includes(null) ? null : true;
    }
    case 'meets_target':
    case 'misses_target': {
      if (vars.actual === null || vars.target === null) return null;
      const op = inputs.target?.op ?? '>=';
      const met = op === '<=' || op === '<' ? vars.actual.lte(vars.target) : op === '=' ? vars.actual.equals(vars.target) : vars.actual.gte(vars.target);
      return condition.kind === 'meets_target' ? met : !met;
    }
    case 'compare': {
      if (condition.left) {
        const left = evaluate(condition.left, vars);
        return left === null ? null : compareDecimals(left, condition.op, condition.right);
      }
      if (!inputs.actual) return null;
      const raw = inputs.actual.source === 'ratio' ? null : convertQuantity(inputs.actual, condition.unit ?? inputs.target?.unit ?? null);
      if (raw === null) return null;
      const x = condition.unit === '%' ? raw.div(100) : raw;
      if (compareDecimals(x, condition.op, condition.right)) return true;
      // An actual printed as a bound (`小于60分钟`) satisfies a bound on the same side.
      const below = inputs.actual.op === '<' || inputs.actual.op === '<=';
      const above = inputs.actual.op === '>' || inputs.actual.op === '>=';
      if (below && (condition.op === '<' || condition.op === '<=') && x.lte(condition.right)) return true;
      if (above && (condition.op === '>' || condition.op === '>=') && x.gte(condition.right)) return true;
      return false;
    }
    case 'text': {
      if (!inputs.actualText) return null;
      const actual = compact(plainText(inputs.actualText));
      const wanted = compact(condition.text);
      return actual.includes(wanted) || (actual.length >= 3 && wanted.includes(actual)) ? true : null;
    }
  }
}

const pointsOf = (tier: Tier, weight: Decimal) =>
  tier.points ?? (tier.level === 'full' ? weight : tier.level === 'pass' ? weight.times(PASS_SHARE) : ZERO);

/** Runs a parsed rule for one indicator. */
export function applyRule(rule: ScoringRule, inputs: RuleInputs): RuleOutcome {
  switch (rule.kind) {
    case 'execution':
      return applyExecution(rule.points, rule.fullAt, inputs);
    case 'itemised':
      return { rescore: null, reachable: itemSums(rule.items, rule.cap), detail: `items ${rule.items.join(' + ')}${rule.cap ? `, at most ${rule.cap}` : ''}` };
    case 'tiers':
      return applyTiers(rule, inputs);
    default:
      return { rescore: null, reachable: null, detail: rule.kind === 'unparsed' ? rule.reason : 'criterion text' };
  }
}

/** `全年执行数/全年预算数*10分(执行率≥90%,按10分计算)`, scaled to the row's weight. */
export function applyExecution(points: Decimal, fullAt: Decimal | null, inputs: RuleInputs): RuleOutcome {
  const rate = inputs.actual ? convertQuantity(inputs.actual, '%') : null;
  if (rate === null) return { rescore: null, reachable: null, detail: 'no execution rate printed' };
  const share = rate.div(100);
  const ratio = fullAt !== null && share.gte(fullAt) ? new Decimal(1) : Decimal.min(share, 1);
  const rescore = ratio.times(points).times(inputs.weight).div(points);
  const rule = fullAt !== null ? `rate × ${points} (≥ ${fullAt.times(100)}% counts as ${points})` : `min(rate, 1) × ${points}`;
  return { rescore, reachable: null, detail: `执行率 ${rate}%: ${rule}` };
}

function applyTiers(rule: Extract<ScoringRule, { kind: 'tiers' }>, inputs: RuleInputs): RuleOutcome {
  const { weight } = inputs;
  const vars = ruleVariables(inputs.target, inputs.actual);
  const reachable =
    rule.formulas.length > 0 || rule.openEnded
      ? null
      : [...new Map([...rule.tiers.map((t) => pointsOf(t, weight)), ZERO].map((d) => [d.toString(), d])).values()].sort((a, b) => a.comparedTo(b));
  const done = (rescore: Decimal | null, detail: string): RuleOutcome => ({
    rescore: rescore && Decimal.max(ZERO, Decimal.min(rescore, weight)),
    reachable,
    detail,
    byFormula: rescore !== null && detail.endsWith('formula'),
  });

  const pointTiers = rule.tiers.filter((t) => t.level === 'points');
  if (pointTiers.length > 0) {
    const states = pointTiers.map((t) => holds(t.condition, inputs, vars));
    const i = states.indexOf(true);
    if (i >= 0) return done(pointTiers[i]!.points, `range ${i + 1} of the rule`);
    return done(null, states.includes(null) ? 'the actual cannot be compared with the ranges' : 'no range holds');
  }
  const tier = (level: Tier['level']) => rule.tiers.find((t) => t.level === level);
  const state = (t: Tier | undefined) => (t ? holds(t.condition, inputs, vars) : false);
  const full = tier('full');
  const pass = tier('pass');
  const zero = tier('zero');
  const formula = (when: 'above_pass' | 'below_pass' | 'other') => {
    const f = rule.formulas.find((x) => x.when === when);
    const v = f ? evaluate(f.expr, vars) : null;
    return f && v !== null ? (f.outOf100 ? v.times(weight).div(100) : v) : null;
  };
  const fullState = state(full);
  if (fullState === true) return done(full ? pointsOf(full, weight) : weight, '满分 tier');
  const zeroState = state(zero);
  if (zeroState === true) return done(zero ? pointsOf(zero, weight) : ZERO, '零分 tier');
  const passState = state(pass);
  if (fullState === null || (zeroState === null && zero) || (passState === null && pass)) {
    // Text tiers: the actual names exactly one tier's condition, or nothing is decided.
    const named = rule.tiers.filter((t) => holds(t.condition, inputs, vars) === true);
    if (named.length === 1) return done(pointsOf(named[0]!, weight), `${named[0]!.level} tier named by the actual`);
    if (vars.actual === null) return done(null, 'the actual is text the tiers do not name');
  }
  const above = formula('above_pass');
  if (passState === true && above !== null) return done(above, '合格之上 formula');
  if (passState === true) return done(pointsOf(pass!, weight), '合格 tier');
  const below = formula('below_pass');
  if (passState === false && below !== null) return done(below, '合格之下 formula');
  const other = formula('other');
  if (other !== null) return done(other, '其他 formula');
  return done(null, 'no tier or formula of the rule applies');
}

/** Every score a list of items can sum to (each item met or not), capped. */
export function itemSums(items: Decimal[], cap: Decimal | null): Decimal[] {
  let sums = new Map<string, Decimal>([['0', ZERO]]);
  for (const item of items) {
    const next = new Map(sums);
    for (const s of sums.values()) {
      const v = s.plus(item);
      next.set(v.toString(), v);
    }
    sums = next;
    if (sums.size > 4096) break;
  }
  const capped = [...sums.values()].map((v) => (cap && v.gt(cap) ? cap : v));
  return [...new Map(capped.map((v) => [v.toString(), v])).values()].sort((a, b) => a.comparedTo(b));
}
