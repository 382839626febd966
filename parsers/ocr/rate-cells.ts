import type { Block, Cell } from '../../schemas/document';
import { settleBrackets, settleDocumentNumbers } from './brackets';
import type { RatedBox } from './ocr-page';

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
  const inside = words.filter((w) => {
    const cx = (w.x0 + w.x1) / 2;
    const cy = (w.y0 + w.y1) / 2;
    return cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1;
  });
  if (inside.length === 0) return;
  prov.confidence = Math.min(...inside.map((w) => w.confidence));
  const corrections = inside.flatMap((w) => (w.correction ? [w.correction] : []));
  // Runs of a text layer print their brackets' widths: only a document number's misread year brackets are put right.
  const layered = inside.every((w) => w.layered);
  const settled = layered ? { text: settleDocumentNumbers(cell.text, corrections), changes: [] } : settleBrackets(cell.text);
  corrections.push(...settled.changes);
  cell.text = settled.text;
  if (corrections.length > 0) prov.corrections = corrections;
}
