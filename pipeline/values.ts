import Decimal from 'decimal.js';
import type { Operator } from '../schemas/dataset';
import { cleanText, compact, foldWidth, isBlankMark } from './text';

/** A printed target or actual value, split into its parts; the raw text stays beside it. */
export interface ParsedValue {
  op: Operator | null;
  /** Plain decimal string (`"95"`, `"1742.83"`), never a float. */
  value: string | null;
  unit: string | null;
}

const OPERATORS: ReadonlyArray<[RegExp, Operator]> = [
  [/^(≥|>=|不低于|不少于|大于等于|≧)/, '>='],
  [/^(≤|<=|不高于|不超过|不多于|小于等于|≦)/, '<='],
  [/^(＞|>|大于|高于|超过)/, '>'],
  [/^(＜|<|小于|低于)/, '<'],
  [/^(=|＝|等于)/, '='],
];
const SUFFIX_OPERATORS: ReadonlyArray<[RegExp, Operator]> = [
  [/(以上|及以上)$/, '>='],
  [/(以内|以下|及以下)$/, '<='],
  [/左右$/, '~'],
];

/** Units printed after a number: counts, money, time, rates; `元/人/年`, `人(次)` included. */
const UNIT =
  /^(%|‰|[万亿千百]?(元|人次|人|个月|个|家|次|项|篇|条|册|份|台|套|件|所|户|张|辆|批|期|天|日|周|月|年|小时|分钟|分|组|倍|公里|平方米|亩|岁|床|例|起|场|期)(\/[^\d/]{1,4}){0,2}([(（][^)）]{1,3}[)）])?)$/;

/** Folds LaTeX leftovers from PDF converters (`$\geq 2876$`) into the printed symbols. */
function unLatex(s: string): string {
  return s
    .replace(/\\geq?\b|\\geqslant\b/g, '≥')
    .replace(/\\leq?\b|\\leqslant\b/g, '≤')
    .replace(/\\%/g, '%')
    .replace(/\$/g, '');
}

/**
 * Parses `≥90%`, `≤ 60 分钟`, `12个`, `1,742.83万元`, `70%左右`, `=0人`, `2022-12-31`.
 * Text values (`成效明显`) give all-null parts; so do values with several numbers (ranges,
 * sentences), which are kept only raw rather than guessed.
 */
export function parseValue(raw: string | null): ParsedValue {
  const none: ParsedValue = { op: null, value: null, unit: null };
  if (raw === null) return none;
  let s = compact(foldWidth(unLatex(raw)));
  if (s === '') return none;
  const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (date) return { op: null, value: null, unit: `date:${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` };
  let op: Operator | null = null;
  for (const [re, o] of OPERATORS) {
    if (re.test(s)) {
      op = o;
      s = s.replace(re, '');
      break;
    }
  }
  for (const [re, o] of SUFFIX_OPERATORS) {
    if (re.test(s)) {
      op ??= o;
      s = s.replace(re, '');
      break;
    }
  }
  const m = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)([^\d]*)$/.exec(s);
  if (!m) return none;
  const unit = m[2] === '' ? null : m[2]!;
  // Only a unit follows the number; `2023年有虚报现象` is a sentence, not 2023 of a unit.
  if (unit !== null && !UNIT.test(unit)) return none;
  return { op, value: new Decimal(m[1]!.replace(/,/g, '')).toString(), unit };
}

/** A weight, score or money cell: `10分`, `8.7`, `1,320`. Null when blank or not a number. */
export function parseDecimal(raw: string | null): string | null {
  if (raw === null) return null;
  const s = compact(foldWidth(raw)).replace(/分$/, '').replace(/,/g, '');
  if (isBlankMark(s)) return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return new Decimal(s).toString();
}

/** True when a cell reads as a number (with an optional 分), the content of score columns. */
export function isNumberCell(raw: string): boolean {
  return parseDecimal(raw) !== null;
}

/** True when a cell reads as a measured value: an operator, a number with a unit, a date. */
export function isValueCell(raw: string): boolean {
  const v = parseValue(raw);
  return v.value !== null || (v.unit?.startsWith('date:') ?? false);
}

/** A percentage as printed (`79.74%`) → its number (`79.74`). */
export function parsePercent(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^(-?\d+(?:\.\d+)?)%$/.exec(compact(foldWidth(raw)));
  return m ? new Decimal(m[1]!).toString() : null;
}

/** A printed date (`2024年2月26日`, `2024/02/05`) → ISO `YYYY-MM-DD`, or null. */
export function parseDate(raw: string): string | null {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(foldWidth(raw));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** A year printed as `(2023年度)`, `（2,023年度）`, `2022年度`: the digits, commas and spaces removed. */
export function parseYear(raw: string): number | null {
  const m = /(\d[\d,，\s]{3,6})\s*年度/.exec(foldWidth(raw));
  if (!m) return null;
  const digits = m[1]!.replace(/[,，\s]/g, '');
  return /^(19|20)\d\d$/.test(digits) ? Number(digits) : null;
}

/** Text normalised for a raw column, or null when the cell is blank. */
export function rawText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = cleanText(s);
  return isBlankMark(t) ? null : t;
}
