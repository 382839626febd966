import type { OcrWord } from './cache';
import { centreIn, type Region } from './missed-text';

/** Ink in a cell below this share of a square line height is grain or a rule's remnant, not a glyph (a `1` covers ~5 %). */
const MIN_GLYPH_SHARE = 0.04;

/**
 * The cells that hold ink but no word read: a number the reader returned nothing for, or a line
 * too faint or broken to be found. Such a cell comes out empty, and an empty cell passes as "not
 * printed" unless it is flagged. `lineHeight`: the page's text line height in pixels.
 */
export function unreadCells(ink: Uint8Array, width: number, cells: Region[], words: OcrWord[], lineHeight: number): Region[] {
  const minInk = MIN_GLYPH_SHARE * lineHeight * lineHeight;
  return cells.filter((cell) => {
    if (words.some((w) => centreIn(w, cell))) return false;
    let n = 0;
    for (let y = cell.y0; y <= cell.y1 && n < minInk; y++) for (let x = cell.x0; x <= cell.x1; x++) n += ink[y * width + x]!;
    return n >= minInk;
  });
}
