import type { Provenance } from '../../schemas/document';
import { parseDecimal } from '../values';
import type { MappedRow, NumberField } from './rows';

/** A weight or score printed once in a cell merged over several indicators: the block's, not a row's. */
export interface MergedBlock {
  field: NumberField;
  printed: string;
  value: string | null;
  /** Indexes of the indicator rows the cell covers. */
  rows: number[];
  tableIndex: number;
  row: number;
  col: number;
  prov: Provenance;
}

const FIELDS: ReadonlyArray<NumberField> = ['weight', 'score', 'review_score', 'deduction'];

/**
 * Finds the number cells merged over more than one indicator and takes their value off the row
 * it was read on: a value the other rows did not print is not that row's either. Rows of one
 * indicator printed over several lines (a name merged over two rows, a page-break tail) count
 * once. Call on rows whose continuations are joined.
 */
export function separateMergedBlocks(rows: MappedRow[]): MergedBlock[] {
  const blocks = new Map<string, MergedBlock>();
  rows.forEach((row, i) => {
    for (const field of FIELDS) {
      const cell = row.merged[field];
      if (!cell) continue;
      const key = `${field}:${cell.key}`;
      const block = blocks.get(key);
      if (block) block.rows.push(i);
      else blocks.set(key, { field, printed: cell.text, value: parseDecimal(cell.text), rows: [i], tableIndex: cell.tableIndex, row: cell.row, col: cell.col, prov: cell.prov });
    }
  });
  const shared = [...blocks.values()].filter((b) => b.rows.length > 1);
  for (const block of shared) {
    for (const i of block.rows) {
      const row = rows[i]!;
      if (!row.merged[block.field]?.own) continue;
      delete row.values[block.field];
      delete row.cells[block.field];
    }
  }
  return shared;
}
