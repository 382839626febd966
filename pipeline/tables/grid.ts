import type { Provenance, Table } from '../../schemas/document';
import { cleanText } from '../text';

/** One position of the rectangular grid; merged cells repeat their anchor's text and origin. */
export interface GridCell {
  text: string;
  prov: Provenance;
  anchorRow: number;
  anchorCol: number;
}

/** A table with rowspan/colspan expanded: every row has `width` positions. */
export interface Grid {
  tableIndex: number;
  prov: Provenance;
  width: number;
  rows: Array<Array<GridCell | null>>;
}

/** A row as printed: its distinct cells (merged positions once), each at its first column. */
export interface RowCell {
  col: number;
  text: string;
  prov: Provenance;
  /** True when the cell belongs to a merge that started on an earlier row. */
  spannedFromAbove: boolean;
  anchorRow: number;
}

export function expandTable(table: Table): Grid {
  const rows: Array<Array<GridCell | null>> = table.rows.map(() => []);
  table.rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (rows[r]![c] !== undefined) c++;
      const text = cleanText(cell.text);
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          rows[r + dr]![c + dc] ??= { text, prov: cell.prov, anchorRow: r, anchorCol: c };
        }
      }
      c += cell.colSpan;
    }
  });
  const width = Math.max(0, ...rows.map((row) => row.length));
  for (const row of rows) for (let c = 0; c < width; c++) row[c] ??= null;
  return { tableIndex: table.index, prov: table.prov, width, rows };
}

/** A cell read from the page's ink (OCR, a glyph re-read): it carries the read's confidence. */
export const readFromInk = (cell: { prov: Provenance } | null | undefined) => cell?.prov.confidence !== undefined;

/** A table some of whose cells were read by OCR. */
export const readByOcr = (grid: Grid) => grid.rows.some((row) => row.some((c) => readFromInk(c)));

export function rowCells(grid: Grid, r: number): RowCell[] {
  const out: RowCell[] = [];
  const seen = new Set<string>();
  grid.rows[r]!.forEach((cell, c) => {
    if (!cell) return;
    const key = `${cell.anchorRow}:${cell.anchorCol}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ col: c, text: cell.text, prov: cell.prov, spannedFromAbove: cell.anchorRow < r, anchorRow: cell.anchorRow });
  });
  return out;
}

/** The row's non-empty texts in order (merged cells once). */
export function rowTexts(grid: Grid, r: number): string[] {
  return rowCells(grid, r)
    .map((c) => c.text)
    .filter((t) => t !== '');
}

/** The printed text line (or page) a row came from, for provenance. */
export function rowProvenance(grid: Grid, r: number): Provenance {
  const cell = grid.rows[r]!.find((c) => c !== null && c.anchorRow === r);
  return cell?.prov ?? {};
}
