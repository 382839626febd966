import { INDEX_HEADER, indicatorHeaderOf, VALUE_PARTS, wholeHeaderOf, type IndicatorField, type ValuePart } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { readFromInk, rowCells, type Grid, type RowCell } from './grid';

/** Which column holds which field, read from a header row. */
export interface HeaderMap {
  /** The header's last row: a two-row header (`年度指标值（A）` over `符号 | 值 | 单位`) ends a row lower. */
  row: number;
  /** The header's first row. */
  top: number;
  columns: Array<{ col: number; field: IndicatorField }>;
  /** Fields printed over several columns whose texts join into one value, first column first. */
  groups: Array<{ field: IndicatorField; cols: number[] }>;
  /** Columns under a header whose field an earlier column already has (`指标说明` after `指标解释`): not read. */
  skipped: number[];
  has(field: IndicatorField): boolean;
  colOf(field: IndicatorField): number | undefined;
  /** Columns and fields, for telling repeated headers and continued tables apart. */
  signature: string;
  /** Columns whose header cell was read by OCR and names no column the vocabulary knows: a header word the scan may have misread (`得芬`); never `序号`. */
  unnamed: number[];
}

export type HeaderRole = 'indicators' | 'summary';

const key = (text: string) => compact(foldWidth(text));
const matchHeader = indicatorHeaderOf;
const matchPart = (text: string): ValuePart | undefined => VALUE_PARTS.find((p) => p.pattern.test(key(text)))?.part;

/** One printed header cell: its first column, its text, and the text of the cell over it. */
export interface HeaderCell {
  col: number;
  text: string;
  parent: string | null;
  /** Read by OCR (it has a read's confidence): its words may be misread. */
  scanned: boolean;
}

/**
 * The header cells of row `r`, composed with the row below when that row only splits merged
 * cells of row `r` into named parts (`年度指标值（A）/符号`, `预算数（调整后）/中央`). Where a page
 * break cuts the header, the row below is the next one that prints a cell of its own, and it may
 * also print a header cell (`isHeader`) under an empty cell of row `r` (WeasyPrint moves a merged
 * header cell's text past the break, beside the parts) or the rest of the text of the cell above
 * it (`绩效指标` / `（100分）`), joined to it. Returns the rows the header takes.
 */
export function headerCells(
  grid: Grid,
  r: number,
  isChild: (text: string) => boolean,
  isHeader: (text: string) => boolean = () => false,
): { cells: HeaderCell[]; rows: number } {
  const top = rowCells(grid, r).filter((c) => c.text !== '');
  const own = (row: number) => rowCells(grid, row).filter((c) => c.text !== '' && !c.spannedFromAbove);
  let next = r + 1;
  while (next < grid.rows.length && own(next).length === 0) next++;
  const below = next < grid.rows.length ? own(next) : [];
  const spans = (col: number) => {
    const anchor = grid.rows[r]![col];
    return anchor ? grid.rows[r]!.filter((c) => c?.anchorRow === anchor.anchorRow && c.anchorCol === anchor.anchorCol).length : 1;
  };
  const over = (c: RowCell) => grid.rows[r]![c.col];
  const child = (c: RowCell) => {
    const o = over(c);
    return isChild(c.text) && o != null && o.anchorRow === r && spans(o.anchorCol) > 1;
  };
  const pastBreak = (c: RowCell) => (c.prov.page ?? 0) > (over(c)?.prov.page ?? Infinity);
  const cutOff = (c: RowCell) => pastBreak(c) && over(c)?.text === '' && isHeader(c.text);
  const rest = (c: RowCell) => pastBreak(c) && over(c)?.anchorRow === r && over(c)?.text !== '';
  const children = below.filter(child);
  const moved = below.filter(cutOff);
  const composed = below.every((c) => child(c) || cutOff(c) || rest(c)) && (children.length >= 2 || moved.length > 0);
  // A scan that lost the rule between two header cells reads their names as one cell over both
  // columns (`一级指标「二级指标`): each name heads the grid column the rows below print it in.
  // A cell whose text is, whole, one column's name is that one column, over as many grid columns as
  // other rows cut under it (`评分分值` is no `评分` beside `分值`).
  const unjoined = (cell: HeaderCell): HeaderCell[] => {
    const cols = grid.rows[r]!.flatMap((g, col) => (col >= cell.col && g?.anchorRow === r && g.anchorCol === cell.col ? [col] : []));
    const names = cell.scanned && cell.parent === null && cols.length > 1 && !wholeHeaderOf(cell.text) ? joinedNames(key(cell.text), cols.length) : null;
    return names ? names.map((text, i) => ({ ...cell, col: cols[i]!, text })) : [cell];
  };
  if (!composed) return { cells: top.map((c) => ({ col: c.col, text: c.text, parent: null, scanned: readFromInk(c) })).flatMap(unjoined), rows: 1 };
  const cells: HeaderCell[] = moved.map((c) => ({ col: c.col, text: c.text, parent: null, scanned: readFromInk(c) }));
  for (const c of top) {
    const anchor = (b: RowCell) => grid.rows[r]![b.col]?.anchorCol === grid.rows[r]![c.col]?.anchorCol;
    const under = children.filter(anchor);
    const tail = below.filter((b) => anchor(b) && !child(b) && rest(b)).map((b) => b.text).join('');
    if (under.length === 0 || c.spannedFromAbove) cells.push({ col: c.col, text: `${c.text}${tail}`, parent: null, scanned: readFromInk(c) });
    else for (const b of under) cells.push({ col: b.col, text: b.text, parent: c.text, scanned: readFromInk(b) });
  }
  return { cells: cells.flatMap(unjoined).sort((a, b) => a.col - b.col), rows: next - r + 1 };
}

/**
 * A header text that reads as `n` column names one after another (`一级指标「二级指标`: two), each
 * name with what the scan read after it up to the next (a rule read as a mark); null otherwise.
 */
function joinedNames(text: string, n: number): string[] | null {
  if (n === 1) return matchHeader(text) ? [text] : null;
  for (let i = text.length - 1; i > 0; i--) {
    const head = text.slice(0, i);
    const tail = text.slice(i);
    if (!matchHeader(tail) || !matchHeader(head)) continue;
    const before = joinedNames(head, n - 1);
    if (before) return [...before, tail];
  }
  return null;
}

interface Classified {
  col: number;
  field?: IndicatorField | 'points';
  alone?: IndicatorField;
  part?: ValuePart;
}

/** A header cell's field, or the part of a value it prints (`符号`, `度量单位`). */
function classify(cell: HeaderCell): Classified {
  if (cell.parent !== null) {
    const parent = matchHeader(cell.parent);
    return { col: cell.col, field: parent?.field, alone: parent?.alone, part: matchPart(cell.text) };
  }
  const own = matchHeader(cell.text);
  const part = matchPart(cell.text);
  // `指标值` names the target on its own; `符号` and `单位` never name a field.
  if (own) return { col: cell.col, field: own.field, alone: own.alone };
  return { col: cell.col, part };
}

/** True when the cell anchored at `at` covers the grid column just left of `col`. */
function endsBefore(grid: Grid, at: { col: number; row: number }, col: number): boolean {
  const cell = grid.rows[at.row]?.[at.col];
  const left = grid.rows[at.row]?.[col - 1];
  return cell != null && left != null && left.anchorRow === cell.anchorRow && left.anchorCol === cell.anchorCol;
}

/**
 * Reads row `r` as an indicator-table header. `分值` (points) is a level's weight when it follows
 * the level's column (seed 003: 一级指标 | 分值 | 二级指标 | 分值 | …), else the indicator's
 * weight; a second `分值` in a table without a 得分 column is the score (seed 000). Parts of one
 * value (`符号 | 值 | 单位` under `年度指标值（A）`; `指标性质 | 指标值 | 度量单位` in one row) are one
 * column group of the value's field.
 */
export function readHeader(grid: Grid, r: number): { map: HeaderMap; role: HeaderRole } | null {
  const { cells, rows } = headerCells(grid, r, (text) => matchPart(text) !== undefined, (text) => matchHeader(text) !== undefined);
  const raw = cells.map(classify);
  const hasScoreColumn = raw.some((c) => c.field === 'score');
  const hasPoints = raw.some((c) => c.field === 'points');
  const columns: HeaderMap['columns'] = [];
  const groups: HeaderMap['groups'] = [];
  const skipped: number[] = [];
  let previous: IndicatorField | undefined;
  let pendingOp: { col: number; row: number } | undefined;
  raw.forEach((c, i) => {
    const parented = cells[i]!.parent !== null;
    if (c.field === undefined) {
      // A lone part: an operator column joins the value after it, a unit column the one before.
      if (c.part === 'op') pendingOp = { col: c.col, row: parented ? r + 1 : r };
      else if (c.part === 'unit' && (previous === 'target' || previous === 'actual')) groups.find((g) => g.field === previous)?.cols.push(c.col);
      else previous = undefined;
      return;
    }
    let resolved: IndicatorField = c.field === 'points' ? 'weight' : c.field;
    if (c.alone && !hasPoints) resolved = c.alone;
    if (c.field === 'points') {
      if (previous === 'level1') resolved = 'level1_weight';
      else if (previous === 'level2') resolved = 'level2_weight';
      else if (columns.some((x) => x.field === 'weight') && !hasScoreColumn) resolved = 'score';
    }
    const group = groups.find((g) => g.field === resolved);
    // The part before it ends where this one starts, however many grid columns it spans (a scan's
    // grid splits a column where a tilted rule of another row crosses it).
    if (parented && group && endsBefore(grid, { col: group.cols[group.cols.length - 1]!, row: r + 1 }, c.col)) {
      group.cols.push(c.col);
      return;
    }
    if (columns.some((x) => x.field === resolved)) {
      skipped.push(c.col);
      previous = resolved;
      return;
    }
    // Next to it: the operator's cell ends where this one starts, however many grid columns it
    // spans (a PDF's grid splits a column wherever any other row has an edge).
    const cols = pendingOp !== undefined && endsBefore(grid, pendingOp, c.col) ? [pendingOp.col, c.col] : [c.col];
    pendingOp = undefined;
    columns.push({ col: cols[0]!, field: resolved });
    groups.push({ field: resolved, cols });
    previous = resolved;
  });
  const fields = new Set(columns.map((c) => c.field));
  const measures = ['target', 'actual', 'weight', 'score'].filter((f) => fields.has(f as IndicatorField)).length;
  let role: HeaderRole | null = null;
  if ((fields.has('level3') || (fields.has('level1') && fields.has('level2'))) && measures >= 1 && columns.length >= 4) {
    role = 'indicators';
  } else if (fields.has('level1') && !fields.has('level2') && !fields.has('level3') && fields.has('score')) {
    role = 'summary';
  }
  if (role === null) return null;
  // A column the vocabulary names but no indicator field holds (`序号`) is named: only a word it does not know may be a misread.
  const unnamed = raw.filter((c, i) => c.field === undefined && c.part === undefined && cells[i]!.scanned && key(cells[i]!.text) !== '' && !INDEX_HEADER.test(key(cells[i]!.text))).map((c) => c.col);
  const map = headerMap({ row: r + rows - 1, top: r, columns, groups: groups.filter((g) => g.cols.length > 1), skipped, unnamed });
  return { map, role };
}

/** A header map from its columns: what `has`, `colOf` and `signature` read. */
function headerMap(parts: Omit<HeaderMap, 'has' | 'colOf' | 'signature'>): HeaderMap {
  const fields = new Set(parts.columns.map((c) => c.field));
  return {
    ...parts,
    has: (f) => fields.has(f),
    colOf: (f) => parts.columns.find((c) => c.field === f)?.col,
    signature: parts.columns.map((c) => c.field).join('|'),
  };
}

/**
 * Whether `again`, a header read further down the same columns (the table's header printed again
 * on a later page, or over a part of it the page engine did not join), is `header` printed again:
 * each column names the same field in both, or names one in one read only where the other read's
 * cell was scanned and names nothing. A scan misreads a header word on one page and reads it on
 * the next (`得芬` for 得分, `盆值` for 分值); a printed header says the same words every time.
 */
export function sameHeader(header: HeaderMap, again: HeaderMap): boolean {
  if (header.signature === again.signature) return true;
  const fieldAt = (m: HeaderMap, col: number) => m.columns.find((c) => c.col === col)?.field;
  const cols = new Set([...header.columns, ...again.columns].map((c) => c.col));
  const shared = [...cols].filter((col) => fieldAt(header, col) !== undefined && fieldAt(header, col) === fieldAt(again, col));
  // Most of the header is read alike in both: words misread, not another table's header.
  if (shared.length < 4 || shared.length * 2 <= cols.size) return false;
  return [...cols].every((col) => {
    const a = fieldAt(header, col);
    const b = fieldAt(again, col);
    return a === b || (a === undefined && header.unnamed.includes(col)) || (b === undefined && again.unnamed.includes(col));
  });
}

/**
 * `header` with the columns a later printing of it names where this read names nothing (see
 * `sameHeader`): the column the scan misread on the first page is the one the next page names.
 */
export function withRepeatedHeader(header: HeaderMap, again: HeaderMap): HeaderMap {
  const added = again.columns.filter((c) => header.unnamed.includes(c.col) && !header.has(c.field));
  if (added.length === 0) return header;
  const columns = [...header.columns, ...added].sort((a, b) => a.col - b.col);
  const { row, top, groups, skipped } = header;
  return headerMap({ row, top, columns, groups, skipped, unnamed: header.unnamed.filter((col) => !added.some((c) => c.col === col)) });
}
