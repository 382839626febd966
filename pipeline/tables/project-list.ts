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
  /** Every value cell as read, with where it is (a name printed over two rows gives two). */
  cells: ProjectListCell[];
  /** Rows below that print only more of the project's name, every other cell merged from this row's. */
  nameContinued: number[];
}

export interface ProjectListCell {
  field: SummaryField;
  level?: BudgetLevel;
  text: string;
  prov: Provenance;
  row: number;
  col: number;
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
    const nameCol = header.columns.find((c) => c.field === 'project_name')!.col;
    for (let row = r + header.rows; row < grid.rows.length; row++) {
      const cells = rowCells(grid, row).filter((c) => c.text !== '');
      const printed = cells.filter((c) => !c.spannedFromAbove);
      if (printed.length === 0 || printed.some((c) => TOTAL_LABEL.test(key(c.text)))) continue;
      // A row whose own cell is only a name, every other cell merged down from the project above:
      // the name's cell cut in two by a rule the read saw through it, not a project of its own.
      const above = out[out.length - 1];
      if (above && printed.every((c) => c.col === nameCol) && cells.some((c) => c.spannedFromAbove && c.anchorRow === above.sourceRow)) {
        above.values.project_name = `${above.values.project_name}${printed[0]!.text}`;
        above.cells.push({ field: 'project_name', text: printed[0]!.text, prov: printed[0]!.prov, row, col: nameCol });
        above.nameContinued.push(row);
        continue;
      }
      const values: ProjectListRow['values'] = {};
      const budgetByLevel: ProjectListRow['budgetByLevel'] = {};
      const read: ProjectListCell[] = [];
      for (const c of header.columns) {
        const cell = grid.rows[row]![c.col];
        const text = cell?.text ?? '';
        if (text === '' || PLACEHOLDER.test(key(text))) continue;
        if (c.field === 'budget' && c.level) budgetByLevel[c.level] = text;
        else if (values[c.field] === undefined) values[c.field] = text;
        else continue;
        read.push({ field: c.field, level: c.level, text, prov: cell!.prov, row, col: c.col });
      }
      if (!values.project_name) continue;
      out.push({ tableIndex: grid.tableIndex, sourceRow: row, prov: rowProvenance(grid, row), values, budgetByLevel, cells: read, nameContinued: [] });
    }
    return out.length > 0 ? out : null;
  }
  return null;
}
