import { inkPieces } from './ink-pieces';
import type { Region } from './missed-text';

/** A comparison mark told from its glyph's strokes. */
export type ComparisonMark = '≥' | '≤' | '>' | '<' | '=';

/** One connected piece of ink: its box, pixel count and second moments (for its direction). */
interface Stroke {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number;
  cx: number;
  cy: number;
  /** Long axis over short axis of its pixels' spread: a bar is long and thin. */
  elongation: number;
  /** The long axis's angle from the horizontal, 0–90°. */
  angle: number;
  /** Mean x of its ink (0 left edge, 1 right edge) in each fifth of its height, top first. */
  fifths: number[];
}

/** Pieces of ink smaller than this share of a square line height are specks, not strokes. */
const SPECK_SHARE = 0.004;
/** A bar's long axis is this many times its short one or more (a chevron's two arms are not). */
const BAR_ELONGATION = 4;
/** A bar lies within this of the horizontal (a slanted `⩾` bar included; `/` is steeper). */
const BAR_MAX_ANGLE = 35;
/** A chevron's point lies this far (share of its width) to one side of its two ends. */
const CHEVRON_LEAN = 0.3;
/**
 * A `=` is no taller than this share of a line height: its bars lie close round the middle of
 * the line, where `二`'s bars (of like length in a Hei or Ming face) span most of it.
 */
const EQUALS_MAX_HEIGHT = 0.45;

/** The connected pieces of ink inside `r` (8-neighbours), specks left out. */
function strokesIn(ink: Uint8Array, width: number, r: Region, minPixels: number): Stroke[] {
  const w = r.x1 - r.x0 + 1;
  const h = r.y1 - r.y0 + 1;
  const out: Stroke[] = [];
  inkPieces(w, h, (i) => Boolean(ink[(r.y0 + Math.floor(i / w)) * width + r.x0 + (i % w)]), (pixels) => {
    if (pixels.length >= minPixels) out.push(describe(pixels.map((i) => (i % w) + r.x0), pixels.map((i) => Math.floor(i / w) + r.y0)));
  });
  return out;
}

function describe(xs: number[], ys: number[]): Stroke {
  const n = xs.length;
  const cx = xs.reduce((a, b) => a + b, 0) / n;
  const cy = ys.reduce((a, b) => a + b, 0) / n;
  let [sxx, syy, sxy] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = [xs[i]! - cx, ys[i]! - cy];
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  [sxx, syy, sxy] = [sxx / n, syy / n, sxy / n];
  // Eigenvalues of the spread; a stroke one pixel thick still has a short axis of 1/12.
  const mid = (sxx + syy) / 2;
  const root = Math.sqrt(((sxx - syy) / 2) ** 2 + sxy * sxy);
  const [long, short] = [mid + root, Math.max(1 / 12, mid - root)];
  const angle = Math.abs((Math.atan2(2 * sxy, sxx - syy) / 2) * (180 / Math.PI));
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sums = [0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0];
  const h = y1 - y0 + 1;
  for (let i = 0; i < n; i++) {
    const band = Math.min(4, Math.floor((5 * (ys[i]! - y0)) / h));
    sums[band]! += (xs[i]! - x0) / Math.max(1, x1 - x0);
    counts[band]!++;
  }
  const fifths = sums.map((s, i) => (counts[i] ? s / counts[i]! : 0.5));
  return { x0, y0, x1, y1, pixels: n, cx, cy, elongation: Math.sqrt(long / short), angle: Math.min(angle, 180 - angle), fifths };
}

const isBar = (s: Stroke) => s.elongation >= BAR_ELONGATION && s.angle <= BAR_MAX_ANGLE;

/**
 * Which way a stroke points when it is a chevron, or null: `>` has its ends at its left edge (the
 * ink of its top and bottom fifths within the left third) and its point at its right (its middle
 * fifth's ink right of them by `CHEVRON_LEAN`); `<` the mirror. A `C` or `(` opens the same way,
 * but its ends curl back over its middle (a `C`'s top fifth is an arc across it) or it is tall
 * and narrow; a `V` or `Λ` points down or up (ink at both sides of its top or bottom fifth).
 */
function chevron(s: Stroke): '>' | '<' | null {
  const [w, h] = [s.x1 - s.x0 + 1, s.y1 - s.y0 + 1];
  if (isBar(s) || w < 3 || h < 3 || w < 0.5 * h) return null;
  const [top, , middle, , bottom] = s.fifths as [number, number, number, number, number];
  if (top <= 1 / 3 && bottom <= 1 / 3 && middle - Math.max(top, bottom) >= CHEVRON_LEAN) return '>';
  if (top >= 2 / 3 && bottom >= 2 / 3 && Math.min(top, bottom) - middle >= CHEVRON_LEAN) return '<';
  return null;
}

/** Whether two bars lie one over the other as a `=`'s do: each mostly under the other, of like length. */
function stacked(a: Stroke, b: Stroke): boolean {
  const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) + 1;
  const [la, lb] = [a.x1 - a.x0 + 1, b.x1 - b.x0 + 1];
  return overlap >= 0.7 * Math.min(la, lb) && Math.min(la, lb) >= 0.6 * Math.max(la, lb) && Math.abs(a.cy - b.cy) >= 2;
}

/**
 * The comparison mark that the ink in `r` draws, told from its strokes alone (no reader), or null
 * when it draws none of them for sure: `=` two bars of like length one over the other, close
 * together (not `二`); `>`/`<`
 * a chevron pointing right/left; `≥`/`≤` such a chevron over one or two bars (straight, or
 * slanted as some faces print `⩾`). Every stroke of the region must take part: anything else in
 * it (a digit, a stroke the blur joined to the mark) leaves the mark unsure. `lineHeight` sets
 * what a speck is and how large a mark may be.
 */
export function markShape(ink: Uint8Array, width: number, r: Region, lineHeight: number): ComparisonMark | null {
  const strokes = strokesIn(ink, width, r, Math.max(2, SPECK_SHARE * lineHeight * lineHeight)).sort((a, b) => a.cy - b.cy);
  if (strokes.length === 0 || strokes.length > 3) return null;
  const x0 = Math.min(...strokes.map((s) => s.x0));
  const x1 = Math.max(...strokes.map((s) => s.x1));
  const y0 = Math.min(...strokes.map((s) => s.y0));
  const y1 = Math.max(...strokes.map((s) => s.y1));
  // A mark is no wider than a full character and no taller than a line.
  if (x1 - x0 + 1 > lineHeight || y1 - y0 + 1 > 1.1 * lineHeight) return null;
  const [first, ...rest] = strokes as [Stroke, ...Stroke[]];
  if (rest.every(isBar) && isBar(first) && strokes.length === 2 && stacked(first, rest[0]!)) return y1 - y0 + 1 <= EQUALS_MAX_HEIGHT * lineHeight ? '=' : null;
  const point = chevron(first);
  if (!point) return null;
  if (rest.length === 0) return point;
  // The bars under a chevron: below its middle, each spanning most of its width.
  const under = rest.every((b) => isBar(b) && b.cy > first.cy && b.x1 - b.x0 + 1 >= 0.5 * (first.x1 - first.x0 + 1));
  if (!under) return null;
  return point === '>' ? '≥' : '≤';
}
