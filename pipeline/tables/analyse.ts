import type { Table } from '../../schemas/document';
import { TOTAL_LABEL } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { parseDecimal } from '../values';
import { readFormPart, type FormPart } from './form';
import { expandTable, rowCells, type Grid } from './grid';
import { readHeader, type HeaderMap } from './header';
import { readIndicatorSection, type IndicatorSection } from './rows';

/** A level-1 summary table (一级指标 | 权重 | 分值 | 得分) and its 合计 row. */
export interface SummarySection {
  header: HeaderMap;
  rows: Array<{ level1: string; weight: string | null; score: string | null }>;
  totalScore: string | null;
}

/** One stretch of a table: the form rows above a header, then the indicator or summary rows. */
export interface TablePart {
  grid: Grid;
  form: FormPart;
  indicators: IndicatorSection | null;
  summary: SummarySection | null;
}

/** Splits a table into its parts; a table with no evaluation header is one form-only part. */
export function analyseTable(table: Table): TablePart[] {
  const grid = expandTable(table);
  const parts: TablePart[] = [];
  let from = 0;
  for (let r = 0; r < grid.rows.length; r++) {
    const header = readHeader(grid, r);
    if (!header) continue;
    const form = readFormPart(grid, from, r);
    if (header.role === 'indicators') {
      const section = readIndicatorSection(grid, header.map);
      parts.push({ grid, form, indicators: section, summary: null });
      r = section.endRow - 1;
      from = section.endRow;
    } else {
      const summary = readSummary(grid, header.map);
      parts.push({ grid, form, indicators: null, summary: summary.section });
      r = summary.endRow - 1;
      from = summary.endRow;
    }
  }
  if (from < grid.rows.length || parts.length === 0) {
    parts.push({ grid, form: readFormPart(grid, from, grid.rows.length), indicators: null, summary: null });
  }
  return parts;
}

function readSummary(grid: Grid, header: HeaderMap): { section: SummarySection; endRow: number } {
  const section: SummarySection = { header, rows: [], totalScore: null };
  const at = (r: number, field: 'level1' | 'weight' | 'score') => {
    const col = header.colOf(field);
    return col === undefined ? null : (grid.rows[r]![col]?.text ?? null);
  };
  let r = header.row + 1;
  for (; r < grid.rows.length; r++) {
    const cells = rowCells(grid, r).filter((c) => c.text !== '');
    if (cells.length === 0) continue;
    if (readHeader(grid, r)) break;
    const label = at(r, 'level1') ?? cells[0]!.text;
    if (TOTAL_LABEL.test(compact(foldWidth(label)))) {
      section.totalScore = parseDecimal(at(r, 'score'));
      r++;
      break;
    }
    section.rows.push({ level1: label, weight: parseDecimal(at(r, 'weight')), score: parseDecimal(at(r, 'score')) });
  }
  return { section, endRow: r };
}
