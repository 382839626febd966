import type { Segment } from '../pdf/page-content';
import { findRuledTables } from '../pdf/ruled-tables';
import type { OcrWord } from './cache';
import type { Region } from './missed-text';

/** A cell whose lowest word confidence is below this is read again on its own. */
export const REREAD_BELOW = 80;
/** Cells holding more text than this are not read again. */
const MAX_REREAD_CHARS = 40;
/** Pixels kept clear of a cell's borders when it is cut out. */
const INSET = 3;

export interface CellRegion extends Region {
  /** The words of the page pass whose centre lies in the cell. */
  words: OcrWord[];
}

/**
 * The table cells of a page (from its rules, as the table code will cut them) in which the
 * page pass is unsure of a word or left ink unread. Reading a page as sparse text mixes up neighbouring cells'
 * lines now and then (`一级指 分`); a cell read alone, as one block, does not.
 */
export function doubtfulCells(segments: Segment[], words: OcrWord[], unread: Region[], dpi: number, page: number): CellRegion[] {
  const px = (pt: number) => (pt * dpi) / 72;
  const { tables } = findRuledTables(segments, [], page);
  const out: CellRegion[] = [];
  for (const table of tables) {
    for (const { cell } of table.cells) {
      const [x0, y0, x1, y1] = (cell.prov.bbox ?? [0, 0, 0, 0]).map(px) as [number, number, number, number];
      const inside = words.filter((w) => {
        const cx = (w.x0 + w.x1) / 2;
        const cy = (w.y0 + w.y1) / 2;
        return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
      });
      const hasUnread = unread.some((r) => (r.x0 + r.x1) / 2 >= x0 && (r.x0 + r.x1) / 2 <= x1 && (r.y0 + r.y1) / 2 >= y0 && (r.y0 + r.y1) / 2 <= y1);
      if (inside.length === 0 || (!hasUnread && Math.min(...inside.map((w) => w.confidence)) >= REREAD_BELOW)) continue;
      // Prose (a long 实际完成 paragraph) is not read twice: it costs as much as the page, and a
      // long cell is rarely mixed up with its neighbours; its low confidence is reported.
      if (inside.reduce((n, w) => n + w.text.length, 0) > MAX_REREAD_CHARS) continue;
      out.push({ x0: Math.ceil(x0 + INSET), y0: Math.ceil(y0 + INSET), x1: Math.floor(x1 - INSET), y1: Math.floor(y1 - INSET), words: inside });
    }
  }
  return out.filter((r) => r.x1 > r.x0 && r.y1 > r.y0);
}

/** Mean confidence of words, weighted by their length: what a read of a cell is worth. */
export function readQuality(words: OcrWord[]): number {
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  return chars === 0 ? 0 : words.reduce((s, w) => s + w.confidence * w.text.length, 0) / chars;
}
