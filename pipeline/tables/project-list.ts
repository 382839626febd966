import type { Provenance, Table } from '../../schemas/document';
import { compact, foldWidth } from '../text';
import { BUDGET_LEVELS, PLACEHOLDER, SUMMARY_HEADERS, TOTAL_LABEL, type BudgetLevel, type SummaryField } from '../vocabulary/lexicon';
import { expandTable, rowCells, rowProvenance, type Grid } from './grid';
import { headerCells } from './header';

/** One project of a table that lists one project per row, values as printed. */
export interface ProjectListRow {
  tableIndex: number;
  sourceRow: number;
  prov: Provenance;
  values: Partial<Record<SummaryField, string>>;
  budgetByLevel: Partial<Record<BudgetLevel, string>>;
}

const key = (s: string) => compact(foldWidth(s));
const fieldOf = (text: string) => SUMMARY_HEADERS.find((h) => h.pattern.test(key(text)))?.field;
const levelOf = (text: string) => BUDGET_LEVELS.find((l) => l.pattern.test(key(text)))?.level;

interface Column {
  col: number;
  field: SummaryField;
  level?: BudgetLevel;
}

/** The columns of a project-list header at row `r` (with its 中央 | 省级 | … row), or null. */
function readColumns(grid: Grid, r: number): { columns: Column[]; rows: number } | null {
  const { cells, rows } = headerCells(grid, r, (text) => levelOf(text) !== undefined);
  const columns: Column[] = [];
  for (const cell of cells) {
    const field = fieldOf(cell.parent ?? cell.text);
    if (!field) continue;
    const level = cell.parent !== null ? levelOf(cell.text) : undefined;
    if (columns.some((c) => c.field === field && c.level === level)) continue;
    columns.push({ col: cell.col, field, level });
  }
  const has = (f: SummaryField) => columns.some((c) => c.field === f);
  const isList = has('project_name') && has('score') && (has('budget') || has('executed'));
  return isList ? { columns, rows } : null;
}

/**
 * Reads a table that lists one project per row (序号 | 项目名称 | … | 自评得分), or null when the
 * table is not one. Total rows (合计) and rows without a project name are not projects.
 */
export function readProjectList(table: Table): ProjectListRow[] | null {
  const grid = expandTable(table);
  for (let r = 0; r < Math.min(grid.rows.length, 4); r++) {
    const header = readColumns(grid, r);
    if (!header) continue;
    const out: ProjectListRow[] = [];
    for (let row = r + header.rows; row < grid.rows.length; row++) {
      const printed = rowCells(grid, row).filter((c) => c.text !== '' && !c.spannedFromAbove);
      if (printed.length === 0 || printed.some((c) => TOTAL_LABEL.test(key(c.text)))) continue;
      const values: ProjectListRow['values'] = {};
      const budgetByLevel: ProjectListRow['budgetByLevel'] = {};
      for (const c of header.columns) {
        const text = grid.rows[row]![c.col]?.text ?? '';
        if (text === '' || PLACEHOLDER.test(key(text))) continue;
        if (c.field === 'budget' && c.level) budgetByLevel[c.level] = text;
        else values[c.field] ??= text;
      }
      if (!values.project_name) continue;
      out.push({ tableIndex: grid.tableIndex, sourceRow: row, prov: rowProvenance(grid, row), values, budgetByLevel });
    }
    return out.length > 0 ? out : null;
  }
  return null;
}
