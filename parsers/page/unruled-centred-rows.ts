import type { TextRun } from '../../schemas/page';
import { footOf } from './text-lines';
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
/** Steps (or blanks) between a column's lines this close (font sizes) are one pitch. */
export const SAME_STEP = 0.05;

/**
 * What marks the rows: the lines (`marks`) on which a column marking rows (`col`, a 分值) prints
 * its one value, each a row's middle; or, where no column prints such a value, the cells of a
 * column every row fills (`col`, the level-3 names), each cell's middle a row's.
 */
export interface Anchor {
  col: number;
  marks?: ReadonlySet<number>;
}

/** Where a chunk's lines stand: its runs' foot. */
const chunkFoot = (p: PlacedChunk) => footOf(p.chunk.runs);

interface Stack {
  col: number;
  chunks: PlacedChunk[];
  y0: number;
  y1: number;
}

/**
 * Each column's lines cut into cells: a cell's lines follow at the line pitch, a row's break adds
 * the cells' padding. The pitch is the smallest step from a column's line to its next that
 * several pairs of lines repeat: every wrapped cell repeats it, and two lines of one cell stand
 * closer than two rows' lines, the padding of both cells between these. (Where most cells are a
 * line or two, a form's values, most steps are rows' breaks, and the middle step is one of them;
 * a step one pair of lines alone makes, in one column or several, is no pitch: a row saved
 * shorter than its text.) Each mark is a cell of its own. Steps are taken from foot to foot
 * (`chunkFoot`): a line's foot stands where its type does, while its top may not (a sheet's row saved
 * shorter than its text cuts its first line's top off; read from a scan, that line is the ink left
 * under the cut, its top a few points low), so a step from its top is no line's.
 */
function stacksOf(lines: Line[], placed: PlacedChunk[], anchor: Anchor): Stack[] {
  const columns = [...new Set(placed.map((p) => p.col))].map((col) => placed.filter((p) => p.col === col).sort((a, b) => a.line - b.line));
  // Each pair of successive lines once, however many columns print on both.
  const pairs = new Map(columns.flatMap((own) => own.slice(1).map((p, k) => [`${own[k]!.line}:${p.line}`, { step: chunkFoot(p) - chunkFoot(own[k]!), size: lines[p.line]!.size }] as const)));
  const steps = [...pairs.values()].filter((s) => s.step >= s.size);
  const repeated = steps.filter((s) => steps.filter((t) => Math.abs(t.step - s.step) <= s.size * SAME_STEP).length >= 2).map((s) => s.step);
  const pitch = repeated.length > 0 ? Math.min(...repeated) : 0;
  const marked = (q: PlacedChunk) => q.col === anchor.col && anchor.marks?.has(q.line) === true;
  const stacks: Stack[] = [];
  for (const own of columns) {
    let stack: Stack | undefined;
    for (const p of own) {
      const line = lines[p.line]!;
      const last = stack?.chunks[stack.chunks.length - 1];
      const step = last ? chunkFoot(p) - chunkFoot(last) : 0;
      if (stack && last && !marked(p) && !marked(last) && step >= line.size && step <= pitch + line.size * ROW_PADDING) {
        stack.chunks.push(p);
        stack.y1 = Math.max(stack.y1, line.y1);
      } else stacks.push((stack = { col: p.col, chunks: [p], y0: line.y0, y1: line.y1 }));
    }
  }
  return stacks;
}

/** The rows' middles: the anchor column's marks, or its cells. */
const rowsOf = (stacks: Stack[], anchor: Anchor) => stacks.filter((s) => s.col === anchor.col && (anchor.marks === undefined || anchor.marks.has(s.chunks[0]!.line)));

const middleOf = (box: { y0: number; y1: number }) => (box.y0 + box.y1) / 2;

/**
 * Whether the table's cells are set to their rows' middle rather than their foot: of the other
 * columns' cells of several lines, more stand centred on a row's middle than end with its anchor.
 */
function setToMiddle(lines: Line[], stacks: Stack[], rows: Stack[], anchor: Anchor): boolean {
  const tall = stacks.filter((s) => s.col !== anchor.col && s.chunks.length > 1);
  const near = (y: number, at: (r: Stack) => number) => rows.some((r) => Math.abs(at(r) - y) <= lines[r.chunks[0]!.line]!.size * MIDDLE);
  const centred = tall.filter((s) => near(middleOf(s), middleOf)).length;
  const footed = tall.filter((s) => near(s.y1, (r) => r.y1)).length;
  return centred > footed;
}

/**
 * The rows of a table whose cells are set to their rows' middle (null for one that is not), one
 * an anchor's: each cell's lines go to the row whose middle is nearest theirs. A row with a cell
 * not centred on its middle is a doubt: its lines may be the rows' beside it.
 */
export function centredRows(lines: Line[], placed: PlacedChunk[], anchor: Anchor): { rows: UnruledRow[]; doubts: RowDoubt[] } | null {
  const stacks = stacksOf(lines, placed, anchor);
  const anchors = rowsOf(stacks, anchor);
  if (!setToMiddle(lines, stacks, anchors, anchor)) return null;
  const rows = anchors.map((a) => ({ y0: a.y0, y1: a.y1, cells: new Map<number, TextRun[]>() }));
  const off = anchors.map(() => new Set<number>());
  for (const stack of stacks) {
    const distances = anchors.map((a) => Math.abs(middleOf(a) - middleOf(stack)));
    const r = distances.indexOf(Math.min(...distances));
    const row = rows[r]!;
    row.y0 = Math.min(row.y0, stack.y0);
    row.y1 = Math.max(row.y1, stack.y1);
    row.cells.set(stack.col, [...(row.cells.get(stack.col) ?? []), ...stack.chunks.flatMap((p) => p.chunk.runs)]);
    if (distances[r]! > lines[stack.chunks[0]!.line]!.size * MIDDLE) off[r]!.add(stack.col);
  }
  const what = anchor.marks === undefined ? 'the middle of its name' : 'the line of its 分值';
  const doubts = off.flatMap((cols, r) =>
    cols.size === 0 ? [] : [{ row: r, doubt: `without rules, this row's cells are not all centred on ${what} (columns ${[...cols].map((c) => c + 1).join(', ')}): its lines may belong to the rows beside it` }],
  );
  return { rows, doubts };
}
