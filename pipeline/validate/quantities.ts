import Decimal from 'decimal.js';
import type { Operator } from '../../schemas/dataset';
import { compact, foldWidth } from '../text';
import { alternation, plainText, PREFIX_OPERATORS, SUFFIX_OPERATORS, TIME_UNIT_MINUTES, UNIT_PREFIX_FACTOR } from '../vocabulary/quantity';

/**
 * Targets and actuals as numbers the rules can use. Most cells were parsed at extraction
 * (`target_value`, `actual_value`); many actuals are sentences (`信息系统正常运行率100%，达到设定
 * 目标`), so a number is also read from text, but only when the text holds exactly one number in
 * the unit wanted: a sentence with two candidates gives nothing rather than a guess.
 */
export interface Quantity {
  op: Operator | null;
  /** As printed, in `unit`. */
  value: Decimal;
  unit: string | null;
  /** `cell`: the parsed column; `text`: one number found in a sentence; `ratio`: `达到目标任务的98.90%`. */
  source: 'cell' | 'text' | 'ratio';
}


const normalUnit = (u: string) => compact(foldWidth(u));
/** `人(次)` reads as `人次` or `人`; `万册(份)` as `万册份` or `万册`. */
const unitForms = (u: string) => [...new Set([u.replace(/[()]/g, ''), u.replace(/\([^)]*\)/g, '')])];

/**
 * The factor that turns a value in unit `from` into unit `to` (万元 → 元: 10000), 1 for the same
 * unit, null when they measure different things (人 vs 人次, 元 vs 次).
 */
export function unitFactor(from: string | null, to: string | null): Decimal | null {
  if (from === null || to === null) return from === to ? new Decimal(1) : null;
  const a = unitForms(normalUnit(from));
  const b = unitForms(normalUnit(to));
  if (a.some((x) => b.includes(x))) return new Decimal(1);
  const ta = a.map((x) => TIME_UNIT_MINUTES[x]).find((x) => x !== undefined);
  const tb = b.map((x) => TIME_UNIT_MINUTES[x]).find((x) => x !== undefined);
  if (ta && tb) return ta.div(tb);
  for (const x of a) {
    for (const y of b) {
      const [pa, ba] = splitPrefix(x);
      const [pb, bb] = splitPrefix(y);
      if (ba !== '' && ba === bb) return pa.div(pb);
    }
  }
  return null;
}

function splitPrefix(unit: string): [Decimal, string] {
  const factor = UNIT_PREFIX_FACTOR[unit.charAt(0)];
  return factor && unit.length > 1 ? [factor, unit.slice(1)] : [new Decimal(1), unit];
}

/** A value converted into another unit, or null when the units do not convert. */
export function convertQuantity(q: Quantity, unit: string | null): Decimal | null {
  if (q.unit === null && unit === '%') return q.value;
  const factor = unitFactor(q.unit, unit);
  return factor === null ? null : q.value.times(factor);
}

// Operator words before a number (`不低于90%`) and after it (`90%以上`), from the one vocabulary.
const OP_WORDS = PREFIX_OPERATORS.filter((o) => o.op !== '=').map((o) => [new RegExp(`${alternation(o.words)}$`), o.op] as const);
const OP_SUFFIX = SUFFIX_OPERATORS.map((o) => [new RegExp(`^${alternation(o.words)}`), o.op] as const);
/** An operator word after a unit (`人以上`), or `及` left of `及以上` by the three-character window. */
const UNIT_TAIL = new RegExp(`${alternation([...SUFFIX_OPERATORS.flatMap((o) => o.words), '及'])}$`);
const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)/g;

interface Candidate {
  value: Decimal;
  unit: string | null;
  op: Operator | null;
}

/** Every number printed in a text with what follows it; years and dates are not quantities. */
const DATE_LIKE = /\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?|月(?:底|末|份)?)?|\d{4}年(?:度|底|末)?/g;

function candidates(raw: string): Array<{ value: Decimal; before: string; after: string }> {
  const text = raw.replace(DATE_LIKE, '|');
  const out: Array<{ value: Decimal; before: string; after: string }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    const after = text.slice(end, end + 8);
    const before = text.slice(Math.max(0, start - 6), start);
    // A number inside a code or name (`DRG`, `医保发〔2022〕31号`) is not a quantity.
    if (/^(月|日|号)/.test(after) || /[a-zA-Z〔]$/.test(before)) continue;
    out.push({ value: new Decimal(m[1]!.replace(/,/g, '')), before, after });
  }
  return out;
}

function readOperator(before: string, rest: string): Operator | null {
  for (const [re, op] of OP_SUFFIX) if (re.test(rest)) return op;
  for (const [re, op] of OP_WORDS) if (re.test(before)) return op;
  return null;
}

/** The longest start of `after` that is a unit converting to `want`. */
function unitAt(after: string, want: string): string | null {
  for (let n = Math.min(after.length, 6); n >= 1; n--) {
    const u = after.slice(0, n);
    if (unitFactor(u, want) !== null) return u;
  }
  return null;
}

/**
 * The one quantity a sentence states in unit `want` (or convertible to it). With a `%` wanted,
 * a sentence whose only number is unit-less (`预算执行率 80.76`) states that percentage.
 */
export function findQuantity(raw: string, want: string | null): Quantity | null {
  const text = plainText(raw);
  const all = candidates(text);
  let found: Candidate[] = [];
  if (want !== null) {
    for (const c of all) {
      const unit = unitAt(c.after, want);
      if (unit !== null) found.push({ value: c.value, unit, op: readOperator(c.before, c.after.slice(unit.length)) });
    }
    if (found.length === 0 && want === '%' && all.length === 1 && !/^[\u4e00-\u9fa5%‰a-zA-Z]/.test(all[0]!.after)) {
      found = [{ value: all[0]!.value, unit: '%', op: readOperator(all[0]!.before, all[0]!.after) }];
    }
  } else if (all.length === 1) {
    const c = all[0]!;
    const unit = /^(%|‰)/.test(c.after) ? c.after.charAt(0) : (/^[\u4e00-\u9fa5]{1,3}/.exec(c.after)?.[0] ?? null);
    const cleanUnit = unit?.replace(UNIT_TAIL, '') || null;
    found = [{ value: c.value, unit: cleanUnit, op: readOperator(c.before, c.after.slice(cleanUnit?.length ?? 0)) }];
  }
  const distinct = new Set(found.map((f) => `${f.op} ${f.value.toString()} ${f.unit}`));
  if (distinct.size !== 1) return null;
  const f = found[0]!;
  return { op: f.op, value: f.value, unit: f.unit, source: 'text' };
}

/** `达到目标任务的98.90%`: the actual as a share of the target itself. */
export function findRatioToTarget(raw: string): Quantity | null {
  const m = /(?:达到|完成|为)了?(?:年度)?(?:目标任务|目标|任务|计划)数?的(\d+(?:\.\d+)?)%/.exec(plainText(raw));
  return m ? { op: null, value: new Decimal(m[1]!), unit: '%', source: 'ratio' } : null;
}

/**
 * A date bound as a sortable key: `YYYY-MM-DD`; a month end (`12月底`, or a month read as a
 * deadline) is `YYYY-MM-99`, a month read as a completion date is `YYYY-MM-00`, so that plain
 * string order answers "done by the deadline".
 */
export function readDateKey(raw: string, role: 'deadline' | 'done'): string | null {
  const text = plainText(raw);
  const keys: string[] = [];
  const pad = (n: string) => n.padStart(2, '0');
  const day = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/g;
  const monthEnd = /(\d{4})年(\d{1,2})月(底|末)/g;
  const month = /(\d{4})年(\d{1,2})月(?![底末\d])/g;
  const yearEnd = /(\d{4})年(底|末)/g;
  let rest = text;
  for (const m of rest.matchAll(day)) keys.push(`${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`);
  rest = rest.replace(day, '');
  for (const m of rest.matchAll(monthEnd)) keys.push(`${m[1]}-${pad(m[2]!)}-99`);
  rest = rest.replace(monthEnd, '');
  for (const m of rest.matchAll(month)) keys.push(`${m[1]}-${pad(m[2]!)}-${role === 'deadline' ? '99' : '00'}`);
  for (const m of rest.matchAll(yearEnd)) keys.push(`${m[1]}-12-99`);
  return new Set(keys).size === 1 ? keys[0]! : null;
}

/** A date key for messages: `2023-12-99` → `2023-12 (month end)`. */
export function showDateKey(key: string): string {
  if (key.endsWith('-99')) return `${key.slice(0, 7)} (month end)`;
  if (key.endsWith('-00')) return `${key.slice(0, 7)} (month)`;
  return key;
}
