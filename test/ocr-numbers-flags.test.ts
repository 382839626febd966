import { describe, expect, it } from 'vitest';
import type { RatedBox } from '../parsers/ocr/ocr-page';
import { rateCells } from '../parsers/ocr/rate-cells';
import type { Block, Cell } from '../schemas/document';

// A cell is rated by the least sure word read in it: that rating is what flags its row. The table
// code joins a cell cut by a page break with its piece on the next page, keeping the first page's box.

const word = (text: string, x0: number, y0: number, confidence: number, correction: string | null = null): RatedBox => ({ text, x0, y0, x1: x0 + 10 * text.length, y1: y0 + 10, confidence, correction });
const cell = (text: string, page: number, bbox: [number, number, number, number]): Cell => ({ text, rowSpan: 1, colSpan: 1, prov: { page, bbox } });
const table = (...cells: Cell[]): Block[] => [{ kind: 'table', table: { index: 0, rows: [cells], prov: {} } }];

describe('rating a cell that goes on over a page break', () => {
  it('takes the next page’s piece into the rating, from the words in the cell’s columns at the top', () => {
    const stitched = cell('医疗救助对象覆盖范围\nE', 3, [200, 700, 400, 760]);
    const words = new Map([
      [3, [word('医疗救助对象覆盖范围', 210, 720, 99.1)]],
      // the piece at the top of page 4, and another `E` further down in another column
      [4, [word('E', 220, 90, 40.9), word('E', 500, 300, 10)]],
    ]);
    rateCells(table(stitched), words);
    expect(stitched.prov.confidence).toBe(40.9);
  });

  it('looks no further than its own box when its text is all there, as read or as corrected', () => {
    const corrected = cell('45.44%', 3, [200, 700, 400, 760]);
    const plain = cell('3', 3, [400, 700, 450, 760]);
    const words = new Map([
      [3, [word('45.4496', 210, 720, 97), word('45.44%', 210, 720, 100, '45.4496 → 45.44%'), word('3', 410, 720, 99)]],
      [4, [word('4', 220, 90, 30), word('3', 410, 90, 20)]],
    ]);
    rateCells(table(corrected, plain), words);
    expect(corrected.prov.confidence).toBe(97);
    expect(plain.prov.confidence).toBe(99);
  });
});
