import { findingPlace, type BudgetSource, type Finding } from '../../schemas/dataset';
import { BUDGET_OF_WHICH, BUDGET_PART_LABEL, BUDGET_SOURCE_LABEL, BUDGET_TOTAL_LABEL, PLACEHOLDER } from '../vocabulary/lexicon';
import { lastColumn, type BudgetBlock } from '../tables/form';
import type { Grid } from '../tables/grid';
import { compact, foldWidth } from '../text';
import type { ReportDraft } from './assemble';
import { placeOf, type FieldRead } from './places';

const key = (s: string) => compact(foldWidth(s));

/** Report columns of the budget block's fields. */
export const REPORT_FIELD = {
  initial: 'budget_initial',
  annual: 'budget_annual',
  executed: 'budget_executed',
  weight: 'execution_weight',
  rate: 'execution_rate_printed',
  score: 'execution_score',
} as const;

/** The label cell of a block row and how far its values sit from the header's columns. */
function labelled(grid: Grid, r: number, block: BudgetBlock, pattern: RegExp) {
  const row = grid.rows[r]!;
  // A merged block header beside the rows (`项目资金 (万元)` spanning them) is not their label.
  const first = row.findIndex((c) => c !== null && c.anchorRow === r && !PLACEHOLDER.test(c.text));
  if (first < 0 || !pattern.test(key(row[first]!.text))) return null;
  return { label: row[first]!.text, offset: lastColumn(grid, r, first) - block.labelCol, col: first };
}

/** Cells of the budget block's total row, as the report fields they were read into. */
export function budgetCells(grid: Grid, block: BudgetBlock): FieldRead[] {
  const at = labelled(grid, block.row, block, BUDGET_TOTAL_LABEL);
  if (!at) return [];
  const row = grid.rows[block.row]!;
  const read = (field: string, col: number): FieldRead => {
    const cell = row[col]!;
    return { field, text: cell.text, prov: cell.prov, place: placeOf(cell.prov, { table: grid.tableIndex, row: block.row, column: col }) };
  };
  const cells: FieldRead[] = [read('budget_unit', at.col)];
  for (const { col, field } of block.columns) {
    if (field === 'label') continue;
    const cell = row[col + at.offset];
    // An empty cell OCR rated 0 holds ink no read turned into text (parsers/ocr/unread-ink.ts): a value may be there.
    if (cell && (cell.text !== '' || cell.prov.confidence === 0)) cells.push(read(REPORT_FIELD[field], col + at.offset));
  }
  return cells;
}

/**
 * The source rows under the 年度资金总额 row, as printed, up to the first row that is not one. A
 * part (其中, dash-led, 本级安排 / 上级补助) belongs to the last source of its own above it.
 */
export function readBudgetSources(grid: Grid, block: BudgetBlock): BudgetSource[] {
  const sources: BudgetSource[] = [];
  let parent: number | null = null;
  for (let r = block.row + 1; r < grid.rows.length; r++) {
    const at = labelled(grid, r, block, BUDGET_SOURCE_LABEL);
    if (!at) break;
    const label = key(at.label);
    const isPart = BUDGET_PART_LABEL.test(label) && parent !== null;
    const value = (field: 'initial' | 'annual' | 'executed') => {
      const col = block.columns.find((c) => c.field === field)?.col;
      const text = col === undefined ? undefined : grid.rows[r]![col + at.offset]?.text;
      return text === undefined || text === '' ? null : text;
    };
    const labelCell = grid.rows[r]![at.col]!;
    sources.push({
      label: at.label,
      part_of: isPart ? parent : null,
      of_which: BUDGET_OF_WHICH.test(label),
      initial: value('initial'),
      annual: value('annual'),
      executed: value('executed'),
      at: placeOf(labelCell.prov, { table: grid.tableIndex, row: r, column: at.col }),
    });
    if (!isPart) parent = sources.length - 1;
  }
  return sources;
}

/**
 * A 年度资金总额 row printing figures above a report's indicator header with no budget header read
 * over it: the header (which column is 预算数, 执行数, 执行率) stayed at the foot of the page
 * before, where the table read lost it. The budget is printed and not read: a warning on each
 * budget field, which is left empty rather than guessed from the figures' order.
 */
export function unheadedBudgetFindings(reportId: string, draft: ReportDraft): Finding[] {
  if (draft.forms.some((f) => f.budget !== null)) return [];
  for (const part of draft.parts) {
    for (let r = 0; r < part.indicators!.header.top; r++) {
      const row = part.grid.rows[r]!;
      const col = row.findIndex((c) => c !== null && c.anchorRow === r && BUDGET_TOTAL_LABEL.test(key(c.text)));
      const label = row[col];
      if (!label || !row.some((c) => c !== null && c !== label && /\d/.test(c.text))) continue;
      const at = findingPlace(placeOf(label.prov, { table: part.grid.tableIndex, row: r, column: col }));
      return ['budget_unit', ...Object.values(REPORT_FIELD)].map((field): Finding => ({
        report_id: reportId,
        row_index: null,
        code: 'BUDGET_UNREAD',
        severity: 'warning',
        field,
        printed: row.flatMap((c, i) => (c !== null && c.anchorCol === i && c.text !== '' ? [c.text] : [])).join(' | '),
        expected: null,
        message: `a ${key(label.text).replace(/:$/, '')} row with figures is printed${label.prov.page != null ? ` on page ${label.prov.page}` : ''}, but no budget header over it was read (a header left at the foot of the page before is lost so): which figure is the budget, the execution or the rate is not known, and ${field} is left empty: read it from the document`,
        origin: 'extraction',
        ...at,
      }));
    }
  }
  return [];
}
