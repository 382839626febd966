import type { TextRun } from '../../schemas/page';
import { compact, foldWidth } from '../../pipeline/text';
import { LABEL_WEIGHT, OPEN_LABEL_WEIGHT, TOTAL_LABEL, WEIGHT_ONLY_LABEL } from '../../pipeline/vocabulary/lexicon';
import { follows, range, type Line, type PlacedChunk, type RowDoubt, type UnruledRow } from './unruled-rows';
import { SAME_STEP } from './unruled-centred-rows';
import { footOf, topOf } from './text-lines';

/** A level label and the rows it stands for (a merged cell whose borders were not printed). */
export interface LabelBlock {
  col: number;
  first: number;
  last: number;
  runs: TextRun[];
}

/** What a page break inside a table without rules leaves undecided. */
export const BREAK_DOUBT = 'without rules, a page break inside the table: whether it cut this row, or the level block it is in, is not printed';

/** A label's edge or centre this close (font sizes) to a row's is set on it. */
const ALIGNED = 0.5;

interface Label {
  y0: number;
  y1: number;
  size: number;
  runs: TextRun[];
  total: boolean;
}

type Blocks = Array<{ first: number; last: number }>;

/**
 * The blocks of rows each label column's labels stand for. A merged cell's text is set to its
 * top, its middle or its bottom, and without rules the block's extent is known only through
 * that: each way of setting is tried on the column's labels, and a way fits when every label
 * lands on a row's top (bottom) or on the middle of a run of rows, the blocks following one
 * another. One answer from the ways that fit is the column's blocks; several different answers,
 * or none, is a doubt on the rows (each label then stands for the row it is printed on). A
 * block of an inner level that crosses one of an outer level is a doubt too, and so are the
 * blocks a page break may cut. `toFoot`: the table's rows touch (a spreadsheet's) and run on to
 * the page's foot, where the last block may be one the break cuts. `centred`: the rows' cells are
 * set to their middle, and so are the labels: a label's lines run on across its rows' bounds.
 */
export function labelBlocks(
  lines: Line[],
  labelled: PlacedChunk[],
  rows: UnruledRow[],
  columns: number[],
  continued: boolean,
  toFoot: boolean,
  centred = false,
): { blocks: LabelBlock[]; doubts: RowDoubt[]; lastBlocks: number[]; closedColumns: number[] } {
  const blocks: LabelBlock[] = [];
  const doubts: RowDoubt[] = [];
  const closedColumns: number[] = [];
  const totals = new Set(labelled.filter((p) => TOTAL_LABEL.test(keyOf(p.chunk.runs))).map((p) => p.line));
  // The total rows closing the table (`总分` printed in a label column): no level's block holds them.
  const isTotal = (r: UnruledRow) => [...totals].some((t) => (lines[t]!.y0 + lines[t]!.y1) / 2 >= r.y0 && (lines[t]!.y0 + lines[t]!.y1) / 2 <= r.y1);
  let closing = rows.length;
  while (closing > 0 && isTotal(rows[closing - 1]!)) closing--;
  for (const col of columns) {
    const labels = labelsOf(lines, labelled.filter((p) => p.col === col), totals, rows, toFoot, centred);
    if (labels.length === 0) continue;
    // A column printing the total's label has a block for it; another's blocks end over the total rows.
    const held = labels.some((l) => l.total) || closing === 0 ? rows : rows.slice(0, closing);
    const [atTop, atFoot] = [top(labels, held), bottom(labels, held, false)];
    const settings = [atTop, middle(labels, held), atFoot].filter((a): a is Blocks => a !== null);
    // A block the page's foot cuts is tried only where no setting fits the column as printed.
    const answers = settings.length === 0 && toFoot ? [bottom(labels, held, true)].filter((a): a is Blocks => a !== null) : settings;
    const distinct = [...new Map(answers.map((a) => [JSON.stringify(a), a])).values()];
    const chosen = distinct.length === 1 ? distinct[0]! : ownRows(labels, rows);
    // Labels set to their blocks' foot as printed (no setting to the top fits, no block cut by the
    // page's foot): the column's last block ends on its label's row, and rows after it are the next block's.
    if (distinct.length === 1 && atTop === null && atFoot !== null && JSON.stringify(chosen) === JSON.stringify(atFoot)) closedColumns.push(col);
    if (distinct.length !== 1) {
      const rowsOf = chosen.flatMap((b) => range(b.first, b.last));
      const why = distinct.length === 0 ? 'no way of setting a merged cell puts them on whole rows' : 'they fit more than one block of rows';
      for (const row of rowsOf.length > 0 ? rowsOf : [null]) doubts.push({ row, doubt: `without rules, the rows each level label of column ${col + 1} stands for cannot be told: ${why}` });
    }
    // Two labels on one row (each for the row it is printed on) are one cell's lines.
    chosen.forEach((b, k) => {
      const same = blocks.find((o) => o.col === col && o.first === b.first && o.last === b.last);
      if (same) same.runs.push(...labels[k]!.runs);
      else blocks.push({ col, ...b, runs: [...labels[k]!.runs] });
    });
  }
  // A block a page break cuts prints its label on one side or the other, or on both, and where in
  // it is not known: the rows of a continued table's first blocks are doubts, and those of the
  // last blocks if the next page goes on with the table (`lastBlocks`, for `appendUnruled`).
  const lastBlocks = new Set<number>();
  for (const col of columns) {
    const own = blocks.filter((b) => b.col === col).sort((a, b) => a.first - b.first);
    if (continued) for (const row of range(0, own[0]?.last ?? rows.length - 1)) doubts.push({ row, doubt: BREAK_DOUBT });
    for (const row of range(own[own.length - 1]?.first ?? 0, rows.length - 1)) lastBlocks.add(row);
  }
  for (const inner of blocks) {
    const crossed = blocks.find((outer) => outer.col < inner.col && outer.first <= inner.last && outer.last >= inner.first && (outer.first > inner.first || outer.last < inner.last));
    if (crossed) for (const row of range(inner.first, inner.last)) doubts.push({ row, doubt: `without rules, the level labels' blocks cross (columns ${crossed.col + 1} and ${inner.col + 1})` });
  }
  return { blocks, doubts, lastBlocks: [...lastBlocks].sort((a, b) => a - b), closedColumns };
}


/** Runs' text as the vocabulary reads it. */
const keyOf = (runs: TextRun[]) => compact(foldWidth(runs.map((r) => r.text).join('')));

/**
 * A label column's labels: its lines, those that follow one another one cell's; but on a total
 * row's line (`totals`: a label column prints `合计` there) each column's text is that row's own,
 * and a label that has printed its weight (`效益指标` / `（30分）`) has ended: a weight comes last.
 * Set to the middle (`centred`), a label's lines cross its rows' bounds: no two labels touch there;
 * nor where a label's weight is cut after its number (`产出指标 (50` on a row's last line, `分)` on
 * the next row's first): the bracket left open goes on; nor where a weight stands alone on a row's
 * line under a name on the row above's (`产出指标` / `(50分)`): a weight names no level. Where the rows stand apart by their cells'
 * padding (`paddedRows`: a browser's print), the blank over a line decides alone: a label's lines
 * follow at their pitch across a row's bound (`完` `成` beside one row, `指` `标` beside the next, set
 * to the block's top), and two labels stand a padding apart though no row's bound is there (one
 * ending on its block's last line, the next starting over its row's text).
 */
function labelsOf(lines: Line[], chunks: PlacedChunk[], totals: ReadonlySet<number>, rows: UnruledRow[], toFoot: boolean, centred: boolean): Label[] {
  const labels: Label[] = [];
  // A row's last line and the next row's first: where two blocks' labels, each set to its row's
  // foot or top, touch. The column's last label, where the table runs on to the page's foot, may
  // also start in the blank over the next row: a browser sets the text of a block the page's
  // foot cuts to the block's top, over its rows' text (set to their foot).
  const sorted = [...chunks].sort((a, b) => a.line - b.line);
  const lastLine = sorted[sorted.length - 1]?.line;
  const across = (above: Label, line: Line, cut: boolean) =>
    rows.some((r, k) => {
      if (Math.abs(r.y1 - above.y1) > above.size * ALIGNED || k + 1 >= rows.length) return false;
      const next = rows[k + 1]!.y0;
      return Math.abs(next - line.y0) <= line.size * ALIGNED || (cut && line.y0 >= r.y1 && line.y0 < next);
    });
  const padded = paddedRows(sorted, rows);
  for (const p of sorted) {
    const line = lines[p.line]!;
    const last = labels[labels.length - 1];
    const total = totals.has(p.line);
    const weighed = last !== undefined && LABEL_WEIGHT.test(keyOf(last.runs));
    const open = last !== undefined && OPEN_LABEL_WEIGHT.test(keyOf(last.runs));
    // A weight alone (`（50分）`) names no level: it is the last line of the label above, which the
    // bounds of the rows it is set across (a label at its block's foot or middle) cut from its name.
    const tail = WEIGHT_ONLY_LABEL.test(keyOf(p.chunk.runs));
    // Where rows stand apart by their cells' padding, the blank over the line says whether it is the
    // label's next line or another cell's, wherever the rows' bounds fall.
    const step = last && padded ? stepOf(last.runs, p.chunk.runs, padded) : null;
    if (last && follows(last, line) && !total && !last.total && !weighed && (tail || (step === null ? centred || open || !across(last, line, toFoot && p.line === lastLine) : step === 'cell'))) {
      last.y1 = Math.max(last.y1, line.y1);
      last.runs.push(...p.chunk.runs);
    } else labels.push({ y0: line.y0, y1: line.y1, size: line.size, runs: [...p.chunk.runs], total });
  }
  return labels;
}

/** Set to the top: each label on a row's top line, its block down to the next label. */
function top(labels: Label[], rows: UnruledRow[]): Blocks | null {
  const homes = labels.map((l) => rows.findIndex((r) => Math.abs(r.y0 - l.y0) <= l.size * ALIGNED));
  if (homes.some((h, k) => h < 0 || (k > 0 && h <= homes[k - 1]!))) return null;
  return homes.map((h, k) => ({ first: h, last: (homes[k + 1] ?? rows.length) - 1 }));
}

/**
 * Set to the bottom: each label on a row's bottom line, its block up to the label before. With
 * `cut` (the table runs on to the page's foot) the last label may stand at the top of the rows
 * after the one before's instead: a browser sets the text of a cell the page break cuts to the
 * cell's top (the block then runs on to the table's last row, and past the break).
 */
function bottom(labels: Label[], rows: UnruledRow[], cut: boolean): Blocks | null {
  const homes = labels.map((l) => rows.findIndex((r) => Math.abs(r.y1 - l.y1) <= l.size * ALIGNED));
  const last = labels.length - 1;
  const after = last > 0 ? homes[last - 1]! + 1 : 0;
  if (cut && homes[last]! < 0 && after < rows.length && (under(labels[last]!, rows) || (after > 0 && atTopOf(labels[last]!, rows, after)))) homes[last] = rows.length - 1;
  if (homes.some((h, k) => h < 0 || (k > 0 && h <= homes[k - 1]!))) return null;
  return homes.map((h, k) => ({ first: k === 0 ? 0 : homes[k - 1]! + 1, last: h }));
}

/** A label under the last row (at the page's foot): set to the foot of the block's part the break left on the page. */
const under = (label: Label, rows: UnruledRow[]) => label.y0 >= rows[rows.length - 1]!.y1;

/** A label that starts on row `k`'s first line or in the blank over it, under the row before: set to the top of the row's box. */
const atTopOf = (label: Label, rows: UnruledRow[], k: number) => label.y0 >= rows[k - 1]!.y1 && label.y0 <= rows[k]!.y0 + label.size * ALIGNED;

/** Set in the middle: blocks from the first row on, each as long as puts its label in its middle, the last ending with the rows. */
function middle(labels: Label[], rows: UnruledRow[]): Blocks | null {
  const blocks: Blocks = [];
  let first = 0;
  for (const label of labels) {
    const centre = (label.y0 + label.y1) / 2;
    let last = -1;
    for (let e = first; e < rows.length; e++) if (Math.abs((rows[first]!.y0 + rows[e]!.y1) / 2 - centre) <= label.size * ALIGNED) last = e;
    if (last < 0) return null;
    blocks.push({ first, last });
    first = last + 1;
  }
  return first === rows.length ? blocks : null;
}

/** Each label for the row its middle is printed on (the nearest row when it stands between two). */
function ownRows(labels: Label[], rows: UnruledRow[]): Blocks {
  return labels.map((l) => {
    const centre = (l.y0 + l.y1) / 2;
    const distance = (r: UnruledRow) => (centre < r.y0 ? r.y0 - centre : centre > r.y1 ? centre - r.y1 : 0);
    const row = rows.reduce((best, r, k) => (distance(r) < distance(rows[best]!) ? k : best), 0);
    return { first: row, last: row };
  });
}

/** The blank a table's cell leaves between its lines, and the narrowest its rows leave between them. */
interface Padding {
  within: number;
  between: number;
}

/**
 * Where a table's rows stand apart by their cells' padding (a browser's table): the blank a cell's
 * lines leave between them (`within`, the narrowest that several pairs of a label column's
 * successive lines repeat) and the narrowest between two rows' text (`between`, the padding of
 * both cells added; each row's bounds from its cells' own text, not from the page's lines, which
 * hold the labels beside them), when that is wider. Null for rows that touch (a sheet's rows as
 * saved by Calc), where a label's lines and two labels' stand alike.
 */
function paddedRows(sorted: PlacedChunk[], rows: UnruledRow[]): Padding | null {
  const gaps = sorted.slice(1).map((p, k) => ({ gap: topOf(p.chunk.runs) - footOf(sorted[k]!.chunk.runs), size: p.chunk.runs[0]!.size }));
  const repeated = gaps.filter((g) => g.gap >= 0 && gaps.filter((h) => Math.abs(h.gap - g.gap) <= g.size * SAME_STEP).length >= 2);
  const texts = rows.map((r) => [...r.cells.values()].flat()).filter((runs) => runs.length > 0);
  if (repeated.length === 0 || texts.length < 2) return null;
  const within = Math.min(...repeated.map((g) => g.gap));
  const between = Math.min(...texts.slice(1).map((runs, k) => topOf(runs) - footOf(texts[k]!)));
  return between - within > Math.min(...repeated.map((g) => g.size)) * SAME_STEP ? { within, between } : null;
}

/** Whether a label's next lines (`runs`) stand under its last at the blank of a cell's lines (`cell`) or of the rows' padding (`rows`). */
const stepOf = (label: TextRun[], runs: TextRun[], padding: Padding): 'cell' | 'rows' =>
  topOf(runs) - footOf(label) <= (padding.within + padding.between) / 2 ? 'cell' : 'rows';
