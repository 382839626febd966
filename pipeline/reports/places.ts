import type { Place } from '../../schemas/dataset';
import type { Provenance } from '../../schemas/document';
import type { MappedRow } from '../tables/rows';

/** A report-level field's cell as read: its text and provenance, and where it is printed. */
export interface FieldRead {
  field: string;
  text: string;
  prov: Provenance;
  place: Place;
}

/** A place in the dataset's terms from a parser's provenance, and the cell it belongs to. */
export function placeOf(prov: Provenance, cell: { table: number; row: number; column: number | null } | null = null): Place {
  return {
    page: prov.page ?? null,
    line: prov.line ?? null,
    table_index: cell?.table ?? null,
    row: cell?.row ?? null,
    column: cell?.column ?? null,
    bbox: prov.bbox ?? null,
    confidence: prov.confidence ?? null,
  };
}

/** A row's place: its first own cell (the row's provenance when it has none). */
export function rowPlace(row: MappedRow): Place {
  const own = Object.values(row.cells)
    .filter((c) => c.row === row.sourceRow)
    .sort((a, b) => a.col - b.col)[0];
  return own ? placeOf(own.prov, { table: row.tableIndex, row: own.row, column: own.col }) : placeOf(row.prov, { table: row.tableIndex, row: row.sourceRow, column: null });
}
