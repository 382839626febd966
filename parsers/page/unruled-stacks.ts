import type { TextRun } from '../../schemas/page';
import { chunksOf, lineGroups, type Chunk } from './aligned-tables';
import { follows, splitOverprinted, type Line } from './unruled-rows';

/**
 * Cells of text printed without rules, found from where their lines stand: the page's lines cut
 * into chunks where a cell's blank parts them, and chunks that start at one column start on the
 * lines under each other stacked into candidate cells. The readers of forms printed without rules
 * (`unruled-forms.ts`: the indicator header; `unruled-head-rows.ts`: a form head's key rows and budget header) find
 * their header words in the stacks.
 */

/** Column starts closer than this (points) are one. */
export const SAME_START = 3;
/** A header cell's words may wrap over this many lines. */
export const HEADER_LINES = 6;
/**
 * Runs this close (font sizes) are one cell's text: a spreadsheet's cells stand a third of a
 * font size apart when their text fills them, a space inside a cell is a fifth.
 */
export const CELL_GAP = 0.25;

/** The page's text lines, each cut into chunks at the blanks that part cells. */
export const pageLines = (runs: TextRun[]): Line[] =>
  lineGroups(runs)
    .flatMap(splitOverprinted)
    .map((l) => ({
      y0: Math.min(...l.map((r) => r.y0)),
      y1: Math.max(...l.map((r) => r.y1)),
      size: Math.max(...l.map((r) => r.size)),
      chunks: chunksOf(l, CELL_GAP),
    }));

/** Where the page's lines start their chunks: the cells' starts, as each line prints them. */
export const cellStarts = (lines: Line[]): number[] => lines.flatMap((l) => l.chunks.map((c) => c.x0));

export interface Stack {
  x0: number;
  items: Array<{ line: number; chunk: Chunk }>;
}

/**
 * Chunks standing at one column start on consecutive lines of their column, each stack a candidate
 * cell. A column's next line is the next that prints in it close enough under its last: cells set
 * to their middle in a row of several lines (WeasyPrint's, Calc's HTML) print their lines half a
 * line off their neighbours', so a line of the page between two of one cell's lines may print
 * nothing in that column.
 */
export function stacksOf(lines: Line[]): Stack[] {
  const stacks: Stack[] = [];
  lines.forEach((line, i) => {
    const here: Stack[] = [];
    for (const chunk of line.chunks) {
      const open = stacks.find((s) => {
        const last = s.items[s.items.length - 1]!.line;
        return last < i && Math.abs(s.x0 - chunk.x0) <= SAME_START && !here.includes(s) && follows(lines[last]!, line) && !printsBetween(lines, last, i, s.x0);
      });
      if (open) open.items.push({ line: i, chunk });
      const stack = open ?? { x0: chunk.x0, items: [{ line: i, chunk }] };
      if (!open) stacks.push(stack);
      here.push(stack);
    }
  });
  return stacks;
}

/** A line between `a` and `b` prints a chunk over column start `x0`: the column's lines do not follow on. */
const printsBetween = (lines: Line[], a: number, b: number, x0: number) =>
  lines.slice(a + 1, b).some((l) => l.chunks.some((c) => c.x0 <= x0 + SAME_START && c.x1 >= x0 - SAME_START));

export interface StackWord<F> {
  field: F;
  x0: number;
  top: number;
  bottom: number;
  /** The stack the word was read from: its cell's lines, and whatever follows them in its column. */
  stack: Stack;
}

/** Each stack's header words: the fewest lines from a start that `fieldOf` (the vocabulary) reads as a header. */
export function headerWords<F>(stacks: Stack[], fieldOf: (text: string) => F | undefined): Array<StackWord<F>> {
  const words: Array<StackWord<F>> = [];
  for (const stack of stacks) {
    for (let s = 0; s < stack.items.length; s++) {
      for (let e = s; e < Math.min(stack.items.length, s + HEADER_LINES); e++) {
        const field = fieldOf(stack.items.slice(s, e + 1).map((i) => i.chunk.runs.map((r) => r.text).join('')).join(''));
        if (field === undefined) continue;
        words.push({ field, x0: stack.x0, top: stack.items[s]!.line, bottom: stack.items[e]!.line, stack });
        s = e;
        break;
      }
    }
  }
  return words.sort((a, b) => a.top - b.top);
}
