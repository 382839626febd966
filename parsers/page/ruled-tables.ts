import type { Cell } from '../../schemas/document';
import type { Segment, TextRun } from '../../schemas/page';
import { collapsedSpacing } from './separate-borders';
import { edgesFromSideRules, insideFrame } from './side-rules';
import { buildLines, CJK, linesEndFull, textOfLines, type TextLine } from './text-lines';
import { median } from './median';

/**
 * A cell at its grid position. `cut`: its text runs into its bottom edge (it goes on below).
 * `openBottom`: a cell of the table's last row with no rule along its bottom edge while the
 * table has a bottom rule elsewhere: a page break cut it, it goes on at the top of the next
 * page (unset where the rules cannot say, as in tables found by alignment). `endsFull`: its
 * last line fills the cell, so its text may go on (unset where the cell's box cannot say).
 * `settled`: its text ends with room under it for another line, or sits centred with room above
 * and below: the producer set all of it here, none of it goes on on the next page.
 */
export interface PlacedCell {
  cell: Cell;
  row: number;
  col: number;
  cut: boolean;
  openBottom?: boolean;
  /** A cell of the table's first row with no rule along its top edge (set on the first row only). */
  openTop?: boolean;
  endsFull?: boolean;
  settled?: boolean;
}

/** A table rebuilt from ruling lines, with the column edges it was cut on. */
export interface RuledTable {
  cells: PlacedCell[];
  rowCount: number;
  /** Column edges, left to right (for stitching pages). */
  columns: number[];
  /**
   * A rule along the table's top edge. A browser draws a border between two rows once, on the
   * page the upper row is on: a table continued from the page before starts with no rule.
   */
  topRuled: boolean;
  /**
   * Whether any rule runs along the table's bottom edge (unset where the rules cannot say, as in
   * tables found by alignment). A page break through a row leaves no rule on either side of it.
   */
  bottomRuled?: boolean;
  /** Found without rules, from a header's words and the text's places (`unruled-forms.ts`). */
  unruled?: boolean;
  /** Found without rules: the rows of its last level blocks, which the next page may go on with. */
  openRows?: number[];
  /** Found without rules: the columns of level labels merged down their blocks (`unruled-labels.ts`). */
  labelColumns?: number[];
  /**
   * Found without rules: the label columns whose last block ended on its label, set to the block's
   * foot (`unruled-labels.ts`): rows after it, on the pages that follow, are the next label's.
   */
  closedLabels?: number[];
  /** Found without rules: its first row is the rest of the row the page before cut (`appendUnruled` joins the two). */
  restOfAbove?: boolean;
  /**
   * Found without rules under its header printed again (a sheet repeating its header rows in its
   * data): no row of the table above goes on into it, and rows that print no level label are in
   * the block above the header (the sheet's merged label cells end at that header).
   */
  underHeaderAgain?: boolean;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Lines closer than this (points) are one line; ends closer than this touch. */
const SNAP = 2;
/** Share of a cell edge a rule must cover for the edge to count as a border. */
const BORDER_COVER = 0.6;
/** A last text line closer than this (in font sizes) to the cell's bottom edge, and full, was cut there. */
const CUT_GAP = 0.8;
/** Line pitch (in font sizes) where no cell of the table prints two lines. */
const DEFAULT_PITCH = 1.45;
/** How far (in font sizes) a centred text's room above may differ from its room below. */
const CENTRED_SLACK = 0.4;

/**
 * Whether a cell's text is all there: one line that ends short with room under it for one more
 * line besides the padding over it (a producer that cuts a row fills the page's part of it; a
 * full line may go on, as the label of a merged block Writer carries over: `数量指` / `标`; a
 * paragraph of several lines may leave a line's room under it when Writer keeps its last lines
 * together on the next page), or it is centred with more than a cut line's gap above and below
 * (a producer centres a text in its whole row, not in the part of a row a page holds).
 */
function settled(text: { lines: TextLine[]; top: number; bottom: number; size: number; endsFull: boolean }, rect: { y0: number; y1: number }, pitch: number): boolean {
  const above = text.top - rect.y0;
  const below = rect.y1 - text.bottom;
  const centred = above >= text.size * CUT_GAP && below >= text.size * CUT_GAP && Math.abs(above - below) <= text.size * CENTRED_SLACK;
  return (text.lines.length === 1 && !text.endsFull && below - above >= pitch) || centred;
}

/** The distance between the lines of the table's wrapped texts (median), or a common one. */
function linePitch(cellLines: TextLine[][], size: number): number {
  return median(cellLines.flatMap((lines) => lines.slice(1).map((line, i) => line.y0 - lines[i]!.y0))) ?? size * DEFAULT_PITCH;
}

const isHorizontal = (s: Segment) => s.y0 === s.y1;


/** Joins collinear pieces of one rule (Word draws a border cell by cell). */
function mergeCollinear(segments: Segment[], horizontal: boolean): Segment[] {
  const key = (s: Segment) => (horizontal ? s.y0 : s.x0);
  const start = (s: Segment) => (horizontal ? s.x0 : s.y0);
  const end = (s: Segment) => (horizontal ? s.x1 : s.y1);
  // Rules on one line first (positions within SNAP), then overlapping pieces along it.
  const lines: Segment[][] = [];
  for (const s of [...segments].sort((a, b) => key(a) - key(b))) {
    const last = lines[lines.length - 1];
    if (last && key(s) - key(last[0]!) <= SNAP) last.push(s);
    else lines.push([s]);
  }
  const out: Segment[] = [];
  for (const line of lines) {
    const at = line.reduce((a, s) => a + key(s), 0) / line.length;
    let current: Segment | undefined;
    for (const s of line.sort((a, b) => start(a) - start(b))) {
      if (current && start(s) <= end(current) + SNAP) {
        if (horizontal) current.x1 = Math.max(current.x1, s.x1);
        else current.y1 = Math.max(current.y1, s.y1);
        continue;
      }
      current = horizontal ? { x0: s.x0, x1: s.x1, y0: at, y1: at } : { x0: at, x1: at, y0: s.y0, y1: s.y1 };
      out.push(current);
    }
  }
  return out;
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

const touches = (h: Segment, v: Segment) =>
  v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP;

/** Groups rules that cross or touch into the frames of separate tables. */
function frames(hs: Segment[], vs: Segment[]): Array<{ hs: Segment[]; vs: Segment[] }> {
  const parent = [...hs, ...vs].map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  hs.forEach((h, i) => vs.forEach((v, j) => touches(h, v) && (parent[find(i)] = find(hs.length + j))));
  const groups = new Map<number, { hs: Segment[]; vs: Segment[] }>();
  [...hs, ...vs].forEach((s, i) => {
    const g = groups.get(find(i)) ?? { hs: [], vs: [] };
    (i < hs.length ? g.hs : g.vs).push(s);
    groups.set(find(i), g);
  });
  return [...groups.values()].filter((g) => g.hs.length >= 1 && g.vs.length >= 2);
}

function coverage(rules: Segment[], at: number, from: number, to: number, horizontal: boolean): number {
  let covered = 0;
  for (const r of rules) {
    if (Math.abs((horizontal ? r.y0 : r.x0) - at) > SNAP) continue;
    const lo = Math.max(from, horizontal ? r.x0 : r.y0);
    const hi = Math.min(to, horizontal ? r.x1 : r.y1);
    if (hi > lo) covered += hi - lo;
  }
  return covered / Math.max(to - from, 1e-6);
}

/** A character's advance in ems, as CJK fonts set it: full width for CJK, half for the rest. */
const advance = (ch: string) => (CJK.test(ch) ? 1 : 0.5);

/**
 * Splits a run that a vertical rule (or a column edge of a table without rules) crosses at its
 * spaces. Producers that re-distil a PDF (Ghostscript) or print a page show one line of a table
 * row, across its cells, as one string; the text reader gives it back as one run with spaces
 * where the cells' gaps were. Each piece gets the part of the run's box its characters take
 * (spaces share what the glyphs leave).
 */
export function splitAtRules(run: TextRun, rules: number[]): TextRun[] {
  const crossed = rules.some((x) => x > run.x0 + SNAP && x < run.x1 - SNAP);
  return crossed ? splitAtSpaces(run) : [run];
}

/** A run's words, each placed by its glyphs' advances (the spaces share what is left of the run's width). */
export function splitAtSpaces(run: TextRun): TextRun[] {
  if (!/\S\s+\S/.test(run.text.trim())) return [run];
  const chars = [...run.text];
  const glyphs = chars.filter((c) => !/\s/.test(c)).reduce((a, c) => a + advance(c) * run.size, 0);
  const spaces = chars.filter((c) => /\s/.test(c)).length;
  const space = Math.max((run.x1 - run.x0 - glyphs) / Math.max(spaces, 1), 0);
  const pieces: TextRun[] = [];
  let x = run.x0;
  let current: { text: string; x0: number } | null = null;
  for (const ch of chars) {
    if (/\s/.test(ch)) {
      if (current) pieces.push({ ...run, text: current.text, x0: current.x0, x1: x });
      current = null;
      x += space;
      continue;
    }
    current ??= { text: '', x0: x };
    current.text += ch;
    x += advance(ch) * run.size;
  }
  if (current) pieces.push({ ...run, text: current.text, x0: current.x0, x1: Math.min(x, run.x1) });
  return pieces;
}

/**
 * Rebuilds the ruled tables of a page: the rules give the grid, a missing inner border merges
 * cells (rowspan/colspan), and each text run goes to the cell its centre falls in. Returns the
 * tables and the runs outside them.
 */
export function findRuledTables(segments: Segment[], runs: TextRun[], page: number): { tables: RuledTable[]; rest: TextRun[] } {
  const hs = mergeCollinear(segments.filter(isHorizontal), true);
  const drawnVs = segments.filter((s) => !isHorizontal(s));
  const vs = mergeCollinear(drawnVs, false);
  const tables: RuledTable[] = [];
  const used = new Set<TextRun>();
  const found = frames(hs, vs);
  const framed = new Set(found.flatMap((f) => f.vs));
  for (const frame of found) {
    // A side border no rule meets, as tall as the table: the border of a merged block continued
    // from the page before (a browser draws no rule across it at the cut).
    const [vTop, vBottom] = [Math.min(...frame.vs.map((v) => v.y0)), Math.max(...frame.vs.map((v) => v.y1))];
    const sides = vs.filter((v) => !framed.has(v) && ((Math.abs(v.y0 - vTop) <= SNAP && Math.abs(v.y1 - vBottom) <= SNAP) || insideFrame(v, frame, SNAP)));
    sides.forEach((v) => framed.add(v));
    frame.vs.push(...sides);
    // Cells that draw their own borders apart: read as the same table with its borders collapsed.
    let xs = cluster(frame.vs.map((v) => v.x0));
    const collapsed = collapsedSpacing(frame, drawnVs, xs, runs, SNAP);
    if (collapsed) {
      [frame.hs, frame.vs] = [collapsed.hs, collapsed.vs];
      xs = cluster(frame.vs.map((v) => v.x0));
    }
    const inner = xs.slice(1, -1);
    const top = Math.min(...frame.vs.map((v) => v.y0));
    const bottom = Math.max(...frame.vs.map((v) => v.y1));
    runs = runs.flatMap((r) => (r.y0 < bottom && r.y1 > top && r.x1 > xs[0]! && r.x0 < xs[xs.length - 1]! ? splitAtRules(r, inner) : [r]));
    // A table cut by a page break has no rule along the cut: the verticals' ends stand in for it.
    const ys = withoutEmptyFoot(cluster([...frame.hs.map((h) => h.y0), Math.min(...frame.vs.map((v) => v.y0)), overflowBottom(frame.hs, bottom, xs, runs)]), frame, xs, runs, collapsed !== null);
    if (xs.length < 2 || ys.length < 2) continue;
    frame.hs.push(...edgesFromSideRules(collapsed?.drawn ?? drawnVs, xs, ys, SNAP));
    const table = buildGrid(frame, xs, ys, runs, used, page);
    if (table) tables.push(table);
  }
  return { tables: tables.sort((a, b) => a.y0 - b.y0), rest: runs.filter((r) => !used.has(r)) };
}

/**
 * The bottom of a table's last row. Where no rule closes it (a page break cut the row), the
 * text of the cut row may be printed on past the verticals' ends (WeasyPrint): lines that
 * touch the open bottom, inside the table's sides, one below the other, are still the row's.
 */
function overflowBottom(hs: Segment[], bottom: number, xs: number[], runs: TextRun[]): number {
  if (hs.some((h) => Math.abs(h.y0 - bottom) <= SNAP)) return bottom;
  const [left, right] = [xs[0]! - SNAP, xs[xs.length - 1]! + SNAP];
  let end = bottom;
  for (const r of [...runs].sort((a, b) => a.y0 - b.y0)) {
    if (r.y0 < end - SNAP || r.x0 < left || r.x1 > right) continue;
    if (r.y0 > end + r.size * 0.6) break;
    end = Math.max(end, r.y1);
  }
  return end;
}

/**
 * The row edges without the table's frame drawn past its last row. A browser that moves the next
 * row to the next page draws the table's own border down to the page's end: its two sides go on
 * under a rule that closes every cell above, with no cell's side between them and nothing
 * printed there. That strip is no row (read as one, a row across the whole table, it would cut the
 * table in two where the next page continues it). In a table of cells that draw their own
 * borders apart (`separate`: WeasyPrint), the box of a merged label cell the page cuts goes on so
 * past the last row, the cells beside it closed above the strip: there only the columns closed
 * above are judged (no side between two of them, no rule under them).
 */
function withoutEmptyFoot(ys: number[], frame: { hs: Segment[]; vs: Segment[] }, xs: number[], runs: TextRun[], separate: boolean): number[] {
  if (ys.length < 3 || xs.length < 3) return ys;
  const [above, foot] = [ys[ys.length - 2]!, ys[ys.length - 1]!];
  const [left, right] = [xs[0]!, xs[xs.length - 1]!];
  const closed = separate ? xs.slice(0, -1).map((x, j) => coverage(frame.hs, above, x, xs[j + 1]!, true) >= BORDER_COVER) : null;
  const judged = (j: number) => closed === null || closed[j]!;
  const closedAbove = closed === null ? coverage(frame.hs, above, left, right, true) >= BORDER_COVER : closed.some(Boolean);
  const ruledFoot =
    closed === null ? coverage(frame.hs, foot, left, right, true) >= BORDER_COVER : xs.slice(0, -1).some((x, j) => judged(j) && coverage(frame.hs, foot, x, xs[j + 1]!, true) >= BORDER_COVER);
  const sideBetween = xs.slice(1, -1).some((x, k) => judged(k) && judged(k + 1) && coverage(frame.vs, x, above, foot, false) >= BORDER_COVER);
  const printed = runs.some((r) => (r.y0 + r.y1) / 2 > above && (r.y0 + r.y1) / 2 < foot && (r.x0 + r.x1) / 2 > left && (r.x0 + r.x1) / 2 < right);
  return closedAbove && !ruledFoot && !sideBetween && !printed ? ys.slice(0, -1) : ys;
}

/**
 * The runs of a cell's text printed over the rule on its top, line above line. A spreadsheet
 * printer sets a cell's text at its foot: a text taller than its row runs up past the row's top,
 * and where the row starts a page it stands over the table (Calc: `100%。符合` over the rule,
 * `救助条件的对象` under it). A line inside the cell's sides, in its text's size, whose top is
 * one of the text's line pitches over the text's first line is the cell's; so is one a pitch over
 * that. Its centre over the rule tells it from the cell's own lines; the pitch tells it from a
 * caption, which stands clear of the table's top.
 */
function linesOverTop(inside: TextRun[], rect: { x0: number; x1: number; y0: number }, runs: TextRun[], used: Set<TextRun>): TextRun[] {
  const lines = buildLines(inside);
  if (lines.length < 2) return [];
  const steps = lines.slice(1).map((line, i) => line.y0 - lines[i]!.y0);
  // The middle step, each within a snap of it: a line read from outlines has its ink's top, and a line of
  // digits and marks alone (`100%。2023`) has it a point lower than the ideographs' lines around it.
  const pitch = median(steps)!;
  if (steps.some((step) => Math.abs(step - pitch) > SNAP)) return [];
  const size = lines[0]!.size;
  const over = runs.filter(
    (r) => !used.has(r) && (r.y0 + r.y1) / 2 < rect.y0 && r.x0 >= rect.x0 - SNAP && r.x1 <= rect.x1 + SNAP && Math.abs(r.size - size) < 0.5,
  );
  const taken: TextRun[] = [];
  for (let top = lines[0]!.y0 - pitch; ; top -= pitch) {
    const line = over.filter((r) => Math.abs(r.y0 - top) <= SNAP);
    if (line.length === 0) return taken;
    taken.push(...line);
  }
}

type GridBox = { i0: number; j0: number; i1: number; j1: number };

/** The box each group of grid cells spans, by the group's label. */
function boxesOf(nRows: number, nCols: number, group: (i: number, j: number) => number): Map<number, GridBox> {
  const boxes = new Map<number, GridBox>();
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      const b = boxes.get(group(i, j));
      if (!b) boxes.set(group(i, j), { i0: i, j0: j, i1: i, j1: j });
      else Object.assign(b, { i0: Math.min(b.i0, i), j0: Math.min(b.j0, j), i1: Math.max(b.i1, i), j1: Math.max(b.j1, j) });
    }
  }
  return boxes;
}

/**
 * The merged cells: grid cells joined where no border parts them (`joined` labels them), as
 * long as each group fills its box. A group that does not (an L-shaped stretch with no rules,
 * around cells that have theirs) is no merged cell: WeasyPrint draws nothing for the rowspan
 * cells a page break continues, so their stretch wraps round the ruled cells beside and under
 * it. Read as its box it would swallow those cells and join their texts (two labels as one);
 * it is split down each column instead, as rowspan blocks are cut.
 */
function mergedCells(nRows: number, nCols: number, joined: (i: number, j: number) => number): (i: number, j: number) => number {
  const boxes = boxesOf(nRows, nCols, joined);
  const sizes = new Map<number, number>();
  for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) sizes.set(joined(i, j), (sizes.get(joined(i, j)) ?? 0) + 1);
  const filled = (k: number) => {
    const b = boxes.get(k)!;
    return (b.i1 - b.i0 + 1) * (b.j1 - b.j0 + 1) === sizes.get(k);
  };
  // A split group's cells are labelled past the grid's own ids: the top cell of their run in the column.
  const label = Array.from({ length: nRows }, (_, i) =>
    Array.from({ length: nCols }, (_, j) => {
      const k = joined(i, j);
      if (filled(k)) return k;
      let top = i;
      while (top > 0 && joined(top - 1, j) === k) top--;
      return nRows * nCols + top * nCols + j;
    }),
  );
  return (i, j) => label[i]![j]!;
}

function buildGrid(
  frame: { hs: Segment[]; vs: Segment[] },
  xs: number[],
  ys: number[],
  runs: TextRun[],
  used: Set<TextRun>,
  page: number,
): RuledTable | null {
  const nRows = ys.length - 1;
  const nCols = xs.length - 1;
  const id = (i: number, j: number) => i * nCols + j;
  const parent = Array.from({ length: nRows * nCols }, (_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      if (j + 1 < nCols && coverage(frame.vs, xs[j + 1]!, ys[i]!, ys[i + 1]!, false) < BORDER_COVER) parent[find(id(i, j + 1))] = find(id(i, j));
      if (i + 1 < nRows && coverage(frame.hs, ys[i + 1]!, xs[j]!, xs[j + 1]!, true) < BORDER_COVER) parent[find(id(i + 1, j))] = find(id(i, j));
    }
  }
  const group = mergedCells(nRows, nCols, (i, j) => find(id(i, j)));
  const boxes = boxesOf(nRows, nCols, group);
  if (boxes.size < 2) return null;
  // The bottom edge: ruled under some cells only when the page cut the others.
  const bottomRuled = (from: number, to: number) => coverage(frame.hs, ys[nRows]!, xs[from]!, xs[to]!, true) >= BORDER_COVER;
  const bottomKnown = bottomRuled(0, nCols) || Array.from({ length: nCols }, (_, j) => bottomRuled(j, j + 1)).some(Boolean);
  const taken = new Set<number>();
  const cells: PlacedCell[] = [];
  const texts = new Map<number, { lines: TextLine[]; top: number; bottom: number; size: number; endsFull: boolean }>();
  const x0 = xs[0]!;
  const y0 = ys[0]!;
  const x1 = xs[nCols]!;
  const y1 = ys[nRows]!;
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      if (taken.has(id(i, j))) continue;
      let box = boxes.get(group(i, j))!;
      if (box.i0 !== i || box.j0 !== j) box = { i0: i, j0: j, i1: i, j1: j };
      for (let a = box.i0; a <= box.i1; a++) for (let b = box.j0; b <= box.j1; b++) taken.add(id(a, b));
      const rect = { x0: xs[box.j0]!, x1: xs[box.j1 + 1]!, y0: ys[box.i0]!, y1: ys[box.i1 + 1]! };
      const inside = runs.filter((r) => {
        const cx = (r.x0 + r.x1) / 2;
        const cy = (r.y0 + r.y1) / 2;
        return !used.has(r) && cx >= rect.x0 && cx <= rect.x1 && cy >= rect.y0 && cy <= rect.y1;
      });
      if (box.i0 === 0 && coverage(frame.hs, y0, rect.x0, rect.x1, true) >= BORDER_COVER) inside.push(...linesOverTop(inside, rect, runs, used));
      inside.forEach((r) => used.add(r));
      const textBottom = Math.max(...inside.map((r) => r.y1));
      const size = Math.max(...inside.map((r) => r.size));
      // Built once: the cell's text, whether it ends full and whether it is settled all read its lines.
      const lines = buildLines(inside);
      const endsFull = inside.length > 0 && linesEndFull(lines, rect);
      if (inside.length > 0) texts.set(cells.length, { lines, top: Math.min(...inside.map((r) => r.y0)), bottom: textBottom, size, endsFull });
      cells.push({
        cell: {
          text: textOfLines(lines),
          rowSpan: box.i1 - box.i0 + 1,
          colSpan: box.j1 - box.j0 + 1,
          prov: { page, bbox: [rect.x0, rect.y0, rect.x1, rect.y1] },
        },
        row: i,
        col: j,
        cut: endsFull && box.i1 === nRows - 1 && rect.y1 - textBottom < size * CUT_GAP,
        endsFull,
        ...(bottomKnown && box.i1 === nRows - 1 ? { openBottom: !bottomRuled(box.j0, box.j1 + 1) } : {}),
        ...(box.i0 === 0 ? { openTop: coverage(frame.hs, y0, rect.x0, rect.x1, true) < BORDER_COVER } : {}),
      });
    }
  }
  const sizes = [...texts.values()].map((t) => t.size).sort((a, b) => a - b);
  const pitch = linePitch([...texts.values()].map((t) => t.lines), sizes[Math.floor(sizes.length / 2)] ?? 0);
  for (const [k, text] of texts) {
    const box = cells[k]!.cell.prov.bbox!;
    cells[k]!.settled = settled(text, { y0: box[1], y1: box[3] }, pitch);
  }
  return { cells, rowCount: nRows, columns: xs, topRuled: coverage(frame.hs, y0, x0, x1, true) >= BORDER_COVER, bottomRuled: bottomKnown, x0, y0, x1, y1 };
}

/** A piece of a ruled table: a run of its rows, or a row that is a line of text. */
export type TablePart = { kind: 'table'; table: RuledTable } | { kind: 'text'; cell: Cell };

/**
 * A table cut at its rows that are one cell across the whole table with nothing spanning into
 * them: a form whose every used cell is bordered (a sheet printed by Calc) rules its title, its
 * notes and the paragraphs between its tables too. Those rows are lines of text, as the same
 * rows of the sheet read as a spreadsheet are; the runs of rows between them are tables.
 */
export function splitAtTextRows(table: RuledTable): TablePart[] {
  const nCols = table.columns.length - 1;
  const spanned = new Set<number>();
  for (const { cell, row } of table.cells) for (let r = row + 1; r < row + cell.rowSpan; r++) spanned.add(r);
  const textRow = (r: number) => {
    const own = table.cells.filter((c) => c.row === r);
    return own.length === 1 && own[0]!.cell.colSpan === nCols && own[0]!.cell.rowSpan === 1 && !spanned.has(r) ? own[0]! : undefined;
  };
  const lines = Array.from({ length: table.rowCount }, (_, r) => textRow(r));
  if (lines.every((l) => l === undefined)) return [{ kind: 'table', table }];
  const parts: TablePart[] = [];
  let start = 0;
  const endRun = (end: number) => {
    if (end > start) parts.push({ kind: 'table', table: rowsOf(table, start, end) });
    start = end + 1;
  };
  lines.forEach((line, r) => {
    if (!line) return;
    endRun(r);
    if (line.cell.text.trim() !== '') parts.push({ kind: 'text', cell: line.cell });
  });
  endRun(table.rowCount);
  return parts;
}

/** Rows `from` to `to` (exclusive) of a table, as a table of their own. */
function rowsOf(table: RuledTable, from: number, to: number): RuledTable {
  const cells = table.cells.filter((c) => c.row >= from && c.row < to).map((c) => ({ ...c, row: c.row - from }));
  const boxes = cells.flatMap((c) => (c.cell.prov.bbox ? [c.cell.prov.bbox] : []));
  return {
    ...table,
    cells,
    rowCount: to - from,
    topRuled: from === 0 ? table.topRuled : true,
    ...(to === table.rowCount ? {} : { bottomRuled: true }),
    y0: from === 0 ? table.y0 : Math.min(...boxes.map((b) => b[1])),
    y1: to === table.rowCount ? table.y1 : Math.max(...boxes.map((b) => b[3])),
  };
}
