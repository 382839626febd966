import Decimal from 'decimal.js';
import { parseExpression, type Expr } from './expression';
import { alternation, COMPARISON_WORDS, plainText, type Comparison } from '../vocabulary/quantity';
import {
  ACTUAL_WORD,
  BONUS_POINTS,
  DEDUCTION,
  EXECUTION_RULES,
  MEETS_TARGET,
  MISSES_TARGET,
  POINTS_CAP,
  POINTS_PER_CONDITION,
  SCORED_TIERS,
  TIER_WORDS,
  type TierWord,
} from '../vocabulary/scoring';

/**
 * A 评分标准 cell read into a small tree the validator can run. Every shape is recognised by a
 * pattern in a table below; text that fits none is `unparsed` (said so, never guessed) and
 * prose with no points at all is a `criterion` (nothing to compute).
 */
export type { Comparison };

export type Condition =
  /** `≥90%`, `1次`, `(实际值/标准值)≤50%`: `left` is the actual unless an expression is printed. */
  | { kind: 'compare'; left: Expr | null; op: Comparison; right: Decimal; unit: string | null }
  | { kind: 'all'; parts: Condition[] }
  | { kind: 'meets_target' }
  | { kind: 'misses_target' }
  | { kind: 'text'; text: string };

export type TierLevel = 'full' | 'pass' | 'zero' | 'points';
export interface Tier {
  level: TierLevel;
  condition: Condition;
  /** Points printed beside the tier (`合格(1分)`); else full = weight, pass = 60 %, zero = 0. */
  points: Decimal | null;
}
export interface FormulaCase {
  /** `其他: 合格之上 …` applies above the pass mark, `合格之下 …` below it, plain `其他` anywhere. */
  when: 'above_pass' | 'below_pass' | 'other';
  expr: Expr;
  /** `60+40*(…)` formulas score out of 100 (the national template): scaled to the weight. */
  outOf100: boolean;
}

export type ScoringRule =
  | { kind: 'tiers'; tiers: Tier[]; formulas: FormulaCase[]; openEnded: boolean }
  | { kind: 'execution'; points: Decimal; fullAt: Decimal | null }
  | { kind: 'itemised'; items: Decimal[]; cap: Decimal | null }
  | { kind: 'criterion' }
  | { kind: 'unparsed'; reason: string };

const NUM = '(\\d+(?:\\.\\d+)?)';
const UNIT = '(%|[\\u4e00-\\u9fa5]{1,3})?';

const OPERATOR_ALT = alternation(COMPARISON_WORDS.map((w) => w.word)).slice(1, -1);
const opOf = (word: string): Comparison => COMPARISON_WORDS.find((w) => w.word === word)!.op;
/** A full tier that starts with one of these (`满分:≤5%`) scores low values: bare values are ceilings. */
const CEILING = new RegExp(`^${alternation(COMPARISON_WORDS.filter((w) => w.op === '<=' || w.op === '<').map((w) => w.word))}`);
/** A rule with one of these tiers and a colon is a tiered rule. */
const TIERED = new RegExp(`${alternation(TIER_WORDS.filter((t) => SCORED_TIERS.includes(t.tier)).map((t) => t.word))}(\\(\\d+(?:\\.\\d+)?分?\\))?:`);

const TIER_LABEL = new RegExp(`(${TIER_WORDS.map((t) => t.word).join('|')})(?:\\((\\d+(?:\\.\\d+)?)分?\\))?(:|(?=\\d))`, 'g');
const LEVEL_OF: Readonly<Record<string, TierWord>> = Object.fromEntries(TIER_WORDS.map((t) => [t.word, t.tier]));

const money = (s: string) => new Decimal(s);
const toCanonical = (value: string, unit: string | null) => (unit === '%' ? money(value).div(100) : money(value));

/** One tier condition; `direction` is the operator a bare value means (from the full tier). */
export function parseCondition(raw: string, direction: Comparison): Condition {
  const text = raw.replace(/[。；;,，、]+$/, '');
  if (MEETS_TARGET.test(text)) return { kind: 'meets_target' };
  if (MISSES_TARGET.test(text)) return { kind: 'misses_target' };
  const actualWord = new RegExp(`^${ACTUAL_WORD}(${OPERATOR_ALT})${NUM}${UNIT}$`).exec(text);
  if (actualWord) return compare(null, opOf(actualWord[2]!), actualWord[3]!, actualWord[4] ?? null);
  const range = new RegExp(`^${NUM}${UNIT}[-~～—至]${NUM}${UNIT}$`).exec(text);
  if (range) {
    const unit = range[4] ?? range[2] ?? null;
    return { kind: 'all', parts: [compare(null, '>=', range[1]!, unit), compare(null, '<=', range[3]!, unit)] };
  }
  const chain = [...text.matchAll(new RegExp(`(${OPERATOR_ALT})${NUM}${UNIT}`, 'g'))];
  if (chain.length > 0 && chain.map((m) => m[0]).join('') === text) {
    const parts = chain.map((m) => compare(null, opOf(m[1]!), m[2]!, m[3] ?? null));
    return parts.length === 1 ? parts[0]! : { kind: 'all', parts };
  }
  const bare = new RegExp(`^${NUM}${UNIT}$`).exec(text);
  if (bare) return compare(null, direction, bare[1]!, bare[2] ?? null);
  const expr = new RegExp(`^(.+?)(${OPERATOR_ALT})${NUM}(%)?$`).exec(text);
  const left = expr ? parseExpression(expr[1]!) : null;
  if (expr && left) return compare(left, opOf(expr[2]!), expr[3]!, expr[4] ?? null);
  return { kind: 'text', text };
}

function compare(left: Expr | null, op: Comparison, value: string, unit: string | null): Condition {
  // Against an expression the right side is a fraction (`≤50%` is 0.5), as the expression is.
  const right = left !== null || unit === '%' ? toCanonical(value, unit) : money(value);
  return { kind: 'compare', left, op, right, unit: left ? null : unit };
}

/** Reads a 评分标准 cell. */
export function parseScoringRule(raw: string | null): ScoringRule | null {
  if (raw === null) return null;
  const text = plainText(raw);
  if (text === '') return null;
  for (const pattern of EXECUTION_RULES) {
    const m = pattern.exec(text);
    if (m) return { kind: 'execution', points: money(m[1]!), fullAt: m[2] ? money(m[2]).div(100) : null };
  }
  if (TIERED.test(text)) return parseTiers(text);
  const ranged = parsePointTiers(text);
  if (ranged) return ranged;
  if (DEDUCTION.test(text)) return { kind: 'unparsed', reason: 'deductions (扣…分) are not modelled' };
  // `④有挪用…,本项不得分` only adds a zero, which any list of items can give; `得1分` does not.
  if (POINTS_PER_CONDITION.test(text)) return { kind: 'unparsed', reason: 'points per condition that are not one list of items' };
  const items = [...text.matchAll(/\((\d+(?:\.\d+)?)分\)/g)].map((m) => money(m[1]!));
  if (items.length > 0) {
    const bonus = [...text.matchAll(BONUS_POINTS)].map((m) => money(m[1]!));
    const cap = POINTS_CAP.exec(text);
    return { kind: 'itemised', items: [...items, ...bonus], cap: cap ? money(cap[1]!) : null };
  }
  if (!/\d/.test(text)) return { kind: 'criterion' };
  return { kind: 'unparsed', reason: 'no tier, formula or item points recognised' };
}

/** `满分:≥90% 合格:≥80% 零分:≤50% 其他: 合格之上: 60+40*(实际值-80%)/10% …`. */
function parseTiers(text: string): ScoringRule {
  const labels = [...text.matchAll(TIER_LABEL)];
  const tiers: Tier[] = [];
  const formulas: FormulaCase[] = [];
  let openEnded = false;
  const segments = labels.map((m, i) => ({
    level: LEVEL_OF[m[1]!]!,
    points: m[2] ? money(m[2]) : null,
    body: text.slice(m.index + m[0].length, labels[i + 1]?.index ?? text.length),
  }));
  const full = segments.find((s) => s.level === 'full');
  const fullOp = full ? CEILING.test(full.body) : false;
  const direction: Comparison = fullOp ? '<=' : '>=';
  for (const segment of segments) {
    let body = segment.body;
    let points = segment.points;
    const trailing = /\((\d+(?:\.\d+)?)分\)$/.exec(body);
    if (trailing && points === null) {
      points = money(trailing[1]!);
      body = body.slice(0, trailing.index);
    }
    if (segment.level === 'above_pass' || segment.level === 'below_pass' || segment.level === 'other') {
      if (body === '') continue;
      const expr = parseExpression(body.replace(/[。；;]+$/, ''));
      if (expr) formulas.push({ when: segment.level, expr, outOf100: /^(60|100)[+-]/.test(body) });
      else openEnded = true;
      continue;
    }
    // A bare value in the zero tier is a ceiling (`零分:0次` is at most 0), elsewhere a floor.
    const bareOp: Comparison = segment.level === 'zero' ? (direction === '>=' ? '<=' : '>=') : direction;
    tiers.push({ level: segment.level, condition: parseCondition(body, bareOp), points });
  }
  return { kind: 'tiers', tiers, formulas, openEnded };
}

/** `…小于65%得0.5分、大于等于65%小于70%得1分、…`: ranges with their points. */
function parsePointTiers(text: string): ScoringRule | null {
  const pieces = text.split(/[、;；]/).filter((p) => p !== '');
  if (pieces.length < 2) return null;
  const tiers: Tier[] = [];
  for (const piece of pieces) {
    const m = /^(.*?)得(\d+(?:\.\d+)?)分[。]?$/.exec(piece);
    if (!m) return null;
    const start = m[1]!.search(new RegExp(OPERATOR_ALT));
    if (start < 0) return null;
    const condition = parseCondition(m[1]!.slice(start), '>=');
    if (condition.kind === 'text') return null;
    tiers.push({ level: 'points', condition, points: money(m[2]!) });
  }
  return { kind: 'tiers', tiers, formulas: [], openEnded: false };
}
