import type { Region } from './missed-text';

/** A line of one or two glyphs: its ink is at most this many times as wide as it is high. */
const SHORT_LINE = 2.2;
/** Bands of ink this close (in the lines' typical height) with a glyph's height together are one line: the parts of `台`. */
const GLYPH_GAP = 0.35;
const GLYPH_HEIGHT = 1.15;

/**
 * The lines of a cell, from the ink: rows of ink, the bands of one glyph put back together.
 * Found only in cells of more than one line (the lines' typical height is needed).
 */
export function cellLines(ink: Uint8Array, width: number, cell: Region): Region[] {
  const lines = textLines(ink, width, cell);
  return lines.length < 2 ? [] : lines;
}

/**
 * The lines of text in a region, from the ink (rows of ink, the bands of one glyph put back
 * together), one or more. `line`: the lines' typical height; by default the tallest band's (in a
 * cell; a page's title would set it too high). Lines lower than `minShare` of it are left out.
 */
export function textLines(ink: Uint8Array, width: number, cell: Region, typical?: number, minShare = 0.6): Region[] {
  const bands = rowBands(ink, width, cell);
  const heights = bands.map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  const line = typical ?? heights[heights.length - 1] ?? 0;
  if (line === 0 || bands.length === 0) return [];
  const lines: Region[] = [];
  for (const band of bands) {
    const last = lines[lines.length - 1];
    const joined = last && band.y0 - last.y1 - 1 <= GLYPH_GAP * line && band.y1 - last.y0 + 1 <= GLYPH_HEIGHT * line;
    if (joined) Object.assign(last, { y1: band.y1, x0: Math.min(last.x0, band.x0), x1: Math.max(last.x1, band.x1) });
    else lines.push({ ...band });
  }
  return lines.filter((l) => l.y1 - l.y0 + 1 >= minShare * line);
}

/** Runs of rows holding ink within a region, each with the extent of its ink. */
export function rowBands(ink: Uint8Array, width: number, r: Region): Region[] {
  const bands: Region[] = [];
  for (let y = r.y0; y <= r.y1; y++) {
    let x0 = -1;
    let x1 = -1;
    for (let x = r.x0; x <= r.x1; x++) {
      if (ink[y * width + x] !== 1) continue;
      if (x0 < 0) x0 = x;
      x1 = x;
    }
    const last = bands[bands.length - 1];
    if (x0 < 0) continue;
    if (last && last.y1 === y - 1) Object.assign(last, { y1: y, x0: Math.min(last.x0, x0), x1: Math.max(last.x1, x1) });
    else bands.push({ x0, x1, y0: y, y1: y });
  }
  return bands;
}

/**
 * A line of one or two glyphs (`台` under `异地就医联网结算平`): reading a cell as a block, the
 * reader cuts such a glyph into two lines of nonsense (`仁` over `门`); read as a line, it is right.
 */
export const isShort = (line: Region) => line.x1 - line.x0 + 1 <= SHORT_LINE * (line.y1 - line.y0 + 1);
