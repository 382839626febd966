import type { OcrWord } from './cache';
import type { Region } from './missed-text';

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
    const read = words.some((w) => {
      const cx = (w.x0 + w.x1) / 2;
      const cy = (w.y0 + w.y1) / 2;
      return cx >= cell.x0 && cx <= cell.x1 && cy >= cell.y0 && cy <= cell.y1;
    });
    if (read) return false;
    let n = 0;
    for (let y = cell.y0; y <= cell.y1 && n < minInk; y++) for (let x = cell.x0; x <= cell.x1; x++) n += ink[y * width + x]!;
    return n >= minInk;
  });
}
