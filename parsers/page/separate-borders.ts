import type { Segment, TextRun } from '../../schemas/page';

/**
 * Tables whose cells draw their own borders apart (CSS `border-collapse: separate`, as WeasyPrint
 * prints LibreOffice Writer's HTML export: every cell its own sides and bottom, the table's
 * `border-spacing` between every two cells). Each border between two cells is two rules a spacing
 * apart, with an empty strip between them; read as drawn, every strip is a column of its own.
 * Here such a table's frame is turned into the frame of the same table with its borders collapsed.
 */

/**
 * Widest strip (points) between two neighbouring cells' own sides: a browser's default
 * `border-spacing` (2 px, 1.5 pt) and the two sides' widths, with room for a spacing set wider.
 */
const MAX_SPACING = 4;
/** A frame is of separate cells when at least this many of its column edges are doubled so. */
const MIN_DOUBLED = 2;
/** How far (points) under a cell's bottom the sides of a cell below it start (the spacing between them). */
const BELOW_REACH = 4;

type Frame = { hs: Segment[]; vs: Segment[] };

/**
 * The column edges that are pairs of a cell's side and its neighbour's: two clustered edges
 * closer than a spacing with no text between them where they are drawn (a text over them, in a
 * cell spanning both columns, is no text of the strip). Returns each pair's middle by its two edges.
 */
function doubledEdges(xs: number[], vs: Segment[], runs: TextRun[], snap: number): Map<number, number> {
  const middles = new Map<number, number>();
  for (let k = 0; k + 1 < xs.length; k++) {
    const [a, b] = [xs[k]!, xs[k + 1]!];
    if (b - a <= snap || b - a > MAX_SPACING || middles.has(a)) continue;
    const drawnAt = (y: number) => vs.some((v) => Math.abs(v.x0 - a) <= snap && v.y0 <= y && v.y1 >= y);
    const printed = runs.some((r) => (r.x0 + r.x1) / 2 > a && (r.x0 + r.x1) / 2 < b && drawnAt((r.y0 + r.y1) / 2));
    if (printed) continue;
    middles.set(a, (a + b) / 2);
    middles.set(b, (a + b) / 2);
  }
  return middles;
}

/**
 * A frame of separate cells with each doubled column edge drawn once, at the middle of its
 * strip, and the cells' sides drawn from the row edge above them (each cell draws its bottom,
 * none its top, and its sides start a spacing under the bottom of the cell above); null for a
 * frame that is not of separate cells. `xs` are the frame's clustered column edges; `drawn` the
 * page's vertical rules as drawn, given back so raised (kept where drawn across, as the cell
 * whose side each is: `edgesFromSideRules`).
 */
export function collapsedSpacing(frame: Frame, drawn: Segment[], xs: number[], runs: TextRun[], snap: number): (Frame & { drawn: Segment[] }) | null {
  const bottom = Math.max(...frame.vs.map((v) => v.y1));
  const middles = doubledEdges(xs, frame.vs, runs, snap);
  if (middles.size / 2 < MIN_DOUBLED) return null;
  const moved = (x: number) => {
    const edge = xs.find((e) => Math.abs(e - x) <= snap);
    return edge === undefined ? x : (middles.get(edge) ?? x);
  };
  const [left, right] = [xs[0]!, xs[xs.length - 1]!];
  const raised = (v: Segment): Segment => {
    const over = frame.hs.find((h) => v.y0 > h.y0 && v.y0 - h.y0 <= MAX_SPACING && v.x0 >= left - snap && v.x0 <= right + snap);
    return over ? { ...v, y0: over.y0 } : v;
  };
  const { hs, sides } = withoutShortBoxes(frame.hs, drawn, bottom, snap);
  return {
    hs,
    vs: [...frame.vs, ...sides].map((v) => ({ ...raised(v), x0: moved(v.x0), x1: moved(v.x0) })),
    drawn: drawn.map(raised),
  };
}

/**
 * The bottoms of cells drawn shorter than their block left out, and their sides drawn on down
 * their block. WeasyPrint draws a merged cell a page break cuts as a box round its text only: its
 * bottom stands across the rows beside it, and under it its column is left undrawn down to the
 * next cell's sides or the table's end. That bottom is no row edge; the block goes on under it,
 * between its sides, to where the next cell's sides start. A cell's bottom is told so: no other
 * cell's bottom on its line, the bottom of one cell (its two sides end at it; the bottoms of a
 * row of cells are one rule, as under a row a label cell's box goes on past: `withoutEmptyFoot`),
 * no cell's sides starting under it within a spacing, and the table going on below it. `vs` are
 * the vertical rules as drawn, each cell's sides apart (joined, a cell's sides and those of the
 * cell under it are one rule); the sides drawn on are returned apart from them (the sides as
 * drawn say where the next block starts).
 */
function withoutShortBoxes(hs: Segment[], vs: Segment[], bottom: number, snap: number): { hs: Segment[]; sides: Segment[] } {
  const kept: Segment[] = [];
  const sides: Segment[] = [];
  for (const h of hs) {
    const ending = vs.filter((v) => v.x0 >= h.x0 - snap && v.x0 <= h.x1 + snap && Math.abs(v.y1 - h.y0) <= snap);
    const alone = !hs.some((o) => o !== h && Math.abs(o.y0 - h.y0) <= snap);
    const cellUnder = vs.some((v) => v.x0 >= h.x0 - snap && v.x0 <= h.x1 + snap && v.y0 >= h.y0 - snap && v.y0 <= h.y0 + BELOW_REACH);
    // One cell's bottom: the sides ending at it are its own two (a row's bottoms join into one rule).
    const oneCell = ending.length > 0 && ending.every((v) => Math.abs(v.x0 - h.x0) <= snap || Math.abs(v.x0 - h.x1) <= snap);
    if (h.y0 >= bottom - BELOW_REACH || !alone || cellUnder || !oneCell) {
      kept.push(h);
      continue;
    }
    for (const side of ending) {
      const next = vs.filter((v) => Math.abs(v.x0 - side.x0) <= snap && v.y0 > h.y0).map((v) => v.y0);
      sides.push({ ...side, y0: h.y0, y1: Math.min(bottom, ...next) });
    }
  }
  return { hs: kept, sides };
}
