import type { Segment } from '../../schemas/page';
import { findRuledTables } from '../page/ruled-tables';
import type { GrayImage } from './gray-image';
import type { Region } from './missed-text';

/** Pixels kept clear of a cell's borders when it is cut out (what is left of an erased rule). */
const INSET = 3;

export interface PageTables {
  /** Every cell of the page's ruled tables, inside its borders, in image pixels. */
  cells: Region[];
  /** The page with its tables whited out: what is printed around them; null when nothing is. */
  around: GrayImage | null;
}

/** Gray levels at or below this are ink when telling whether anything is printed around the tables. */
const INK = 128;
/** Fewer ink pixels than this around the tables (rule ends, a stray mark) are not worth a read. */
const MIN_INK_PIXELS = 30;

/**
 * The cells of a page's ruled tables, found from the rules alone as the table code will cut them
 * once the text is read. Each cell is read alone: a page read as one sparse text mixes up
 * neighbouring cells' lines (`一级指 分`) and misreads more (on the scanned corpus 90.4 % of rows
 * came out exact with the cells read alone, 87.2 % with the page read).
 */
export function pageTables(image: GrayImage, segments: Segment[], page: number): PageTables {
  const px = (pt: number) => (pt * image.dpi) / 72;
  const { tables } = findRuledTables(segments, [], page);
  const cells: Region[] = [];
  const around = { ...image, data: new Uint8Array(image.data) };
  for (const table of tables) {
    for (const { cell } of table.cells) {
      const [x0, y0, x1, y1] = (cell.prov.bbox ?? [0, 0, 0, 0]).map(px) as [number, number, number, number];
      const region = { x0: Math.ceil(x0 + INSET), y0: Math.ceil(y0 + INSET), x1: Math.floor(x1 - INSET), y1: Math.floor(y1 - INSET) };
      if (region.x1 > region.x0 && region.y1 > region.y0) cells.push(region);
    }
    const [x0, y0, x1, y1] = [table.x0, table.y0, table.x1, table.y1].map((v) => Math.round(px(v)));
    for (let y = Math.max(0, y0!); y <= Math.min(image.height - 1, y1!); y++) {
      around.data.fill(255, y * image.width + Math.max(0, x0!), y * image.width + Math.min(image.width, x1! + 1));
    }
  }
  let ink = 0;
  for (let i = 0; i < around.data.length && ink < MIN_INK_PIXELS; i++) if (around.data[i]! <= INK) ink++;
  return { cells, around: ink >= MIN_INK_PIXELS ? around : null };
}
