import { shareLevel } from './histogram-levels';

/** A pixel whose red exceeds both green and blue by this much is red ink (a seal), not print. */
const RED_INK = 60;
/**
 * Away from a seal, from this much red over green and blue a pixel is partly red ink (a stroke's edge
 * whose red JPEG diluted, a pink tint); between this and RED_INK it is taken for ink in proportion.
 */
const SOME_RED = 30;
/**
 * The seal ink's own level in the red channel: this share of the red pixels are darker in red.
 * Seal ink is not white in red (its red is 180–235 after a scan): taken as it is, the seal stays
 * on the page as light-gray strokes just above the ink threshold, and the reader reads them.
 */
const INK_RED_SHARE = 0.2;
/** Squares of the page looked at for seal ink, in inches: about a character of table type. */
const SQUARE_INCHES = 0.125;
/** A square holds seal ink when this share of its pixels are red ink (a stroke through it), not when a stray pixel is. */
const SEAL_SQUARE_SHARE = 0.01;
/** The page's colour noise: this share of the pixels away from any seal have no more red over green and blue. */
const NEUTRAL_SHARE = 0.999;
/**
 * Beside seal ink a pixel is seal ink in full from this share of the seal ink's own red excess above
 * the page's colour noise. JPEG keeps colour at half the resolution of lightness and quantises it
 * coarsely: a seal stroke a pixel or two wide (a character's thin stroke, the ring's edge) keeps its
 * darkness but about a tenth of its red, and left as gray it is read as a mark or a stroke.
 */
const THIN_STROKE_RED = 0.1;

/** Red over green and blue of the RGBA pixel at byte offset `p` (none or less for print, paper, blue or green ink). */
const redExcess = (rgba: ArrayLike<number>, p: number) => rgba[p]! - Math.max(rgba[p + 1]!, rgba[p + 2]!);

/** A page's red seal ink as measured on it. */
export interface SealInk {
  /** The factor that takes the seal ink's own red to white: red ink counts by its red channel times it. */
  redScale: number;
  /** How much of the RGBA pixel at byte offset `p`, at (x, y), is seal ink: 0 none … 1 all. */
  share(p: number, x: number, y: number): number;
}

/**
 * Measures a page's red seal ink. A pixel is seal ink by its red over green and blue. Where a seal
 * lies (squares that red ink strokes cross, and their neighbours) it is ink from just above the
 * colour noise that the page's print and paper show away from any seal (measured there), all of it
 * at a tenth of the seal ink's own excess (the median of its pixels'): a thin stroke's red is mostly
 * lost to JPEG's colour.
 * Away from a seal only a pixel well into red is (a red mark, a pink tint): there a colour scanner's
 * fringes on black print are as red as a thin stroke's remains.
 */
export function measureSealInk(rgba: ArrayLike<number>, width: number, height: number, dpi: number): SealInk {
  const side = Math.max(8, Math.round(SQUARE_INCHES * dpi));
  const cols = Math.ceil(width / side);
  const rows = Math.ceil(height / side);
  const squareOf = (x: number, y: number) => Math.floor(y / side) * cols + Math.floor(x / side);
  const redInSquare = new Uint32Array(cols * rows);
  const reds = new Uint32Array(256);
  const inkExcesses = new Uint32Array(256);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 4) {
      const e = redExcess(rgba, p);
      if (e < RED_INK) continue;
      redInSquare[squareOf(x, y)]!++;
      reds[rgba[p]!]!++;
      inkExcesses[e]!++;
    }
  }
  const redScale = 255 / Math.max(128, shareLevel(reds, INK_RED_SHARE));
  const awayShare = (p: number) => Math.min(1, Math.max(0, (redExcess(rgba, p) - SOME_RED) / (RED_INK - SOME_RED)));
  const nearSeal = new Uint8Array(cols * rows);
  let sealed = false;
  for (let sy = 0; sy < rows; sy++)
    for (let sx = 0; sx < cols; sx++) {
      if (redInSquare[sy * cols + sx]! < SEAL_SQUARE_SHARE * side * side) continue;
      sealed = true;
      for (let y = Math.max(0, sy - 1); y <= Math.min(rows - 1, sy + 1); y++)
        for (let x = Math.max(0, sx - 1); x <= Math.min(cols - 1, sx + 1); x++) nearSeal[y * cols + x] = 1;
    }
  if (!sealed) return { redScale, share: awayShare };
  const noise = new Uint32Array(256);
  let away = 0;
  for (let y = 0, p = 0; y < height; y++)
    for (let x = 0; x < width; x++, p += 4) {
      if (nearSeal[squareOf(x, y)]) continue;
      noise[Math.max(0, redExcess(rgba, p))]!++;
      away++;
    }
  const from = away === 0 ? SOME_RED : Math.min(SOME_RED, shareLevel(noise, NEUTRAL_SHARE));
  const full = Math.max(1, THIN_STROKE_RED * shareLevel(inkExcesses, 0.5));
  return {
    redScale,
    share: (p, x, y) => (nearSeal[squareOf(x, y)] ? Math.min(1, Math.max(0, (redExcess(rgba, p) - from) / full)) : awayShare(p)),
  };
}
