import type { Block, Cell } from '../../schemas/document';
import { settleBrackets, settleDocumentNumbers } from './brackets';
import { centreIn } from './missed-text';
import type { OcrPage, RatedBox } from './ocr-page';

/**
 * Marks each table cell built from OCR words with the lowest confidence among its words and the
 * corrections made to them (on the cell's provenance, which every later stage keeps), and makes
 * its brackets pair (`settleBrackets`: a cell's text is whole only here, its lines joined). A
 * word belongs to the cell its centre lies in, on the same page — as the table code placed it.
 */
export function rateCells(blocks: Block[], wordsByPage: ReadonlyMap<number, RatedBox[]>): void {
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    for (const row of block.table.rows) for (const cell of row) rate(cell, wordsByPage);
  }
}

function rate(cell: Cell, wordsByPage: ReadonlyMap<number, RatedBox[]>): void {
  const prov = cell.prov;
  if (!prov.page || !prov.bbox) return;
  const words = wordsByPage.get(prov.page);
  if (!words) return;
  const [x0, y0, x1, y1] = prov.bbox;
  const inside = words.filter((w) => centreIn(w, { x0, y0, x1, y1 }));
  inside.push(...continuedWords(cell, inside, wordsByPage.get(prov.page + 1) ?? []));
  if (inside.length === 0) return;
  prov.confidence = Math.min(...inside.map((w) => w.confidence));
  const corrections = inside.flatMap((w) => (w.correction ? [w.correction] : []));
  // Runs of a text layer print their brackets' widths: only a document number's misread year brackets are put right.
  const layered = inside.every((w) => w.layered);
  const settled = layered ? { text: settleDocumentNumbers(cell.text, corrections), changes: [] } : settleBrackets(cell.text);
  corrections.push(...settled.changes);
  cell.text = settled.text;
  if (corrections.length > 0) prov.corrections = corrections;
  const doubts = inside.flatMap((w) => (w.doubt ? [w.doubt] : []));
  if (doubts.length > 0) prov.markWidthsUnsure = doubts;
  if (inside.some((w) => w.rowsInferred)) prov.rowsInferred = true;
}

const bare = (text: string) => text.replace(/\s+/g, '');

/**
 * The words of a cell that goes on over a page break: the table code joins the next page's
 * piece to the cell, whose box stays on its first page. What its text holds beyond the words in
 * its box is found among the next page's words in its columns, topmost first (the piece opens
 * the next page's table). Without them the cell would be rated by its first page alone and a
 * misread tail (`医疗救助对象覆盖范围 E`) would pass as sure.
 */
function continuedWords(cell: Cell, inside: RatedBox[], next: RatedBox[]): RatedBox[] {
  let rest = bare(cell.text);
  // Both the words as read and the lines as corrected (`45.4496` kept as `45.44%`) are taken off.
  for (const w of [...inside].sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0))) if (w.text) rest = rest.replace(bare(w.text), '');
  if (rest === '' || !cell.prov.bbox) return [];
  const [x0, , x1] = cell.prov.bbox;
  const found: RatedBox[] = [];
  for (const w of [...next].sort((a, b) => a.y0 - b.y0)) {
    const text = bare(w.text ?? '');
    const cx = (w.x0 + w.x1) / 2;
    if (text === '' || cx < x0 || cx > x1 || !rest.includes(text)) continue;
    found.push(w);
    rest = rest.replace(text, '');
    if (rest === '') break;
  }
  return found;
}

/** The words of OCR pages by page number, for `rateCells`. */
export const wordsByPage = (pages: OcrPage[]): Map<number, RatedBox[]> => new Map(pages.map((p) => [p.content.page, p.words]));
