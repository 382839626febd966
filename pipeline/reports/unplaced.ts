import type { Evidence } from '../../schemas/dataset';
import type { MergedBlock } from '../tables/merged-blocks';
import { rowCells, type Grid } from '../tables/grid';
import { readHeader, type HeaderMap } from '../tables/header';
import type { MappedRow } from '../tables/rows';
import { compact, foldWidth } from '../text';
import { parseDecimal } from '../values';
import { FILLED_DATE_LINE, GRADE_LABEL, ISSUER_LINE, PLACEHOLDER, SECTION_LABEL, SIGN_OFF, TABLE_NOTE, TABLE_REMARK, TEMPLATE_CODE, TEMPLATE_NUMBERING, TOTAL_LABEL } from '../vocabulary/lexicon';
import type { ReportDraft } from './assemble';
import { placeOf } from './places';

type Unplaced = Evidence['unplaced'][number];

const key = (text: string) => compact(foldWidth(text));
/** Rows a table prints beside its indicators, by their first cell: totals, grades, notes, remarks, the sign-off. */
const OTHER_ROWS = [TOTAL_LABEL, GRADE_LABEL, TABLE_NOTE, TABLE_REMARK, SIGN_OFF, ISSUER_LINE, FILLED_DATE_LINE];
const otherRow = (first: string) => OTHER_ROWS.some((p) => p.test(key(first)));
/** Cells that are no indicator's: such a row's cells anywhere, and the header's section label merged down the rows. */
const otherCell = (text: string) => otherRow(text) || SECTION_LABEL.test(key(text));

/**
 * The texts of a report's table body that ended up nowhere: in no record's field or level label,
 * no merged block, no total. Every text printed in the body's rows (and in the rows after them
 * that no part read, see `ReportDraft.strays`) is looked up, whitespace-free and width-folded, in
 * what the records hold, so a wrapped cell, a cell joined to the row it continues or a column
 * group joined into one value is found; a number is looked up by its value (`8.70` is `8.7`).
 * Repeated headers, total and grade rows, notes, remarks and the sign-off are left out, and so are
 * the columns the header names but jixiao does not read (序号, a second 指标说明); a text in a
 * column the header does not name is looked up like any other.
 */
export function unplacedTexts(draft: ReportDraft, rows: MappedRow[], blocks: MergedBlock[]): Unplaced[] {
  const held = [
    ...rows.flatMap((r) => [...Object.values(r.values), r.level1?.text, r.level2?.text, r.displacedLevel2]),
    ...blocks.map((b) => b.printed),
    ...draft.parts.flatMap((p) => [p.indicators!.totalScore, p.indicators!.totalWeight]),
  ].filter((t): t is string => t !== undefined && t !== null);
  const texts = held.map(key).join('\u0000');
  const numbers = new Set(held.flatMap((t) => parseDecimal(t) ?? []));
  const isHeld = (text: string) => {
    const k = key(text).replace(TEMPLATE_NUMBERING, '').replace(TEMPLATE_CODE, '');
    const n = parseDecimal(text);
    return k === '' || texts.includes(k) || (n !== null && numbers.has(n));
  };

  // The record each printed row was read into (its own row, or a row joined to it).
  const recordOf = new Map<string, number>();
  rows.forEach((row, i) => [{ tableIndex: row.tableIndex, sourceRow: row.sourceRow }, ...row.continuedBy].forEach((r) => recordOf.set(`${r.tableIndex}:${r.sourceRow}`, i)));
  const out: Unplaced[] = [];
  const scan = (grid: Grid, from: number, to: number, header: HeaderMap | null, unread: ReadonlySet<number>) => {
    const levels = header ? [header.colOf('level1'), header.colOf('level2')] : [];
    for (let r = from; r < to; r++) {
      const cells = rowCells(grid, r).filter((c) => !c.spannedFromAbove && !PLACEHOLDER.test(key(c.text).replace(TEMPLATE_NUMBERING, '')));
      if (cells.length === 0 || readHeader(grid, r)) continue;
      if (otherRow(cells[0]!.text)) continue;
      // A level label printed over no indicator (the national form lists every level-2): nothing lost.
      if (cells.every((c) => levels.includes(c.col))) continue;
      for (const cell of cells) {
        if (unread.has(cell.col) || isHeld(cell.text) || otherCell(cell.text)) continue;
        out.push({ printed: cell.text, row_index: recordOf.get(`${grid.tableIndex}:${r}`) ?? null, at: placeOf(cell.prov, { table: grid.tableIndex, row: r, column: cell.col }) });
      }
    }
  };
  let unread = new Set<number>();
  for (const part of draft.parts) {
    const section = part.indicators!;
    unread = unreadColumns(part.grid, section.header);
    scan(part.grid, section.header.row + 1, section.endRow, section.header, unread);
  }
  // A stray piece is read with the columns of the report's last table where it prints the same;
  // in other columns, which of its cells are level labels or unread columns is not known, and
  // every text is looked up.
  const last = draft.parts[draft.parts.length - 1]!.indicators!.header;
  for (const stray of draft.strays) scan(stray.grid, stray.from, stray.grid.rows.length, stray.sameColumns ? last : null, stray.sameColumns ? unread : new Set());
  return out;
}

/** Columns whose header cell prints a name jixiao reads into no field (`序号`, a second `指标说明`). */
function unreadColumns(grid: Grid, header: HeaderMap): Set<number> {
  const read = new Set([...header.columns.map((c) => c.col), ...header.groups.flatMap((g) => g.cols)]);
  const named = (grid.rows[header.row] ?? []).flatMap((cell, col) => (cell && key(cell.text) !== '' && !read.has(col) ? [col] : []));
  return new Set(named);
}
