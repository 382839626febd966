import type { Segment } from '../../schemas/page';

/**
 * Rules from drawn paths, in page coordinates: every source that draws its table borders as paths
 * (a PDF's operators, OFD path objects, SVG in converted pages) reads them the same way.
 */

/** Thinner than this, a filled rectangle is a rule (Word and WPS draw borders so). */
const RULE_THICKNESS = 3;
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
