import { describe, expect, it } from 'vitest';
import { blur, fax, random, tilt, type Page } from '../corpus/build/degrade-ops';
import { withDashedRules } from '../parsers/ocr/dashed-rules';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { binarise, detectRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import type { GrayImage } from '../parsers/ocr/gray-image';

// A fax at 200 lines per inch keeps a hairline only where, tilted, it lies on a scan line: in
// dashes of one length at one period (heldout4's fax pages 1 and 5). Found as rules, they give
// the form its own rows, which the text's gaps only guess (a tall cell of prose parts there).

const WIDTH = 1400;
const HEIGHT = 1000;
/** Column borders: a label column, the indicator name, a score. */
const COLUMNS = [100, 300, 1000, 1240];
/** Row borders: a header row, then three rows; the label column is one cell over rows 1–3. */
const ROWS = [100, 200, 400, 600, 800];

/** Glyph-sized squares (no stroke as long as a rule) in a line centred at `cy`. */
function text(data: Uint8Array, x0: number, cy: number, glyphs: number): void {
  for (let g = 0; g < glyphs; g++) for (let y = cy - 13; y < cy + 13; y++) for (let x = x0 + g * 30; x < x0 + g * 30 + 24; x++) data[y * WIDTH + x] = 30;
}

/** A 200-dpi form: one-pixel hairlines (gray 90), dark column borders, a label merged over rows 1–3, text in each cell. */
function formPage(): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(255);
  ROWS.forEach((y, r) => {
    const from = r === 0 || r === ROWS.length - 1 ? COLUMNS[0]! : COLUMNS[1]!;
    for (let x = from; x <= COLUMNS[COLUMNS.length - 1]!; x++) data[y * WIDTH + x] = 140;
  });
  for (const x of COLUMNS) for (let y = ROWS[0]!; y <= ROWS[ROWS.length - 1]!; y++) data[y * WIDTH + x] = data[y * WIDTH + x + 1] = 40;
  text(data, 120, (ROWS[1]! + ROWS[4]!) / 2, 4);
  for (let r = 0; r < 4; r++) {
    text(data, 320, (ROWS[r]! + ROWS[r + 1]!) / 2, 14);
    text(data, 1020, (ROWS[r]! + ROWS[r + 1]!) / 2, 2);
  }
  return { width: WIDTH, height: HEIGHT, dpi: 200, planes: [data] };
}

/** The faxed page straightened and its rules found as the OCR path does, with and without the dashed ones. */
function rulesOf(page: Page) {
  const scanned: GrayImage = { width: page.width, height: page.height, dpi: page.dpi, data: page.planes[0]! };
  const straight = rotateImage(scanned, measureSkew(scanned, binarise(scanned, otsuThreshold(scanned))));
  const mask = binarise(straight, ruleThreshold(straight, otsuThreshold(straight)));
  const found = detectRules(straight, mask);
  return { found, dashed: withDashedRules(mask, straight.width, straight.height, found, straight.dpi) };
}

describe('hairlines a fax broke into dashes (withDashedRules)', () => {
  const { found, dashed } = rulesOf(fax(blur(tilt(formPage(), 0.8), 0.5), random(11), 200, 170));

  it('finds the dashed rows as rules, where the joined pieces alone find none', () => {
    expect(found.horizontal).toEqual([]);
    expect(dashed.horizontal.map((h) => Math.round(h.y0 / 10) * 10).sort((a, b) => a - b)).toEqual(ROWS);
  });

  it('runs each rule from border to border, and not across the merged label', () => {
    const span = (y: number) => dashed.horizontal.filter((h) => Math.abs(h.y0 - y) <= 10).map((h) => [h.x0, h.x1].map((x) => Math.round(x / 10) * 10));
    expect(span(ROWS[0]!)).toEqual([[100, 1240]]);
    for (const y of ROWS.slice(1, -1)) expect(span(y)).toEqual([[300, 1240]]);
  });

  it('finds no rule on a page whose hairlines a fax lost whole, nor in its text', () => {
    const { dashed: none } = rulesOf(fax(blur(tilt(formPage(), 0.8), 0.5), random(11), 100, 150));
    expect(none.horizontal).toEqual([]);
  });
});
