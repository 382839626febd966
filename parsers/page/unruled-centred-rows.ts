import type { TextRun } from '../../schemas/page';
import type { Line, PlacedChunk, RowDoubt, UnruledRow } from './unruled-rows';

/**
 * Rows of a table without rules whose cells are set to their row's middle (a browser's default
 * for a table cell: WeasyPrint's and Chromium's prints of Calc's HTML export). Each line of the
 * column marking rows (a 分值) is a row's middle; every other cell's lines, stacked in their
 * column, stand around the middle of the row they are in. Two columns' lines may then stand half a
 * line off each other, and one line of the page hold the end of one row in a column and the start
 * of the next in another: a row is made of its cells' chunks, not of the page's lines.
 */

/** A cell's text stands this close (font sizes) to its row's middle when set to it. */
const MIDDLE = 0.5;
/**
 * Between two rows, a column's lines stand at least this much (font sizes) further apart than
 * its lines within a cell: the cells' padding, above and below.
 */
const ROW_PADDING = 0.2;

interface Stack {
  col: number;
  chunks: PlacedChunk[];
  y0: number;
  y1: number;
}

/**
 * Each column's lines cut into cells: a cell's lines follow at the line pitch, a row's break adds
 * the cells' padding. The pitch is the median step from a column's line to its next: most steps
 * are within a cell (the longest cells' lines are most of a table's). Each
 * mark (`marks`: the lines the mark column `mark` prints one on) is a cell of its own.
 */
function stacksOf(lines: Line[], placed: PlacedChunk[], mark: number, marks: ReadonlySet<number>): Stack[] {
  const columns = [...new Set(placed.map((p) => p.col))].map((col) => placed.filter((p) => p.col === col).sort((a, b) => a.line - b.line));
  const steps = columns.flatMap((own) => own.slice(1).map((p, k) => lines[p.line]!.y0 - lines[own[k]!.line]!.y0));
  const pitch = median(steps);
  const stacks: Stack[] = [];
  for (const own of columns) {
    let stack: Stack | undefined;
    for (const p of own) {
      const line = lines[p.line]!;
      const marked = (q: PlacedChunk) => q.col === mark && marks.has(q.line);
      const last = stack?.chunks[stack.chunks.length - 1];
      if (stack && last && !marked(p) && !marked(last) && line.y0 - lines[last.line]!.y0 <= pitch + line.size * ROW_PADDING) {
        stack.chunks.push(p);
        stack.y1 = Math.max(stack.y1, line.y1);
      } else stacks.push((stack = { col: p.col, chunks: [p], y0: line.y0, y1: line.y1 }));
    }
  }
  return stacks;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const middleOf = (box: { y0: number; y1: number }) => (box.y0 + box.y1) / 2;

/**
 * Whether the table's cells are set to their rows' middle rather than their foot: of the cells of
 * several lines, more stand centred on a mark line (a 分值) than end on one.
 */
export function setToMiddle(lines: Line[], placed: PlacedChunk[], mark: number, marks: number[]): boolean {
  const tall = stacksOf(lines, placed, mark, new Set(marks)).filter((s) => s.chunks.length > 1);
  const near = (y: number, at: (l: Line) => number) => marks.some((m) => Math.abs(at(lines[m]!) - y) <= lines[m]!.size * MIDDLE);
  const centred = tall.filter((s) => near(middleOf(s), middleOf)).length;
  const footed = tall.filter((s) => near(s.y1, (l) => l.y1)).length;
  return centred > footed;
}

/**
 * The rows, one a mark line: each cell's lines go to the row whose middle is nearest theirs. A
 * row with a cell not centred on its mark is a doubt: its lines may be the rows' beside it.
 */
export function centredRows(lines: Line[], placed: PlacedChunk[], mark: number, marks: number[]): { rows: UnruledRow[]; doubts: RowDoubt[] } {
  const rows = marks.map((m) => ({ y0: lines[m]!.y0, y1: lines[m]!.y1, cells: new Map<number, TextRun[]>() }));
  const off = marks.map(() => new Set<number>());
  for (const stack of stacksOf(lines, placed, mark, new Set(marks))) {
    const distances = marks.map((m) => Math.abs(middleOf(lines[m]!) - middleOf(stack)));
    const r = distances.indexOf(Math.min(...distances));
    const row = rows[r]!;
    row.y0 = Math.min(row.y0, stack.y0);
    row.y1 = Math.max(row.y1, stack.y1);
    row.cells.set(stack.col, [...(row.cells.get(stack.col) ?? []), ...stack.chunks.flatMap((p) => p.chunk.runs)]);
    if (distances[r]! > lines[marks[r]!]!.size * MIDDLE) off[r]!.add(stack.col);
  }
  const doubts = off.flatMap((cols, r) =>
    cols.size === 0 ? [] : [{ row: r, doubt: `without rules, this row's cells are not all centred on the line of its 分值 (columns ${[...cols].map((c) => c + 1).join(', ')}): its lines may belong to the rows beside it` }],
  );
  return { rows, doubts };
}
