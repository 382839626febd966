import { describe, expect, it } from 'vitest';
import { blur, fax, random, type Page } from '../corpus/build/degrade-ops';
import { isBilevel, soften } from '../parsers/ocr/bilevel';
import { binarise, detectRules, eraseRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { despeckle } from '../parsers/ocr/despeckle';
import { stretchLevels, type GrayImage } from '../parsers/ocr/gray-image';
import { inferRows } from '../parsers/ocr/inferred-rows';

// A fax page keeps its column borders and loses its horizontal hairlines (at 100 lines per
// inch each scan line averages two pixel rows, and a hairline averaged with paper is lighter
// than the fax's threshold). The rows are then inferred from the text's gaps.

const WIDTH = 1400;
const HEIGHT = 1000;
/** Column borders: a label column, its weight, the indicator name, a score, a deduction. */
const COLUMNS = [100, 300, 420, 1000, 1120, 1240];
/** Row borders: a header row, then five rows of 100 px. */
const ROWS = [100, 200, 300, 400, 500, 600, 700];

/** A line of `glyphs` dark squares (glyph-sized: no stroke as long as a rule) centred at `cy`. */
function line(data: Uint8Array, x0: number, cy: number, glyphs: number): void {
  for (let g = 0; g < glyphs; g++) {
    for (let y = cy - 13; y < cy + 13; y++) for (let x = x0 + g * 30; x < x0 + g * 30 + 24; x++) data[y * WIDTH + x] = 30;
  }
}

/**
 * A 200-dpi page with one table: hairline rows (gray 190, one pixel), dark column borders, and
 * text: a label centred over rows 1–5 (an odd block: it could sit in row 3 alone); weights
 * centred over rows 1–3 and over rows 4–5 (on the border between them); names one a row, row
 * 2's wrapped onto two lines; a score in every row but row 3; a deduction in row 4 only.
 */
function tablePage(): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(255);
  for (const y of ROWS) for (let x = COLUMNS[0]!; x <= COLUMNS[COLUMNS.length - 1]!; x++) data[y * WIDTH + x] = 190;
  for (const x of COLUMNS) for (let y = ROWS[0]!; y <= ROWS[ROWS.length - 1]!; y++) data[y * WIDTH + x] = data[y * WIDTH + x + 1] = 50;
  const middle = (r: number) => (ROWS[r]! + ROWS[r + 1]!) / 2;
  for (let c = 0; c < 5; c++) line(data, COLUMNS[c]! + 10, middle(0), 2);
  line(data, 110, (ROWS[1]! + ROWS[6]!) / 2, 4);
  line(data, 310, (ROWS[1]! + ROWS[4]!) / 2, 2);
  line(data, 310, ROWS[5]!, 2);
  for (const r of [1, 3, 4, 5]) line(data, 430, middle(r), 12);
  line(data, 430, middle(2) - 16, 18);
  line(data, 430, middle(2) + 16, 6);
  for (const r of [1, 2, 4, 5]) line(data, 1010, middle(r), 1);
  line(data, 1130, middle(4), 1);
  return { width: WIDTH, height: HEIGHT, dpi: 200, planes: [data] };
}

/** The page as the OCR path prepares it: rules found and erased, levels stretched, specks removed. */
function prepare(page: Page) {
  const image: GrayImage = { width: page.width, height: page.height, dpi: page.dpi, data: page.planes[0]! };
  const rules = detectRules(image, binarise(image, ruleThreshold(image, otsuThreshold(image))));
  const clean = despeckle(stretchLevels(eraseRules(image, rules)));
  const inferred = inferRows(binarise(clean, otsuThreshold(clean)), clean.width, clean.height, rules, clean.dpi);
  /**
   * Which row borders the inferred rules crossing column `c` stand for: the border within
   * 15 px (a cut lies in the text's gap, not exactly where the lost rule was), else null.
   */
  const cutsIn = (c: number) => {
    const x = (COLUMNS[c]! + COLUMNS[c + 1]!) / 2;
    const ys = inferred.horizontal.filter((h) => h.x0 <= x && h.x1 >= x).map((h) => h.y0);
    return ys.sort((a, b) => a - b).map((y) => ROWS.find((r) => Math.abs(r - y) <= 15) ?? null);
  };
  return { rules, inferred, cutsIn };
}

describe('rows of a table whose horizontal rules a fax lost (inferRows)', () => {
  const faxed = prepare(fax(tablePage(), random(7), 100, 160));

  it('keeps the column borders though no horizontal meets them', () => {
    expect(faxed.rules.horizontal).toEqual([]);
    expect(faxed.rules.vertical.map((v) => Math.round(v.x0)).sort((a, b) => a - b)).toEqual(COLUMNS.map((x) => x + 1));
  });

  it('cuts every row of the name column at its gaps, not between the wrapped lines of a cell', () => {
    expect(faxed.cutsIn(2)).toEqual(ROWS);
  });

  it('keeps a label centred over a block of rows in one cell, an odd block too', () => {
    expect(faxed.cutsIn(1)).toEqual([100, 200, 500, 700]);
    // Centred in row 3 as well as in rows 1–5: the walk down the column takes the block.
    expect(faxed.cutsIn(0)).toEqual([100, 200, 700]);
  });

  it('keeps the numbers of a value column in their own rows: a score row left blank, a lone deduction', () => {
    expect(faxed.cutsIn(3)).toEqual(ROWS);
    // The deduction of row 4 (500–600) could sit centred over rows 3–5 too: it takes its own row;
    // the empty rows above it stay one empty cell.
    expect(faxed.cutsIn(4)).toEqual([100, 200, 500, 600, 700]);
  });

  it('says which table its rows were inferred in', () => {
    expect(faxed.inferred.tables).toHaveLength(1);
    const t = faxed.inferred.tables[0]!;
    expect([t.x0, t.y0, t.x1, t.y1].map((v) => Math.round(v / 10) * 10)).toEqual([100, 100, 1240, 700]);
  });

  it('infers nothing in a table that kept its rules', () => {
    const ruled = tablePage();
    for (const y of ROWS) for (let x = COLUMNS[0]!; x <= COLUMNS[COLUMNS.length - 1]!; x++) ruled.planes[0]![y * WIDTH + x] = 50;
    const { rules, inferred } = prepare(ruled);
    expect(rules.horizontal).toHaveLength(ROWS.length);
    expect(inferred).toEqual({ horizontal: [], tables: [] });
  });
});

describe('bilevel pages (a fax) are told from antialiased print and scans', () => {
  it('takes a faxed page for bilevel, not the page it was made from', () => {
    const page = tablePage();
    // The clean page: its hairlines are gray, as antialiased print has gray round every stroke.
    const gray = (p: Page): GrayImage => ({ width: p.width, height: p.height, dpi: p.dpi, data: p.planes[0]! });
    expect(isBilevel(gray(fax(page, random(3), 200, 160)))).toBe(true);
    expect(isBilevel(gray(blur(page, 0.6)))).toBe(false);
  });

  it('softens a bilevel page for the recogniser: a stroke keeps its place, its edges turn gray', () => {
    const data = new Uint8Array(20 * 20).fill(255);
    for (let y = 5; y < 15; y++) for (let x = 8; x < 12; x++) data[y * 20 + x] = 0;
    const soft = soften({ width: 20, height: 20, dpi: 200, data });
    expect(soft.data[10 * 20 + 9]).toBe(0);
    expect(soft.data[10 * 20 + 7]).toBeGreaterThan(0);
    expect(soft.data[10 * 20 + 7]).toBeLessThan(255);
    expect(soft.data[10 * 20 + 2]).toBe(255);
  });
});

describe('column borders of a table cut by a page break', () => {
  /** Four borders 0.6 in long under a rule (dark, one pixel), or standing alone. */
  function cutTable(ruled: boolean): GrayImage {
    const data = new Uint8Array(WIDTH * 400).fill(255);
    if (ruled) for (let x = 100; x <= 1240; x++) data[100 * WIDTH + x] = 40;
    for (const x of [100, 420, 1000, 1240]) for (let y = 100; y < 220; y++) data[y * WIDTH + x] = data[y * WIDTH + x + 1] = 40;
    return { width: WIDTH, height: 400, dpi: 200, data };
  }
  const verticals = (page: GrayImage) => detectRules(page, binarise(page, 128)).vertical.length;

  it('keeps borders half as long as a loose one must be where they meet a rule at one end', () => {
    expect(verticals(cutTable(true))).toBe(4);
  });

  it('leaves as short borders that meet no rule (strokes, a frame of marks)', () => {
    expect(verticals(cutTable(false))).toBe(0);
  });
});
