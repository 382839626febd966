import type { Cell } from '../../schemas/document';
import type { RowDef } from './paragraph-props';

/** A table row as the text gives it (one string per cell mark) with its row definition. */
export interface RawRow {
  cells: string[];
  def?: RowDef;
}

/** Cell boundaries closer than this (in twips, 1/1440 inch) are one column edge drawn twice. */
const EDGE_TOLERANCE = 20;

/**
 * Rows of cell texts → rows of cells with spans, as the .docx reader gives them. Word 97 keeps
 * no grid: each row lists its cells' boundaries, so a cell as wide as two cells of another row
 * spans two columns of the grid made of every row's boundaries; vertical merges are flagged per
 * cell (first of a merged set / merged with the cell above) and become row spans.
 */
export function rowsWithSpans(raw: RawRow[]): Cell[][] {
  const edges = gridEdges(raw);
  const column = (x: number) => {
    let best = 0;
    for (let i = 0; i < edges.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[best]! - x)) best = i;
    return best;
  };
  const rows: Cell[][] = [];
  /** The cell a vertical merge continues, by the grid column it starts at. */
  const open = new Map<number, Cell>();
  for (const row of raw) {
    const def = row.def && row.def.cells.length === row.cells.length && row.def.boundaries.length === row.cells.length + 1 ? row.def : undefined;
    const out: Cell[] = [];
    let next = 0;
    for (let i = 0; i < row.cells.length; i++) {
      const text = row.cells[i]!;
      const start = def ? column(def.boundaries[i]!) : next;
      const colSpan = def ? Math.max(1, column(def.boundaries[i + 1]!) - start) : 1;
      next = start + colSpan;
      const flags = def?.cells[i] ?? { vertMerge: 0, horzMerge: 0 };
      const previous = out[out.length - 1];
      if (flags.horzMerge === 2 && previous) {
        // Merged with the cell before it (the older horizontal-merge flags).
        previous.colSpan += colSpan;
        if (text) previous.text = previous.text ? `${previous.text}\n${text}` : text;
        continue;
      }
      const above = open.get(start);
      if (flags.vertMerge === 1 && above && above.colSpan === colSpan) {
        above.rowSpan++;
        if (text) above.text = above.text ? `${above.text}\n${text}` : text;
        continue;
      }
      const cell: Cell = { text, rowSpan: 1, colSpan, prov: {} };
      for (let c = start; c < start + colSpan; c++) open.delete(c);
      if (flags.vertMerge === 3) open.set(start, cell);
      out.push(cell);
    }
    rows.push(out);
  }
  return rows;
}

function gridEdges(raw: RawRow[]): number[] {
  const all = raw.flatMap((r) => r.def?.boundaries ?? []).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const x of all) if (edges.length === 0 || x - edges[edges.length - 1]! > EDGE_TOLERANCE) edges.push(x);
  return edges;
}
