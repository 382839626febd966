import {
  BUDGET_HEADERS,
  BUDGET_TOTAL_LABEL,
  FORM_KEYS,
  KEY_INSIDE,
  GOAL_ACTUAL,
  GOAL_EXPECTED,
  GOAL_HEADER,
  MONEY_UNIT,
  BUDGET_WEIGHT_IN_HEADER,
  MONEY_UNIT_OF,
  MONEY_WITH_UNIT,
  REPORT_TITLE,
  type BudgetField,
  type FormKey,
} from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { isNumberCell, parsePercent } from '../values';
import type { Provenance } from '../../schemas/document';
import { rowCells, type Grid, type RowCell } from './grid';

/** The 年度资金总额 row of a budget block, values as printed. */
export interface BudgetBlock {
  unit: string | null;
  values: Partial<Record<Exclude<BudgetField, 'label'>, string>>;
  row: number;
  /** The header's columns and the column labels end in: where the source rows below are read. */
  columns: BudgetColumns;
  labelCol: number;
}

/** A form key's value cell: its text as read, provenance, and table, row and column. */
export interface KeyCell {
  text: string;
  prov: Provenance;
  table: number;
  row: number;
  column: number;
}

/** What the rows of a form above its indicator table say. */
export interface FormPart {
  title: string | null;
  /** Other one-cell rows at the top of the form (`（2024年度）`, `报表编号:…`), as printed. */
  lines: string[];
  keys: Partial<Record<FormKey, string>>;
  /** The cell each key's value was read from (its read's confidence, where it is printed). */
  keyCells: Partial<Record<FormKey, KeyCell>>;
  budget: BudgetBlock | null;
  goalExpected: string | null;
  goalActual: string | null;
}

const key = (s: string) => compact(foldWidth(s));

/** Reads rows [from, to) of a grid as the top of a form: key/value rows, budget block, goals. */
export function readFormPart(grid: Grid, from: number, to: number): FormPart {
  const part: FormPart = { title: null, lines: [], keys: {}, keyCells: {}, budget: null, goalExpected: null, goalActual: null };
  let top = true;
  for (let r = from; r < to; r++) {
    const cells = rowCells(grid, r).filter((c) => c.text !== '');
    if (cells.length === 0) continue;
    // One-cell rows above the form's first key: its title (the one that reads as a title, else
    // the first) and lines such as the year, printed inside the table by spreadsheets and WPS.
    if (top && cells.length === 1 && grid.width > 1 && cells[0]!.col === 0) {
      const text = cells[0]!.text;
      if (part.title === null || (!REPORT_TITLE.test(key(part.title)) && REPORT_TITLE.test(key(text)))) {
        if (part.title !== null) part.lines.push(part.title);
        part.title = text;
      } else part.lines.push(text);
      continue;
    }
    top = false;
    if (!isColumnHeaderRow(grid, r, cells.map((c) => c.text))) readKeys(cells, part, grid.tableIndex);
    const budget = budgetHeader(grid, r);
    if (budget && !part.budget) {
      part.budget = readBudget(grid, r, to, budget);
      continue;
    }
    const goalHeader =
      GOAL_HEADER.test(key(cells[0]!.text)) ||
      (cells.some((c) => GOAL_EXPECTED.test(key(c.text))) && cells.some((c) => GOAL_ACTUAL.test(key(c.text))));
    if (goalHeader && !part.goalExpected) {
      const goals = readGoals(grid, r, to);
      part.goalExpected = goals.expected;
      part.goalActual = goals.actual;
    }
  }
  return part;
}

/**
 * A data table's header row that happens to start with a key (`项目名称 | 子项目 | 年度 | 预算安排…`
 * over rows of amounts): it names columns, so `子项目` is no project. A form's key rows are followed
 * by keys or a budget header, never directly by a row of numbers.
 */
function isColumnHeaderRow(grid: Grid, r: number, texts: string[]): boolean {
  if (r + 1 >= grid.rows.length || texts.length < 4) return false;
  if (texts.filter((t) => FORM_KEYS.some((f) => f.pattern.test(key(t)))).length !== 1) return false;
  const below = rowCells(grid, r + 1).filter((c) => c.text !== '' && !c.spannedFromAbove);
  return below.length >= 4 && below.filter((c) => isNumberCell(c.text) || parsePercent(c.text) !== null).length * 2 >= below.length;
}

function readKeys(cells: RowCell[], part: FormPart, table: number): void {
  cells.forEach(({ text }, i) => {
    const k = FORM_KEYS.find((f) => f.pattern.test(key(text)))?.field;
    if (!k || part.keys[k]) return;
    const value = cells[i + 1];
    if (value === undefined || FORM_KEYS.some((f) => f.pattern.test(key(value.text)))) return;
    const at = { prov: value.prov, table, row: value.anchorRow, column: value.col };
    const run = runOnKey(value.text, k);
    // Where the row has a cell of its own for the other key, the text is the value's as printed.
    const next = run && !cells.some((c) => FORM_KEYS.some((f) => f.field === run.field && f.pattern.test(key(c.text)))) ? run : null;
    const own = next ? key(value.text).slice(0, next.start) : value.text;
    part.keys[k] = own;
    part.keyCells[k] = { text: own, ...at };
    if (next && !part.keys[next.field]) {
      part.keys[next.field] = next.value;
      part.keyCells[next.field] = { text: next.value, ...at };
    }
  });
}


/**
 * A value cell that runs on into the next key and its value (`[187]黔南…医疗保障局实施单位黔南…医疗保障局`:
 * a scan read across the rule between the cells, or a print that lost it): the value ends where
 * the other key's label starts, and what follows the label is that key's value. Both sides must
 * hold a name (two characters or more).
 */
function runOnKey(text: string, own: FormKey): { field: FormKey; start: number; value: string } | null {
  const k = key(text);
  for (const { field, pattern } of KEY_INSIDE) {
    if (field === own) continue;
    for (const m of k.matchAll(pattern)) {
      const value = k.slice(m.index + m[0].length);
      if (m.index >= 2 && value.length >= 2) return { field, start: m.index, value };
    }
  }
  return null;
}

type BudgetColumns = Array<{ col: number; field: BudgetField }>;

/** The last column a merged cell covers in its row. */
export function lastColumn(grid: Grid, r: number, col: number): number {
  const row = grid.rows[r]!;
  const anchor = row[col];
  let last = col;
  while (anchor && row[last + 1]?.anchorCol === anchor.anchorCol && row[last + 1]?.anchorRow === anchor.anchorRow) last++;
  return last;
}

function budgetHeader(grid: Grid, r: number): BudgetColumns | null {
  const columns: BudgetColumns = [];
  for (const cell of rowCells(grid, r)) {
    const field = BUDGET_HEADERS.find((h) => h.pattern.test(key(cell.text)))?.field;
    // The label column is where labels end: the values start right after it.
    const col = field === 'label' ? lastColumn(grid, r, cell.col) : cell.col;
    if (field && !columns.some((c) => c.field === field)) columns.push({ col, field });
  }
  const fields = new Set(columns.map((c) => c.field));
  return fields.has('annual') && fields.has('executed') ? columns : null;
}

/**
 * The 年度资金总额 row under a budget header. Its label may sit a column off the header's label
 * column (drifted extractions); the values keep that same offset.
 */
function readBudget(grid: Grid, headerRow: number, to: number, columns: BudgetColumns): BudgetBlock {
  const valueCols = columns.filter((c) => c.field !== 'label');
  const labelCol = columns.find((c) => c.field === 'label')?.col ?? Math.min(...valueCols.map((c) => c.col)) - 1;
  // The unit is printed in the block's header cell, which may wrap or break onto the rows below.
  const unitCells = [
    ...rowCells(grid, headerRow).map((c) => c.text),
    ...grid.rows.slice(headerRow + 1, to).flatMap((row) => row.slice(0, Math.max(labelCol, 1)).map((c) => c?.text ?? '')),
  ];
  const unit = unitCells.map((t) => MONEY_UNIT.exec(foldWidth(t))?.[1]).find((u) => u !== undefined) ?? null;
  const block: BudgetBlock = { unit, values: {}, row: headerRow, columns, labelCol };
  for (let r = headerRow + 1; r < to; r++) {
    const row = grid.rows[r]!;
    const first = row.findIndex((c) => c !== null && BUDGET_TOTAL_LABEL.test(key(c.text)));
    if (first < 0) continue;
    const offset = lastColumn(grid, r, first) - labelCol;
    for (const { col, field } of valueCols) {
      const cell = row[col + offset];
      if (!cell || cell.text === '' || field === 'label') continue;
      // `3359.62万` under a block headed （万元）: the digits; a unit the header does not print is taken.
      const money = MONEY_WITH_UNIT.exec(key(cell.text));
      const moneyUnit = money ? MONEY_UNIT_OF[money[2]!] : undefined;
      if (money && moneyUnit && field !== 'rate' && (block.unit === null || block.unit === moneyUnit)) {
        block.unit = moneyUnit;
        block.values[field] = money[1]!;
      } else block.values[field] = cell.text;
    }
    block.row = r;
    break;
  }
  if (block.values.weight === undefined && !columns.some((c) => c.field === 'weight')) {
    const weight = rowCells(grid, headerRow).map((c) => BUDGET_WEIGHT_IN_HEADER.exec(foldWidth(c.text))?.[1]).find((w) => w !== undefined);
    if (weight !== undefined && block.row !== headerRow) block.values.weight = weight;
  }
  return block;
}

/** `年度总体目标 | 预期目标 | 实际完成情况` and, below, the two texts. */
function readGoals(grid: Grid, headerRow: number, to: number): { expected: string | null; actual: string | null } {
  const header = rowCells(grid, headerRow);
  const expectedCol = header.find((c) => GOAL_EXPECTED.test(key(c.text)))?.col;
  const actualCol = header.find((c) => GOAL_ACTUAL.test(key(c.text)))?.col;
  for (let r = headerRow + 1; r < to; r++) {
    const cells = rowCells(grid, r).filter((c) => c.text !== '');
    if (cells.length === 0) continue;
    const at = (col: number | undefined) => (col === undefined ? undefined : cells.find((c) => c.col === col)?.text);
    const expected = at(expectedCol) ?? cells[0]!.text;
    const actual = at(actualCol) ?? cells.find((c) => c.text !== expected)?.text ?? null;
    return { expected, actual };
  }
  return { expected: null, actual: null };
}

export function hasFormContent(part: FormPart): boolean {
  return Object.keys(part.keys).length > 0 || part.budget !== null || part.goalExpected !== null;
}
