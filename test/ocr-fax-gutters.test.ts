import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fax, random, type Page } from '../corpus/build/degrade-ops';
import { imageParser } from '../parsers/image';
import { pdfParser } from '../parsers/pdf';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { binarise, detectRules, eraseRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { despeckle } from '../parsers/ocr/despeckle';
import { stretchLevels, type GrayImage } from '../parsers/ocr/gray-image';
import { endingColumns, type EndingColumns } from '../parsers/ocr/carried-columns';
import { gutterColumns } from '../parsers/ocr/gutter-columns';
import { inferRows } from '../parsers/ocr/inferred-rows';
import type { Block } from '../schemas/document';
import { ROOT } from './helpers';

// A fax page can lose every rule of a table (hairlines averaged with paper, then thresholded):
// its columns are then found from the gutters its text leaves, before the cells are read.

const WIDTH = 1400;
const HEIGHT = 1000;
/** Where each column's text starts; the last column is empty but for its header word. */
const COLUMNS = [100, 400, 700, 1000, 1200];
/** The middles of the header row and four indicator rows. */
const ROWS = [150, 250, 350, 450, 550];

/** A line of `glyphs` dark squares (glyph-sized, 6 px apart as characters stand) centred at `cy`. */
function line(data: Uint8Array, x0: number, cy: number, glyphs: number): void {
  for (let g = 0; g < glyphs; g++) {
    for (let y = cy - 13; y < cy + 13; y++) for (let x = x0 + g * 30; x < x0 + g * 30 + 24; x++) data[y * WIDTH + x] = 30;
  }
}

/**
 * A 200-dpi page: a paragraph across the page, then a table with hairline rules (gray 190, one
 * pixel: a fax at 100 lines per inch loses them all) whose text stands in five columns: a label
 * in the first row only, names (one wrapped onto two lines, one with a gap after a comma), values, scores, and an empty column
 * with its header word; then a note at the margin left of the table, and a paragraph under it.
 */
function tablePage(rule = 190, paragraphAbove = true): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(255);
  const borders = [COLUMNS[0]! - 10, ...COLUMNS.slice(1).map((x) => x - 10), 1300];
  for (const y of [100, 200, 300, 400, 500, 600]) for (let x = borders[0]!; x <= borders[borders.length - 1]!; x++) data[y * WIDTH + x] = rule;
  for (const x of borders) for (let y = 100; y <= 600; y++) data[y * WIDTH + x] = rule;
  if (paragraphAbove) line(data, 100, 40, 40);
  [3, 4, 4, 3, 2].forEach((glyphs, c) => line(data, COLUMNS[c]!, ROWS[0]!, glyphs));
  line(data, COLUMNS[0]!, ROWS[1]!, 2);
  for (const r of [1, 4]) line(data, COLUMNS[1]!, ROWS[r]!, 8);
  // A full-width comma leaves a gap in a line as wide as a narrow gutter: the column's other lines cover it.
  line(data, COLUMNS[1]!, ROWS[3]!, 4);
  line(data, COLUMNS[1]! + 4 * 30 + 36, ROWS[3]!, 3);
  line(data, COLUMNS[1]!, ROWS[2]! - 16, 8);
  line(data, COLUMNS[1]!, ROWS[2]! + 16, 3);
  for (const r of [1, 2, 3, 4]) line(data, COLUMNS[2]!, ROWS[r]!, 3);
  for (const r of [1, 2, 4]) line(data, COLUMNS[3]!, ROWS[r]!, 1);
  line(data, 10, 680, 2);
  line(data, 100, 760, 40);
  return { width: WIDTH, height: HEIGHT, dpi: 200, planes: [data] };
}

/** The page as the OCR path prepares it (rules found and erased, levels stretched, specks removed), its gutter columns and rows. */
function prepare(page: Page, above: EndingColumns | null = null) {
  const image: GrayImage = { width: page.width, height: page.height, dpi: page.dpi, data: page.planes[0]! };
  const rules = detectRules(image, binarise(image, ruleThreshold(image, otsuThreshold(image))));
  const clean = despeckle(stretchLevels(eraseRules(image, rules)));
  const ink = binarise(clean, otsuThreshold(clean));
  const columns = gutterColumns(ink, clean.width, clean.height, rules, clean.dpi, above);
  const rows = inferRows(ink, clean.width, clean.height, { ...rules, vertical: [...rules.vertical, ...columns.vertical] }, clean.dpi);
  return { rules, columns, rows };
}

describe('columns of a table whose every rule a fax lost (gutterColumns)', () => {
  const faxed = prepare(fax(tablePage(), random(11), 100, 160));

  it('finds no rule left on the page', () => {
    expect(faxed.rules.horizontal).toEqual([]);
    expect(faxed.rules.vertical).toEqual([]);
  });

  it('draws a border in every gutter between the columns, one round the text, an empty column kept by its header word', () => {
    const xs = [...new Set(faxed.columns.vertical.map((v) => v.x0))].sort((a, b) => a - b);
    expect(xs).toHaveLength(COLUMNS.length + 1);
    expect(xs[0]).toBeLessThan(COLUMNS[0]!);
    // Each inner border lies in the gutter: right of the column before's text, left of its column's.
    const ends = [100 + 3 * 30, 400 + 8 * 30, 700 + 4 * 30, 1000 + 3 * 30];
    xs.slice(1, -1).forEach((x, i) => {
      expect(x).toBeGreaterThan(ends[i]!);
      expect(x).toBeLessThan(COLUMNS[i + 1]!);
    });
    expect(xs[xs.length - 1]).toBeGreaterThan(1200 + 2 * 30 - 6);
  });

  it('keeps the paragraphs above and below and the note at the margin out of the table', () => {
    expect(faxed.columns.tables).toHaveLength(1);
    const t = faxed.columns.tables[0]!;
    expect(t.y0).toBeGreaterThan(40 + 13);
    expect(t.y0).toBeLessThan(ROWS[0]! - 13);
    expect(t.y1).toBeGreaterThan(ROWS[4]! + 13);
    expect(t.y1).toBeLessThan(680 - 13);
  });

  it('has its rows cut at the text\'s gaps, a wrapped name kept in one row', () => {
    expect(faxed.rows.tables).toHaveLength(1);
    // The names' column parts between every two rows: four cuts inside the table, at the gaps.
    const x = COLUMNS[1]! + 50;
    const t = faxed.rows.tables[0]!;
    const cuts = faxed.rows.horizontal.filter((h) => h.x0 <= x && h.x1 >= x && h.y0 > t.y0 + 5 && h.y0 < t.y1 - 5).map((h) => h.y0);
    expect(cuts).toHaveLength(ROWS.length - 1);
    cuts.sort((a, b) => a - b).forEach((y, i) => expect(Math.abs(y - (ROWS[i]! + 50))).toBeLessThanOrEqual(15));
  });

  it('draws nothing over a table that kept its rules', () => {
    const ruled = prepare(tablePage(40));
    expect(ruled.rules.vertical.length).toBeGreaterThan(0);
    expect(ruled.columns).toEqual({ vertical: [], tables: [] });
  });
});

describe('column borders of a form that lost its horizontal rules (loose verticals)', () => {
  // A frame (a top rule, two sides) over two sections with their own inner borders, and one
  // border running down through both, as a form's column between its target and actual values;
  // every other horizontal rule lost, as a fax loses hairlines.
  const W = 1400;
  const H = 1200;
  const page = (strokeFromTop: boolean): GrayImage => {
    const data = new Uint8Array(W * H).fill(255);
    const vertical = (x: number, y0: number, y1: number) => {
      for (let y = y0; y <= y1; y++) data[y * W + x] = 0;
    };
    for (let x = 100; x <= 1300; x++) data[100 * W + x] = 0;
    vertical(100, 100, 1100);
    vertical(1300, 100, 1100);
    vertical(700, 200, 1100);
    for (const x of [400, 1000]) vertical(x, 200, 500);
    for (const x of [300, 500, 900]) vertical(x, 700, 1100);
    // A stroke down from the top rule, longer than a character's (as a shadow's edge or a seal's stroke).
    if (strokeFromTop) vertical(600, 100, 230);
    return { width: W, height: H, dpi: 200, data };
  };
  const xs = (image: GrayImage) => detectRules(image, binarise(image, ruleThreshold(image, otsuThreshold(image)))).vertical.map((v) => Math.round(v.x0)).sort((a, b) => a - b);

  it('keeps the border running through both sections beside the frame, and each section\'s own', () => {
    expect(xs(page(false))).toEqual([100, 300, 400, 500, 700, 900, 1000, 1300]);
  });

  it('keeps no short stroke for the frame beside it', () => {
    expect(xs(page(true))).not.toContain(600);
  });
});

describe('a faxed table going on at the top of a page in the columns the page before ended on (carried columns)', () => {
  /** The borders of the tablePage's rules, with an empty label column left of them: what the page before ended its table on. */
  const BORDERS = [40, ...COLUMNS.map((x) => x - 10), 1300];
  const bordersOf = (page: ReturnType<typeof prepare>) => [...new Set(page.columns.vertical.map((v) => v.x0))].sort((a, b) => a - b);

  it('finds the borders a ruled table reaches the bottom of its page with', () => {
    const ruled = tablePage(40, false);
    const image: GrayImage = { width: ruled.width, height: ruled.height, dpi: ruled.dpi, data: ruled.planes[0]! };
    const rules = detectRules(image, binarise(image, ruleThreshold(image, otsuThreshold(image))));
    const ending = endingColumns(rules, WIDTH, 200);
    expect(ending?.width).toBe(WIDTH);
    expect(ending?.xs.map((x) => Math.round(x))).toEqual(BORDERS.slice(1));
  });

  it('draws the table at the top of the page on those borders, its empty columns and outer edges too', () => {
    const page = prepare(fax(tablePage(190, false), random(12), 100, 160), { width: WIDTH, xs: BORDERS });
    expect(bordersOf(page)).toEqual(BORDERS);
  });

  it('draws a border at the middle of a gutter the page before has none in (it lost that rule too)', () => {
    const lost = BORDERS.filter((x) => x !== COLUMNS[3]! - 10);
    const xs = bordersOf(prepare(fax(tablePage(190, false), random(12), 100, 160), { width: WIDTH, xs: lost }));
    expect(xs).toHaveLength(BORDERS.length);
    expect(xs.filter((x) => !lost.includes(x))).toHaveLength(1);
    const middle = xs.find((x) => !lost.includes(x))!;
    expect(middle).toBeGreaterThan(700 + 4 * 30);
    expect(middle).toBeLessThan(COLUMNS[3]!);
  });

  it('keeps its own gutters when a border of the page before crosses its text, or when text stands above it', () => {
    const own = bordersOf(prepare(fax(tablePage(190, false), random(12), 100, 160)));
    const crossing = [40, 300, 600, 900, 1300];
    expect(bordersOf(prepare(fax(tablePage(190, false), random(12), 100, 160), { width: WIDTH, xs: crossing }))).toEqual(own);
    const underParagraph = prepare(fax(tablePage(), random(11), 100, 160), { width: WIDTH, xs: BORDERS });
    expect(bordersOf(underParagraph)).toEqual(bordersOf(prepare(fax(tablePage(), random(11), 100, 160))));
    expect(bordersOf(prepare(fax(tablePage(190, false), random(12), 100, 160), { width: WIDTH + 10, xs: BORDERS }))).toEqual(own);
  });
});

describe('a faxed table going on over a page break, read (real PP-OCR read)', () => {
  // corpus/pdf/001's indicator table cut by its first page's foot (the rules down the columns
  // kept, every horizontal one lost) and going on at the head of its second (every rule lost),
  // both pages tilted and speckled by the fax (corpus/build/fax-fixture.ts).
  let blocks: Block[];

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    blocks = (await pdfParser.parse(readFileSync(join(ROOT, 'test/fixtures/fax/continued-fax.pdf')), { name: 'continued-fax.pdf' })).blocks;
  }, 120_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('reads one table over both pages, the row the break cut one row again', () => {
    const tables = blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const cells = tables[0]!.table.rows.flat().map((c) => c.text.replace(/\s+/g, ''));
    expect(cells.find((t) => t.startsWith('全年对区域内'))).toMatch(/全年对区域内.*进行全面检查$/);
    // The second page's rows go on under the first page's: target, actual, score.
    const row = tables[0]!.table.rows.find((r) => r.some((c) => c.text.includes('2022-12-31')));
    expect(row?.map((c) => c.text.trim()).filter((t) => t !== '').slice(-3)).toEqual(['2022-12-31', '2022-12-31', '5']);
  });

  it('reads no specks between the two parts (nothing but the table is printed)', () => {
    expect(blocks.filter((b) => b.kind === 'text')).toEqual([]);
  });
});

describe('a faxed table with no rule left, read (real PP-OCR read)', () => {
  // Three indicator rows of corpus/pdf/001's page 2, faxed so that every hairline is lost
  // (corpus/build/fax-fixture.ts): read as a page of text, its columns' lines ran together.
  let rows: Array<Array<{ text: string; rowsInferred: boolean }>>;

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    const parsed = await imageParser.parse(readFileSync(join(ROOT, 'test/fixtures/fax/rows-fax.png')), { name: 'rows-fax.png' });
    const table = parsed.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    rows = (table?.table.rows ?? []).map((row) => row.map((c) => ({ text: c.text.replace(/\s+/g, ''), rowsInferred: c.prov.rowsInferred === true })));
  }, 60_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('reads each indicator in its own row, its target, actual and score beside it', () => {
    const rowOf = (name: string) => rows.find((r) => r.some((c) => c.text === name))?.map((c) => c.text).filter((t) => t !== '');
    expect(rowOf('完成辖区内普通城乡居民人数参保缴费任务')).toEqual(['完成辖区内普通城乡居民人数参保缴费任务', '≥52万人', '≥52万人', '10']);
    expect(rowOf('县级财政参保配套资金到位率')).toEqual(['县级财政参保配套资金到位率', '≥100%', '≥100%', '5']);
  });

  it('marks every cell read as one whose rows (and columns) were guessed, for the rows\' findings', () => {
    const read = rows.flat().filter((c) => c.text !== '');
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((c) => !c.rowsInferred)).toEqual([]);
  });
});
