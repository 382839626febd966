import Decimal from 'decimal.js';
import type { Operator } from '../../schemas/dataset';
import { compact, foldWidth } from '../text';

/**
 * How targets and actuals print a comparison and a unit. One table for extraction (a cell's
 * value) and for the validator (a number found in a sentence): a new wording is a new word here.
 */
export type Comparison = Exclude<Operator, '~'>;
export const PREFIX_OPERATORS: ReadonlyArray<{ op: Comparison; words: ReadonlyArray<string> }> = [
  { op: '>=', words: ['≥', '>=', '≧', '不低于', '不少于', '大于等于'] },
  { op: '<=', words: ['≤', '<=', '≦', '不高于', '不超过', '不多于', '小于等于'] },
  { op: '>', words: ['＞', '>', '大于', '高于', '超过'] },
  { op: '<', words: ['＜', '<', '小于', '低于', '不足'] },
  { op: '=', words: ['=', '＝', '等于'] },
];
/** Words after the number: `90%以上`, `60分钟以内`, `70%左右`. */
export const SUFFIX_OPERATORS: ReadonlyArray<{ op: Operator; words: ReadonlyArray<string> }> = [
  { op: '>=', words: ['及以上', '以上'] },
  { op: '<=', words: ['及以下', '以下', '以内'] },
  { op: '~', words: ['左右'] },
];

/** `(≥|>=|…)` as a regular-expression alternation. */
export const alternation = (words: ReadonlyArray<string>) => `(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;

/** Every comparison word with its operator, longest first (`大于等于` before `大于`), for rules' text. */
export const COMPARISON_WORDS: ReadonlyArray<{ word: string; op: Comparison }> = PREFIX_OPERATORS.flatMap((o) => o.words.map((word) => ({ word, op: o.op }))).sort(
  (a, b) => b.word.length - a.word.length,
);

/** Prefixes of units that scale them (`万元`, `千人`), and units of time by their minutes. */
export const UNIT_PREFIX_FACTOR: Readonly<Record<string, Decimal>> = { 千: new Decimal(1e3), 万: new Decimal(1e4), 亿: new Decimal(1e8) };
export const TIME_UNIT_MINUTES: Readonly<Record<string, Decimal>> = { 分钟: new Decimal(1), 小时: new Decimal(60), 天: new Decimal(1440) };

/** Units printed after a number: counts, money, time, rates; `元/人/年`, `人(次)` included. */
export const UNIT =
  /^(%|‰|[万亿千百]?(元|人次|人|个月|个|家|次|项|篇|条|册|份|台|套|件|所|户|张|辆|批|期|天|日|周|月|年|小时|分钟|分|组|倍|公里|平方米|亩|岁|床|例|起|场|期)(\/[^\d/]{1,4}){0,2}([(（][^)）]{1,3}[)）])?)$/;

/** Folds LaTeX leftovers from PDF converters (`$\geq 2876$`) into the printed symbols. */
export function unLatex(s: string): string {
  return s
    .replace(/\\geq?\b|\\geqslant\b/g, '≥')
    .replace(/\\leq?\b|\\leqslant\b/g, '≤')
    .replace(/\\%/g, '%')
    .replace(/\$/g, '');
}

/** A printed target or actual value, split into its parts; the raw text stays beside it. */
export interface ParsedQuantity {
  op: Operator | null;
  /** Plain decimal string (`"95"`, `"1742.83"`), never a float. */
  value: string | null;
  unit: string | null;
}

const PREFIX = PREFIX_OPERATORS.map((o) => ({ op: o.op, re: new RegExp(`^${alternation(o.words)}`) }));
const SUFFIX = SUFFIX_OPERATORS.map((o) => ({ op: o.op, re: new RegExp(`${alternation(o.words)}$`) }));

/**
 * Parses `≥90%`, `≤ 60 分钟`, `12个`, `1,742.83万元`, `70%左右`, `=0人`, `2022-12-31`.
 * Text values (`成效明显`) give all-null parts; so do values with several numbers (ranges,
 * sentences), which are kept only raw rather than guessed.
 */
export function parseQuantity(raw: string | null): ParsedQuantity {
  const none: ParsedQuantity = { op: null, value: null, unit: null };
  if (raw === null) return none;
  let s = compact(foldWidth(unLatex(raw)));
  if (s === '') return none;
  const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (date) return { op: null, value: null, unit: `date:${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` };
  let op: Operator | null = null;
  const prefix = PREFIX.find((p) => p.re.test(s));
  if (prefix) {
    op = prefix.op;
    s = s.replace(prefix.re, '');
  }
  const suffix = SUFFIX.find((p) => p.re.test(s));
  if (suffix) {
    op ??= suffix.op;
    s = s.replace(suffix.re, '');
  }
  const m = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)([^\d]*)$/.exec(s);
  if (!m) return none;
  const unit = m[2] === '' ? null : m[2]!;
  // Only a unit follows the number; `2023年有虚报现象` is a sentence, not 2023 of a unit.
  if (unit !== null && !UNIT.test(unit)) return none;
  return { op, value: new Decimal(m[1]!.replace(/,/g, '')).toString(), unit };
}

/** Folds LaTeX leftovers (`$\geq 2876$`) and full-width forms, then drops white space. */
export function plainText(raw: string): string {
  return compact(
    unLatex(foldWidth(raw))
      .replace(/＜/g, '<')
      .replace(/＞/g, '>'),
  );
}
