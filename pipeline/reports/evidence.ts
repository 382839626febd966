import Decimal from 'decimal.js';
import type { Evidence, FieldCell, Indicator, Place, PrintedLevelEvidence } from '../../schemas/dataset';
import { GRADE_LABEL, LABEL_WEIGHT, TOTAL_LABEL, type FormKey, type IndicatorField } from '../vocabulary/lexicon';
import type { TablePart } from '../tables/analyse';
import { rowCells, type RowCell } from '../tables/grid';
import type { MappedRow } from '../tables/rows';
import { compact, foldWidth } from '../text';
import { parseDecimal } from '../values';
import type { ReportDraft } from './assemble';
import { budgetCells, readBudgetSources } from './budget-sources';
import { placeOf, type FieldRead } from './places';
import { readGradeBands, readNegativeForm, readQualitativeBands } from './stated-rules';
import { readStatedTotal, readStatements } from './statements';

/** The indicator column each table field is read into. */
export const COLUMN_OF: Partial<Record<IndicatorField, keyof Indicator>> = {
  level1: 'level1',
  level1_weight: 'level1_weight',
  level2: 'level2',
  level2_weight: 'level2_weight',
  level3: 'level3',
  target: 'target_raw',
  actual: 'actual_raw',
  scoring_rule: 'scoring_rule',
  description: 'description',
  weight: 'weight',
  score: 'score',
  review_score: 'review_score',
  deduction: 'deduction',
  note: 'note',
  comment: 'note',
};
const NUMBER_FIELDS: ReadonlyArray<IndicatorField> = ['weight', 'score', 'review_score', 'deduction'];

/**
 * What the validator needs from a report's draft beyond its records, with where each thing is
 * printed: the cells of every field, printed subtotals and totals, the rules and scores the text
 * states, the budget block's source rows (merged-block values and unplaced texts are added by build.ts).
 */
export function readEvidence(draft: ReportDraft, rows: MappedRow[]): Omit<Evidence, 'merged_blocks' | 'unplaced'> {
  const sections = draft.parts.map((p) => p.indicators!);
  const lines = [...draft.context, ...draft.after];
  const totals = draft.parts.filter((p) => p.indicators!.totalWeight !== null);
  const budget = draft.forms.find((f) => f.budget)?.budget ?? null;
  const numberTexts = rows.flatMap((row, i) =>
    NUMBER_FIELDS.flatMap((field) => {
      const printed = row.values[field];
      return printed !== undefined && parseDecimal(printed) === null ? [{ row_index: i, field: COLUMN_OF[field]!, printed }] : [];
    }),
  );
  return {
    table_indexes: [...new Set(draft.parts.map((p) => p.grid.tableIndex))],
    columns: [...new Set(sections.flatMap((s) => s.header.columns.map((c) => c.field)))],
    weight_total: totals.length === 1 ? { printed: totals[0]!.indicators!.totalWeight!, at: totalRow(totals[0]!)?.weight?.place ?? null } : null,
    levels_printed: printedLevels(draft),
    grade_bands: readGradeBands(lines),
    qualitative_bands: readQualitativeBands(lines),
    negative_form: readNegativeForm(lines),
    statements: readStatements(lines),
    stated_total: readStatedTotal(draft.context),
    budget_sources: budget && draft.budgetGrid ? readBudgetSources(draft.budgetGrid, budget) : [],
    number_texts: numberTexts,
    cells: [...rowFieldCells(rows), ...reportFieldReads(draft).map((r): FieldCell => ({ row_index: null, field: r.field, ...r.place }))],
    past_page_edge: pastPageEdge(draft, rows),
    unread_tables: draft.unread,
    unruled: unruledRows(draft, rows),
  };
}

/** Each row's own cells, its continuations' after them, each with the table it is in. */
function ownCells(draft: ReportDraft, rows: MappedRow[]): Array<Array<{ c: RowCell; tableIndex: number }>> {
  const grids = new Map(draft.parts.map((p) => [p.grid.tableIndex, p.grid]));
  return rows.map((row) =>
    [{ tableIndex: row.tableIndex, sourceRow: row.sourceRow }, ...row.continuedBy].flatMap(({ tableIndex, sourceRow }) => {
      const grid = grids.get(tableIndex);
      return grid?.rows[sourceRow] ? rowCells(grid, sourceRow).map((c) => ({ c, tableIndex })) : [];
    }),
  );
}

/** Where a row's cell is printed. */
const cellPlace = ({ c, tableIndex }: { c: RowCell; tableIndex: number }) => placeOf(c.prov, { table: tableIndex, row: c.anchorRow, column: c.col });

/** Each row with a cell of its own read from a table without rules: the first doubt its cells carry. */
function unruledRows(draft: ReportDraft, rows: MappedRow[]): Evidence['unruled'] {
  return ownCells(draft, rows).flatMap((all, i) => {
    const cells = all.filter(({ c }) => c.prov.unruled !== undefined);
    if (cells.length === 0) return [];
    const doubted = cells.find(({ c }) => c.prov.unruled !== '') ?? cells[0]!;
    return [{ row_index: i, doubt: doubted.c.prov.unruled || null, at: cellPlace(doubted) }];
  });
}

/** Each row with a cell of its own (continuations included) that the paper's edge cut: its first such cell. */
function pastPageEdge(draft: ReportDraft, rows: MappedRow[]): Evidence['past_page_edge'] {
  return ownCells(draft, rows).flatMap((cells, i) => {
    const cut = cells.find(({ c }) => c.prov.pastPageEdge);
    return cut ? [{ row_index: i, at: cellPlace(cut) }] : [];
  });
}

function rowFieldCells(rows: MappedRow[]): FieldCell[] {
  return rows.flatMap((row, i) =>
    Object.entries(row.cells).flatMap(([field, cell]) => {
      const column = COLUMN_OF[field as IndicatorField];
      return column ? [{ row_index: i, field: column, ...placeOf(cell.prov, { table: row.tableIndex, row: cell.row, column: cell.col }) }] : [];
    }),
  );
}

/** Report columns read from a form's key cells (the metadata takes the first form that prints the key). */
const KEY_FIELDS: ReadonlyArray<FormKey> = ['project_name', 'department', 'implementing_unit'];

/** Cells of report-level values: the form's project, department and unit, the budget block's total row, 总分 and the grade. */
export function reportFieldReads(draft: ReportDraft): FieldRead[] {
  const cells: FieldRead[] = [];
  for (const field of KEY_FIELDS) {
    const cell = draft.forms.find((f) => f.keys[field] !== undefined)?.keyCells[field];
    if (cell) cells.push({ field, text: cell.text, prov: cell.prov, place: placeOf(cell.prov, { table: cell.table, row: cell.row, column: cell.column }) });
  }
  const budget = draft.forms.find((f) => f.budget)?.budget;
  if (budget && draft.budgetGrid) cells.push(...budgetCells(draft.budgetGrid, budget));
  const scored = draft.parts.filter((p) => p.indicators!.totalScore !== null);
  const total = scored.length === 1 ? totalRow(scored[0]!) : null;
  if (total?.score) cells.push({ ...total.score, field: 'total_printed' });
  if (total?.weight) cells.push({ ...total.weight, field: 'weight_total_printed' });
  const graded = [...draft.parts].reverse().find((p) => p.indicators!.grade !== null);
  const grade = graded ? labelRow(graded, GRADE_LABEL) : null;
  if (grade) cells.push({ ...(grade.cells.find((c) => c.text !== '' && c !== grade.cells[0]) ?? grade.cells[0]!), field: 'grade_printed' });
  return cells;
}

/** The first row of a section's table whose label matches, with its cells as read. */
function labelRow(part: TablePart, label: RegExp) {
  const { grid } = part;
  const section = part.indicators!;
  for (let r = section.header.row + 1; r < section.endRow; r++) {
    const cells = rowCells(grid, r).filter((c) => c.text !== '');
    if (cells.length > 0 && label.test(compact(foldWidth(cells[0]!.text)))) {
      return { row: r, cells: cells.map((c) => ({ col: c.col, field: '', text: c.text, prov: c.prov, place: placeOf(c.prov, { table: grid.tableIndex, row: r, column: c.col }) })) };
    }
  }
  return null;
}

/** The 总分 row's weight and score cells: the header's columns, else the last two numbers. */
function totalRow(part: TablePart): { weight: FieldRead | null; score: FieldRead | null } | null {
  const row = labelRow(part, TOTAL_LABEL);
  if (!row) return null;
  const header = part.indicators!.header;
  const numbers = row.cells.filter((c) => parseDecimal(c.text) !== null);
  const score = numbers.find((c) => c.col === header.colOf('score')) ?? numbers[numbers.length - 1] ?? null;
  const weight = numbers.find((c) => c.col === header.colOf('weight') && c !== score) ?? numbers.filter((c) => score && c.col < score.col).pop() ?? null;
  return { weight, score };
}

/**
 * Level-1 subtotals: the rows of a summary table (一级指标 | 权重 | 评分分值 | 得分), else the 合计
 * row of each score table when a report has several (seed 003), each table being one level-1.
 */
function printedLevels(draft: ReportDraft): PrintedLevelEvidence[] {
  const num = (s: string | null) => (s === null ? null : new Decimal(s).toString());
  if (draft.summary && draft.summary.rows.length > 0) {
    return draft.summary.rows.map((r) => ({ level1: r.level1, weight: num(parseDecimal(r.weight)), score: num(parseDecimal(r.score)), at: null }));
  }
  const parts = draft.parts.filter((p) => p.indicators!.totalScore !== null);
  if (parts.length < 2) return [];
  const levels: PrintedLevelEvidence[] = [];
  for (const part of parts) {
    const s = part.indicators!;
    const names = new Set(s.rows.map((r) => r.level1 && withoutWeight(r.level1.text)).filter((t): t is string => !!t));
    if (names.size !== 1) return [];
    levels.push({ level1: [...names][0]!, weight: num(s.totalWeight), score: num(s.totalScore), at: totalRow(part)?.score?.place ?? null });
  }
  return levels;
}

/** `产出指标 (50分)` → `产出指标`. */
function withoutWeight(label: string): string {
  const text = label.trim();
  return (LABEL_WEIGHT.exec(text)?.[1] ?? text).trim();
}
