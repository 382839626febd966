import type { TextRun } from '../../schemas/page';
import { compact } from '../../pipeline/text';
import { NONE_WORD } from '../../pipeline/vocabulary/lexicon';
import type { Chunk } from './aligned-tables';
import { centredRows } from './unruled-centred-rows';
import { setRows } from './unruled-set-rows';

/** A text line of the page: its chunks (cells' pieces), left to right. */
export interface Line {
  y0: number;
  y1: number;
  size: number;
  chunks: Chunk[];
}

/** A chunk of a body line, in the column its centre falls in. */
export interface PlacedChunk {
  line: number;
  chunk: Chunk;
  col: number;
}

export interface UnruledRow {
  y0: number;
  y1: number;
  /** Each column's runs on the row. */
  cells: Map<number, TextRun[]>;
}

/** What the rows' read could not decide, on a row (`null`: the whole table). */
export interface RowDoubt {
  row: number | null;
  doubt: string;
}

/**
 * Runs of one line group whose middles stand this far apart (font sizes) are on two lines when
 * they overprint each other; closer, they are one line set in fonts of different heights.
 */
const OTHER_LINE = 0.1;
/** Runs overlapping across this much of a font size print over each other. */
const OVERPRINT = 0.5;

const middleOf = (run: TextRun) => (run.y0 + run.y1) / 2;
const overprints = (a: TextRun, b: TextRun) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > Math.min(a.size, b.size) * OVERPRINT;

/**
 * A line group's runs as the text lines they are: runs set a little lower than others and over
 * them are the next line. A spreadsheet's rows touch, and the first line of a cell's text under
 * another cell's last can stand less than half a line lower (Calc's rows as tall as they were
 * saved, not as their text): the two are one line group, but one run cannot sit over another on
 * the same line.
 */
export function splitOverprinted(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => middleOf(a) - middleOf(b));
  const lines: TextRun[][] = [];
  let start = 0;
  for (let i = 1; i < sorted.length; i++) {
    const run = sorted[i]!;
    if (middleOf(run) - middleOf(sorted[i - 1]!) <= run.size * OTHER_LINE) continue;
    const above = sorted.slice(start, i);
    if (!sorted.slice(i).some((b) => above.some((a) => overprints(a, b)))) continue;
    lines.push(above);
    start = i;
  }
  lines.push(sorted.slice(start));
  return lines;
}

/** Lines this close (font sizes of blank between them) are one cell's lines (a header word's, a label's). */
const LINE_GAP = 0.8;
/** `line` stands close enough under `above` to be the same cell's next line. */
export const follows = (above: { y1: number }, line: { y0: number; size: number }) => line.y0 - above.y1 <= line.size * LINE_GAP;
/** The whole numbers from `a` to `b`, both included. */
export const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);
/** What a column that marks rows prints on each: a number, or a placeholder or word for none (`-`, `无`: `NONE_WORD`). */
const MARK = /^([<>≤≥=]?-?\d+(\.\d+)?%?|[-—–/／*＊]+)$/;
const marks = (text: string) => MARK.test(text) || NONE_WORD.test(text);
/** How the page before ended on a row the break cut: under its first line (`top`: its mark there, its cells set to its top), or before its mark (`mark`). */
export type RowCut = 'top' | 'mark' | null;
/** The body lines on which column `col` prints what a row-marking column prints. */
export const markLines = (placed: PlacedChunk[], col: number) =>
  new Set(placed.filter((p) => p.col === col && marks(compact(p.chunk.runs.map((r) => r.text).join('')))).map((p) => p.line));
/** What a row cut by the page's foot leaves undecided. */
const CUT_ROW = "without rules, the page's foot cuts this row's text under its 分值: whether that text is this row's or the next row's is not printed";
/** What a row cut before its mark leaves undecided. */
const CUT_BEFORE_MARK = "without rules, the page's foot cuts this row before its 分值: that the next page's first row is the rest of it is not printed";
/** A cell's last line this close (font sizes) to the row's mark line ends on it. */
const SAME_LINE = 0.5;

/**
 * Rows of a table printed without rules, from its body chunks outside the label columns. Where
 * rows stand apart (blank between them wider than between a cell's lines: a word processor's
 * padding) each stretch of lines is a row, and a column marking rows (`mark`, a 分值 column)
 * prints at most one line on each. Where they touch (a spreadsheet's rows as tall as their text)
 * each line of the mark column ends a row, the lines since the last one its lines, and every
 * other cell of the row must end on that line (cells set to the bottom, as Calc sets them by
 * default); a row whose cells do not is a doubt. `toFoot`: the table runs on to the page's foot,
 * where text under the last mark is a row the break cut (`cutAtTop`: a row cut under its first
 * line, its cells set to its top). `restAbove`: the page before ended on such a row, whose rest
 * this page's top may print (`restOfAbove`: the first row is that rest; `mark`: the page before
 * ended on the top of a row whose mark prints here, `beforeMark` for a page that does, which under
 * a header (`underHeader`) may print no mark at all). `touching`: the rows were
 * told by the mark column; `centred`: its cells are set to their rows' middle
 * (`unruled-centred-rows.ts`), which a table with no mark column is tried for around its level-3
 * names (`named`). Null when no reading holds.
 */
export function splitRows(
  lines: Line[],
  placed: PlacedChunk[],
  mark: number | undefined,
  toFoot: boolean,
  restAbove: RowCut = null,
  named?: number,
  underHeader = false,
  edges?: number[],
): { rows: UnruledRow[]; doubts: RowDoubt[]; cutAtTop?: boolean; beforeMark?: boolean; restOfAbove?: boolean; touching?: boolean; centred?: boolean } | null {
  const order = [...new Set(placed.map((p) => p.line))].sort((a, b) => a - b);
  if (order.length === 0) return null;
  // Without a mark, a table whose cells are set to their rows' foot or top is read around its names
  // (`unruled-set-rows.ts`: rows standing apart are cut there too); one whose cells are not (set to
  // their middle: a short cell beside a tall one is neither) as below.
  const set = mark === undefined && named !== undefined && edges !== undefined ? setRows(lines, placed, named, edges, toFoot, restAbove) : null;
  if (set) return set;
  const apart = rowsApart(lines, placed, order);
  if (standApart(lines, apart) && apart.every((row) => fitsOneRow(lines, placed, row, mark))) return { rows: apart.map((row) => toRow(lines, placed, row)), doubts: [] };
  const marked = mark === undefined ? new Set<number>() : markLines(placed, mark);
  const marks = order.filter((i) => marked.has(i));
  // Without a mark, a table whose cells are set to their rows' middle is read around its names (`named`).
  const anchor = marks.length > 0 ? { col: mark!, marks: marked } : named !== undefined ? { col: named } : null;
  const centred = anchor ? centredRows(lines, placed, anchor) : null;
  if (centred) return { ...centred, touching: true, centred: true };
  if (mark === undefined) return null;
  if (marks.length === 0) {
    // Lines under the header to the page's foot, no mark among them: the top of a row whose 分值
    // (set to its foot) prints on the next page, where the rest of its text goes on.
    if (!underHeader || !toFoot || !contiguous(lines, order)) return null;
    return { rows: [toRow(lines, placed, order)], doubts: [{ row: 0, doubt: CUT_BEFORE_MARK }], beforeMark: true, touching: true };
  }
  const rows: number[][] = marks.map((m, k) => order.filter((i) => i <= m && (k === 0 || i > marks[k - 1]!)));
  const doubts: RowDoubt[] = [];
  // A row cut under its first line: its rest ends inside this page's first row, which is parted there.
  const rest = restAbove === 'top' ? restEnd(lines, placed, rows[0]!) : null;
  if (rest !== null) rows.splice(0, 1, rows[0]!.filter((i) => i <= rest), rows[0]!.filter((i) => i > rest));
  // A row cut before its mark: this page's first row, up to its mark, is all its rest.
  const restOfAbove = rest !== null || restAbove === 'mark';
  let cutAtTop = false;
  const after = order.filter((i) => i > marks[marks.length - 1]!);
  if (toFoot && after.length > 0 && contiguous(lines, [marks[marks.length - 1]!, ...after])) {
    // Text under the last mark running on to the page's foot: a row the page break cut. A browser
    // sets a cut row's cells to its top (its mark on its first line, the row that line alone),
    // else it is the start of a row whose mark is on the next page. Which, the print does not say.
    const last = rows[rows.length - 1]!;
    cutAtTop = last.length === 1;
    if (cutAtTop) last.push(...after);
    else rows.push(after);
    doubts.push({ row: rows.length - 1, doubt: CUT_ROW });
  } else if (after.length > 0 && follows(lines[marks[marks.length - 1]!]!, lines[after[0]!]!)) {
    // Lines under the last mark are no row (a page's foot); text in them close under the table may be a row without one.
    doubts.push({ row: rows.length - 1, doubt: 'without rules, text under the last row that prints no 分值 was left out of the table: it may be a row' });
  }
  rows.forEach((row, r) => {
    const end = lines[row[row.length - 1]!]!;
    const cols = [...new Set(placed.filter((p) => row.includes(p.line)).map((p) => p.col))];
    const ragged = cols.filter((col) => {
      const own = row.filter((i) => placed.some((p) => p.line === i && p.col === col));
      const last = lines[own[own.length - 1]!]!;
      return Math.abs(last.y1 - end.y1) > end.size * SAME_LINE || !contiguous(lines, own);
    });
    if (ragged.length > 0) doubts.push({ row: r, doubt: `without rules, this row's cells do not all end on the line of its 分值 (columns ${ragged.map((c) => c + 1).join(', ')}): its lines may belong to the rows beside it` });
  });
  return { rows: rows.map((row) => toRow(lines, placed, row)), doubts, cutAtTop, restOfAbove, touching: true };
}

/**
 * Where the rest of a row the page before cut at its top ends in this page's first row: a browser
 * prints that rest at the page's top and the first row's own cells, set to their bottom, under
 * it, so a column whose lines break off (a line's blank) and go on holds the two rows' text. The
 * rest ends on the first line such a break ends; null when no column breaks (the print does not
 * say where the rest ends).
 */
function restEnd(lines: Line[], placed: PlacedChunk[], first: number[]): number | null {
  const ends = [...new Set(placed.map((p) => p.col))].flatMap((col) => {
    const own = first.filter((i) => placed.some((p) => p.line === i && p.col === col));
    const k = own.findIndex((i, n) => n + 1 < own.length && !follows(lines[i]!, lines[own[n + 1]!]!));
    return k < 0 ? [] : [own[k]!];
  });
  return ends.length === 0 ? null : Math.min(...ends);
}

/** Stretches of lines with more blank between them than between a cell's lines. */
function rowsApart(lines: Line[], placed: PlacedChunk[], order: number[]): number[][] {
  const rows: number[][] = [];
  for (const i of order) {
    const row = rows[rows.length - 1];
    const above = row ? lines[row[row.length - 1]!]! : null;
    if (row && above && follows(above, lines[i]!)) row.push(i);
    else rows.push([i]);
  }
  return rows;
}

/**
 * Rows stand apart when the narrowest blank between two is twice the widest between two lines of
 * one: text of touching rows (a spreadsheet's) leaves blanks of both kinds alike.
 */
function standApart(lines: Line[], rows: number[][]): boolean {
  const between = rows.slice(1).map((row, k) => lines[row[0]!]!.y0 - lines[rows[k]![rows[k]!.length - 1]!]!.y1);
  const within = rows.flatMap((row) => row.slice(1).map((i, k) => lines[i]!.y0 - lines[row[k]!]!.y1));
  return between.length > 0 && Math.min(...between) >= 2 * Math.max(0, ...within);
}

/** A row whose every column's lines follow one another, and whose mark column prints one line at most. */
function fitsOneRow(lines: Line[], placed: PlacedChunk[], row: number[], mark: number | undefined): boolean {
  const cols = new Set(placed.filter((p) => row.includes(p.line)).map((p) => p.col));
  for (const col of cols) {
    const own = row.filter((i) => placed.some((p) => p.line === i && p.col === col));
    if (col === mark ? own.length > 1 : !contiguous(lines, own)) return false;
  }
  return true;
}

/** Lines of one cell: each within a cell's line gap of the one above. */
export const contiguous = (lines: Line[], own: number[]) => own.every((i, k) => k === 0 || follows(lines[own[k - 1]!]!, lines[i]!));

export function toRow(lines: Line[], placed: PlacedChunk[], row: number[]): UnruledRow {
  const cells = new Map<number, TextRun[]>();
  for (const p of placed) if (row.includes(p.line)) cells.set(p.col, [...(cells.get(p.col) ?? []), ...p.chunk.runs]);
  return { y0: Math.min(...row.map((i) => lines[i]!.y0)), y1: Math.max(...row.map((i) => lines[i]!.y1)), cells };
}
