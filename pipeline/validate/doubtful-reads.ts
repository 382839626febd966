import { OCR_MIN_CONFIDENCE, type Evidence, type Finding, type Place } from '../../schemas/dataset';
import { lowConfidence } from '../vocabulary/confidence';
import { showPlace } from './show-place';

/*
 * Which of a report's cells the validator doubts, and which findings are computed from them. The
 * threshold and its words are shared with extraction's OCR findings (pipeline/vocabulary/confidence.ts);
 * the contract between them is the confidence a read carries on its place (`Place.confidence`,
 * OCR and glyph re-reads).
 */

/** A cell read below the threshold. Confidence 0 on an empty cell is ink no read turned into text (OCR_UNREAD_INK), no read at all. */
const readLow = (cell: Place): boolean => lowConfidence(cell.confidence) && cell.confidence > 0;

/** A cell a finding may be computed from, whose read is doubtful, and why. */
export interface DoubtfulRead {
  /** The record the cell was read into: a row index, null for the report. */
  row_index: number | null;
  field: string;
  at: Place | null;
  why: string;
  /** The code of the extraction finding that doubts it; null for a read doubted by its confidence alone. */
  code: string | null;
}

/**
 * The doubtful reads among a report's cells (`evidence.cells`: rows' and the report's fields): a
 * cell read below the threshold (its confidence on its place), and a cell extraction doubted
 * (a `warning` of origin `extraction` naming that row and field: OCR_SUSPECT_TEXT, OCR_UNREAD_INK…;
 * `info` findings are decisions, not doubts).
 */
export function doubtfulReads(evidence: Evidence, extracted: ReadonlyArray<Finding>): DoubtfulRead[] {
  const reads: DoubtfulRead[] = [];
  const cellOf = (row_index: number | null, field: string) => evidence.cells.find((c) => c.row_index === row_index && c.field === field);
  const add = (row_index: number | null, field: string, at: Place | null, code: string | null) => {
    if (reads.some((r) => r.row_index === row_index && r.field === field)) return;
    const cell = cellOf(row_index, field);
    const low = cell && readLow(cell) ? `OCR confidence ${cell.confidence}, below ${OCR_MIN_CONFIDENCE}` : null;
    const why = [code, low].filter((w) => w !== null).join(': ');
    reads.push({ row_index, field, at: cell ?? at, why, code });
  };
  for (const f of extracted) {
    if (f.origin !== 'extraction' || f.severity === 'info' || f.field === null) continue;
    add(f.row_index, f.field, { page: f.page, line: null, table_index: f.table_index, row: f.source_row, column: f.source_column, bbox: null, confidence: null }, f.code);
  }
  // A dataset may hold cells read low that no finding names (written before report cells had theirs).
  // `budget_unit`'s cell is the label of the budget row it was found beside, not where the unit was read.
  for (const cell of evidence.cells) if (cell.field !== 'budget_unit' && readLow(cell)) add(cell.row_index, cell.field, cell, null);
  return reads;
}

/**
 * What a finding computed from doubtful reads, or on a table whose read is doubted as a whole
 * (`tableDoubted`: the report's self-checks failed), adds to its message: one note for both, '' for
 * neither. `(the read of budget_annual at page 1, table 0, row 4, column 2 is doubtful (OCR
 * confidence 62, below 80), and so is the read of this table, see EXTRACTION_SUSPECT: a misread
 * may cause this)`.
 */
export function doubtNote(reads: ReadonlyArray<DoubtfulRead>, tableDoubted: boolean): string {
  const r = reads[0];
  if (!r) return tableDoubted ? ' (the read of this table is doubtful, see EXTRACTION_SUSPECT: a misread may cause this)' : '';
  const where = showPlace(r.at);
  const more = reads.length > 1 ? `, and ${reads.length - 1} more cell${reads.length > 2 ? 's' : ''} it is computed from` : '';
  const alsoTable = tableDoubted ? ', and so is the read of this table, see EXTRACTION_SUSPECT' : '';
  return ` (the read of ${r.row_index === null ? r.field : `row ${r.row_index}'s ${r.field}`}${where ? ` at ${where}` : ''} is doubtful (${r.why})${more}${alsoTable}: a misread may cause this)`;
}

/** Record columns parsed out of another column's cell: the quantity's parts out of the printed text, a level weight out of its label. */
const CELL_OF: Readonly<Record<string, string>> = {
  target_op: 'target_raw',
  target_value: 'target_raw',
  target_unit: 'target_raw',
  actual_op: 'actual_raw',
  actual_value: 'actual_raw',
  actual_unit: 'actual_raw',
  level1_weight: 'level1',
  level2_weight: 'level2',
};

/**
 * The doubtful reads a finding is computed from: those among the columns its check (or code)
 * reads (`report.budget_annual`, `indicators.score`, `indicators.*`, `evidence.weight_total`), on
 * its rows — its own row, the rows it names (`from_rows`: a level's), else, for a finding on the
 * report, every row (a sum of scores). Each printed cell once.
 */
export function doubtfulInputs(doubtful: ReadonlyArray<DoubtfulRead>, reads: ReadonlyArray<string>, o: { row_index: number | null; from_rows?: number[] }): DoubtfulRead[] {
  const rows = o.from_rows ?? (o.row_index === null ? null : [o.row_index]);
  const read = (d: DoubtfulRead, what: string) => {
    const [record, column] = what.split('.') as [string, string];
    if (record === 'report') return d.row_index === null && d.field === column;
    if (record === 'evidence') return column === 'weight_total' && d.row_index === null && d.field === 'weight_total_printed';
    if (record !== 'indicators' || d.row_index === null || (rows !== null && !rows.includes(d.row_index))) return false;
    return column === '*' || d.field === column || d.field === CELL_OF[column];
  };
  const seen = new Set<string>();
  return doubtful.filter((d) => {
    if (!reads.some((what) => read(d, what))) return false;
    // A merged label is every row's cell: one printed cell, said once.
    const key = d.at && d.at.table_index !== null && d.at.row !== null ? `${d.at.page}:${d.at.table_index}:${d.at.row}:${d.at.column}` : `${d.row_index}:${d.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
