import type { Segment } from '../../schemas/page';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Whether one of `verticals` (vertical ruling lines) stands between two boxes of a line, `a` the
 * left one: past `a`'s centre, before `b`'s, and across `b`'s middle — a cell border parts them.
 */
export function ruleBetween(a: Box, b: Box, verticals: readonly Segment[]): boolean {
  const mid = (b.y0 + b.y1) / 2;
  return verticals.some((s) => s.x0 > (a.x0 + a.x1) / 2 && s.x0 < (b.x0 + b.x1) / 2 && s.y0 <= mid && s.y1 >= mid);
}
