import type { Segment } from '../../schemas/page';

/** How far (points) either side of a row line a cell's side rule is looked for. */
const REACH = 4;
/** Side rules stop this close (points) to the row line they end at (their own width, a border's offset). */
const END_SLACK = 1;
/** Rules closer than this (points) are drawn at one place: one cell's side, or one border drawn once. */
const SAME_PLACE = 0.5;

/** Whether a vertical rule runs through the band from `from` to `to`. */
const ruledThrough = (rules: Segment[], from: number, to: number) => rules.some((v) => v.y0 <= from && v.y1 >= to);

/** Vertical rules near one column edge, grouped by where they are drawn, left to right. */
function sidesAt(vs: Segment[], x: number, snap: number): Segment[][] {
  const groups: Segment[][] = [];
  for (const v of vs.filter((v) => Math.abs(v.x0 - x) <= snap).sort((a, b) => a.x0 - b.x0)) {
    const last = groups[groups.length - 1];
    if (last && v.x0 - last[last.length - 1]!.x0 <= SAME_PLACE) last.push(v);
    else groups.push([v]);
  }
  return groups;
}

/**
 * Row edges that a cell's side rules draw where no rule runs along the edge itself. Cells are
 * rectangles: where a cell's side rule starts or stops at a row line, the cell above that line
 * cannot reach below it, so its column has a border there. A browser printing a merged block
 * that page breaks cut draws the block's part on the next page too short (it ends a row, or part
 * of one, early), and the next block starts lower with its side rules and no top rule (its top
 * border is the one the block above would have drawn): without these edges the two blocks, and
 * the unruled gap between them, read as one cell. `vs` are the vertical rules as drawn (not joined): where two
 * cells each draw their side beside the other's (a browser's separate borders), the left one is
 * the left cell's and the right one the right cell's; a border drawn once is both cells'.
 * Returns horizontal rules, one per column and edge.
 */
export function edgesFromSideRules(vs: Segment[], xs: number[], ys: number[], snap: number): Segment[] {
  const sides = xs.map((x) => sidesAt(vs, x, snap));
  const out: Segment[] = [];
  // A row line nearer the table's top or bottom than the reach is not judged: a page's edge
  // clips the rules of a row cut there (wkhtmltopdf), and they seem to start or stop at it.
  for (const y of ys.slice(1, -1).filter((y) => y - REACH >= ys[0]! && y + REACH <= ys[ys.length - 1]!)) {
    const changes = (rules: Segment[]) => ruledThrough(rules, y - REACH, y - END_SLACK) !== ruledThrough(rules, y + END_SLACK, y + REACH);
    // Column j's left side is the last group at its left edge; its right side the first at its right edge.
    const bordered = (j: number) => {
      const left = sides[j]!;
      const right = sides[j + 1]!;
      return (left.length > 0 && changes(left[left.length - 1]!)) || (right.length > 0 && changes(right[0]!));
    };
    for (let j = 0; j + 1 < xs.length; j++) if (bordered(j)) out.push({ x0: xs[j]!, x1: xs[j + 1]!, y0: y, y1: y });
  }
  return out;
}

/**
 * Whether a vertical rule that meets no horizontal one stands inside a table's frame: the sides
 * of a merged block whose top the page before drew and whose bottom the page cut (a browser
 * draws a cell's sides, not the borders its neighbours drew) meet nothing, however short.
 */
export function insideFrame(v: Segment, frame: { hs: Segment[]; vs: Segment[] }, snap: number): boolean {
  const rules = [...frame.hs, ...frame.vs];
  const [left, right] = [Math.min(...rules.map((r) => r.x0)), Math.max(...rules.map((r) => r.x1))];
  const [top, bottom] = [Math.min(...rules.map((r) => r.y0)), Math.max(...rules.map((r) => r.y1))];
  return v.x0 >= left - snap && v.x0 <= right + snap && v.y0 >= top - snap && v.y1 <= bottom + snap;
}
