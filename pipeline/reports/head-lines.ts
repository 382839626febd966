import { GRADE_WORD } from '../vocabulary/grades';
import { SIGN_OFF, BUDGET_HEADERS, BUDGET_TOTAL_LABEL, GOAL_EXPECTED, GRADE_LABEL, GOAL_HEADER, KEY_INSIDE, MONEY_UNIT, ORG_NAME, DEPARTMENT_CODE_PREFIX, unanchored, type BudgetField, type FormKey } from '../vocabulary/lexicon';
import { cleanText, compact, foldWidth } from '../text';
import { isNumberCell, parsePercent } from '../values';

/**
 * A form's head printed as text lines above its indicator table: a sheet printed without rules
 * (Calc's HTML export in a browser, Calc's own PDF export) sets each key cell and its value flush
 * side by side, and the page's text lines run them together (`项目名称乡镇经办医保专线网络使用费`,
 * `主管部门及代码 [187]黔南…局实施单位黔南…局`), the budget block a line of column names over a line
 * of figures. Read from the lines since the previous report wherever they print: at the foot of the
 * page before the table as well as above it.
 */
export interface HeadLines {
  keys: Partial<Record<FormKey, string>>;
  budget: { unit: string | null; values: Partial<Record<ValueField, string>> } | null;
  /** A budget block whose 年度资金总额 line was found and not read (its figures do not match the columns one for one): the columns, and the line as printed. */
  budgetUnread: { unit: string | null; columns: ValueField[]; printed: string } | null;
}

type ValueField = Exclude<BudgetField, 'label'>;

/** Fields whose value is an organisation's name: a value cut by a wrap (`障局`) is no name, and not taken. */
const ORG_FIELDS: ReadonlySet<FormKey> = new Set(['department', 'central_department', 'implementing_unit']);

/** The head's key lines and budget block among `lines` (the report's context, in print order); the nearest the table wins. */
export function readHeadLines(lines: readonly string[]): HeadLines {
  const keys: HeadLines['keys'] = {};
  for (const line of [...lines].reverse()) {
    for (const [field, value] of keyLine(line)) keys[field] ??= value;
  }
  const block = budgetLines(lines);
  // An unread block's unit is still its header's.
  if (block && 'printed' in block) return { keys, budget: { unit: block.unit, values: {} }, budgetUnread: block };
  return { keys, budget: block, budgetUnread: null };
}

/**
 * A line that starts with a form key and holds nothing but keys and their values, each value two
 * characters or more; a line of keys without values (a list's column header) holds no head.
 */
function keyLine(line: string): Array<[FormKey, string]> {
  // Keys found in the width-folded text, values kept as printed (`（州本级）`): folding keeps every character's place.
  const text = cleanText(line);
  // Longest first at a start (主管部门及代码 over 主管部门), and none inside another (主管部门 in 中央主管部门).
  const found = matchesInside(KEY_INSIDE, foldWidth(text));
  const keys: typeof found = [];
  for (const k of found) if (keys.length === 0 || k.start >= keys[keys.length - 1]!.end) keys.push(k);
  if (keys[0]?.start !== 0) return [];
  const read = keys.map((k, i) => ({ field: k.field, value: text.slice(k.end, keys[i + 1]?.start ?? text.length).trim() }));
  if (read.some((r) => r.value.length < 2)) return [];
  return read.flatMap(({ field, value }) => (ORG_FIELDS.has(field) && !ORG_NAME.test(value.replace(DEPARTMENT_CODE_PREFIX, '')) ? [] : [[field, value] as [FormKey, string]]));
}

/** Where each of `patterns` (global) matches in `text`, by start, the longest first at a start. */
function matchesInside<F>(patterns: ReadonlyArray<{ field: F; pattern: RegExp }>, text: string): Array<{ field: F; start: number; end: number }> {
  const found = patterns.flatMap(({ field, pattern }) => [...text.matchAll(pattern)].map((m) => ({ field, start: m.index, end: m.index + m[0].length })));
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The budget header's column names, unanchored, as they stand run together in one line. */
const HEADER_INSIDE = BUDGET_HEADERS.map((h) => ({ field: h.field, pattern: unanchored(h.pattern, 'g') }));
const TOTAL_AT_START = new RegExp(BUDGET_TOTAL_LABEL.source.replace(/\$$/, ''));

/**
 * The budget block: a line naming the block's columns (全年预算数 and 全年执行数 among them) and,
 * after it, the 年度资金总额 line with one figure per column in the header's order. Figures that do
 * not match the columns one for one (two cells' figures run together) are not read.
 */
function budgetLines(lines: readonly string[]): HeadLines['budget'] | HeadLines['budgetUnread'] {
  const texts = lines.map((l) => foldWidth(cleanText(l)));
  for (let i = texts.length - 1; i >= 0; i--) {
    const fields = headerColumns(compact(texts[i]!));
    if (!fields.includes('annual') || !fields.includes('executed')) continue;
    const block = [...blockLines(texts, i), ...ranOn(texts[i]!)];
    const total = block.map((t) => TOTAL_AT_START.exec(t.replace(/\s+(?=[:：])/g, ''))).find((m) => m !== null);
    const columns = fields.filter((f): f is ValueField => f !== 'label');
    const unit = block.map((t) => MONEY_UNIT.exec(t)?.[1]).find((u) => u !== undefined) ?? null;
    if (!total) return null;
    const figures = figuresOf(total.input.slice(total[0].length));
    if (figures.length !== columns.length || !figures.every(isFigure)) return { unit, columns, printed: total.input };
    return { unit, values: Object.fromEntries(columns.map((f, k) => [f, figures[k]!])) };
  }
  return null;
}

const isFigure = (t: string) => isNumberCell(t) || parsePercent(t) !== null;

/**
 * The 年度资金总额 line's figures, a figure's unit kept (`10分`): they end where the next row's label
 * runs on into the line (`… 0 0财政拨款 — — —`, `… 79.74% 8财政拨款`).
 */
function figuresOf(text: string): string[] {
  const figures: string[] = [];
  for (const token of text.trim().split(/\s+/).filter((t) => t !== '')) {
    if (isFigure(token)) {
      figures.push(token);
      continue;
    }
    const before = token.replace(/[\u4e00-\u9fa5].*$/, '');
    if (before !== '') figures.push(before);
    break;
  }
  return figures;
}

/** The header line and the lines of its block under it, up to the goals. */
function blockLines(texts: readonly string[], header: number): string[] {
  const block = [texts[header]!];
  for (const t of texts.slice(header + 1)) {
    const k = compact(t);
    if (GOAL_HEADER.test(k) || GOAL_EXPECTED.test(k) || /^预期目标/.test(k)) break;
    block.push(t);
  }
  return block;
}

/**
 * What a header line runs on into past its last column's name: the 年度资金总额 line set flush
 * under it at its left edge is taken for the next line of one paragraph and joined on
 * (`… 执行率 得分年度资金总额: 228 228 …`).
 */
function ranOn(text: string): string[] {
  const found = matchesInside(HEADER_INSIDE, text);
  const end = Math.max(0, ...found.map((f) => f.end));
  return end > 0 && end < text.length ? [text.slice(end).trim()] : [];
}

/** The budget columns a run-together header line names, left to right, each once. */
function headerColumns(text: string): BudgetField[] {
  const found = matchesInside(HEADER_INSIDE, text);
  const fields: BudgetField[] = [];
  let end = 0;
  for (const f of found) {
    if (f.start < end || fields.includes(f.field)) continue;
    fields.push(f.field);
    end = f.end;
  }
  return fields;
}

/** The grade line, which a sign-off line set flush under it may run on into (`自评结论优联系人: 陈胜宇`, read as one paragraph). */
const GRADE_LINE = new RegExp(`^${GRADE_LABEL.source.replace(/\$$/, '')}\\s*${GRADE_WORD}(?=$|${SIGN_OFF.source.replace(/^\^/, '').replace(/\((?!\?)/g, '(?:')})`);

/**
 * The grade a form prints under its table as a line of its own (`自评结论优`: the 自评结论 cell and
 * its value run together, a form printed without rules), from the lines after the report's table.
 */
export function readGradeLine(after: readonly string[]): string | null {
  for (const line of after) {
    const m = GRADE_LINE.exec(compact(foldWidth(line)));
    if (m) return m[m.length - 1]!;
  }
  return null;
}
