import type { Segment } from '../../schemas/page';

/**
 * Rules from drawn paths, in page coordinates: every source that draws its table borders as paths
 * (a PDF's operators, OFD path objects, SVG in converted pages) reads them the same way.
 */

/** Thinner than this, a filled rectangle is a rule (Word and WPS draw borders so). */
export const RULE_THICKNESS = 3;
/** How far from axis-aligned a line may be and still be a rule. */
const AXIS_TOLERANCE = 0.8;

/** The axis-aligned pieces of a stroked path are rules. */
export function strokeRules(pts: Array<[number, number]>): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1]!;
    const [bx, by] = pts[i]!;
    if (Math.abs(ay - by) <= AXIS_TOLERANCE && Math.abs(ax - bx) > 1) {
      out.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: (ay + by) / 2, y1: (ay + by) / 2 });
    } else if (Math.abs(ax - bx) <= AXIS_TOLERANCE && Math.abs(ay - by) > 1) {
      out.push({ x0: (ax + bx) / 2, x1: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
    }
  }
  return out;
}

/** A thin filled rectangle is a rule along its long side; larger fills (shading) are not. */
export function fillRules(pts: Array<[number, number]>): Segment[] {
  if (pts.length < 4) return [];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 <= RULE_THICKNESS && x1 - x0 > RULE_THICKNESS) return [{ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 }];
  if (x1 - x0 <= RULE_THICKNESS && y1 - y0 > RULE_THICKNESS) return [{ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 }];
  return [];
}

/** An axis-aligned box in page coordinates. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The box of a closed four-cornered axis-aligned subpath, with the sign of its winding; null for any other shape. */
function rectangle(pts: Array<[number, number]>): { box: Box; winding: number } | null {
  const corners = pts.length === 5 && pts[4]![0] === pts[0]![0] && pts[4]![1] === pts[0]![1] ? pts.slice(0, 4) : pts;
  if (corners.length !== 4) return null;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = corners[i]!;
    const [bx, by] = corners[(i + 1) % 4]!;
    if (Math.abs(ax - bx) > AXIS_TOLERANCE && Math.abs(ay - by) > AXIS_TOLERANCE) return null;
  }
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  let area = 0;
  for (let i = 0; i < 4; i++) area += corners[i]![0] * corners[(i + 1) % 4]![1] - corners[(i + 1) % 4]![0] * corners[i]![1];
  return { box: { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) }, winding: Math.sign(area) };
}

/**
 * A filled frame: two nested rectangles and the band between them painted (even-odd, or the two
 * wound opposite ways). WeasyPrint draws each side of an `inset`/`outset` border so — the style
 * HTML's `border="1"` gives tables and cells — each clipped to its side's trapezoid. The band's
 * thin sides are rules, as far as the clip (its box, page coordinates; null for none) lets them
 * show: a side the clip leaves only a corner of is no rule.
 */
export function frameRules(subpaths: Array<Array<[number, number]>>, evenOdd: boolean, clip: Box | null): Segment[] {
  if (subpaths.length !== 2) return [];
  const [a, b] = subpaths.map(rectangle);
  if (!a || !b || (!evenOdd && a.winding === b.winding)) return [];
  const contains = (o: Box, i: Box) => o.x0 <= i.x0 && o.y0 <= i.y0 && o.x1 >= i.x1 && o.y1 >= i.y1;
  const [outer, inner] = contains(a.box, b.box) ? [a.box, b.box] : contains(b.box, a.box) ? [b.box, a.box] : [null, null];
  if (!outer || !inner) return [];
  const bands: Box[] = [
    { x0: outer.x0, x1: outer.x1, y0: outer.y0, y1: inner.y0 },
    { x0: outer.x0, x1: outer.x1, y0: inner.y1, y1: outer.y1 },
    { x0: outer.x0, x1: inner.x0, y0: outer.y0, y1: outer.y1 },
    { x0: inner.x1, x1: outer.x1, y0: outer.y0, y1: outer.y1 },
  ];
  return bands.flatMap((band) => {
    const shown = clip ? { x0: Math.max(band.x0, clip.x0), x1: Math.min(band.x1, clip.x1), y0: Math.max(band.y0, clip.y0), y1: Math.min(band.y1, clip.y1) } : band;
    if (shown.x1 - shown.x0 <= 0 || shown.y1 - shown.y0 <= 0) return [];
    return fillRules([
      [shown.x0, shown.y0],
      [shown.x1, shown.y0],
      [shown.x1, shown.y1],
      [shown.x0, shown.y1],
    ]);
  });
}
