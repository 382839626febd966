import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParser } from '../parsers/image';
import { configureOcr, decodeImage, ocrConfig, shutdownOcr } from '../parsers/ocr';
import { binarise, otsuThreshold } from '../parsers/ocr/detect-rules';
import { grayFromRgba } from '../parsers/ocr/gray-image';
import { ROOT } from './helpers';
import { expectProcessScoreTable } from './ocr-picture';

// A red 公章 stamped over the 分值/得分 numbers of seed 003's 过程管理 table (corpus/image), made by
// corpus/build/seal-fixture.ts with the scan grid's stamp: a colour JPEG at quality 45 (colour
// kept at half resolution, so the seal's stroke edges lose their red) and a gray JPEG of the
// same stamped sheet. Real PP-OCR reads; nothing is mocked.
const CLEAN = join(ROOT, 'corpus/image/images/jinfeng-table-2.png');
const COLOUR = join(ROOT, 'test/fixtures/seal/table-seal-colour.jpg');
const GRAY = join(ROOT, 'test/fixtures/seal/table-seal-gray.jpg');

beforeAll(() => {
  configureOcr({ cacheDir: null, workers: 1, progress: false });
});
afterAll(async () => {
  await shutdownOcr();
});

/** Ink pixels the stamped picture has beyond the clean one's, and the clean one's print it keeps. */
async function inkAgainstClean(file: string): Promise<{ added: number; print: number; kept: number }> {
  const clean = await decodeImage(readFileSync(CLEAN));
  const stamped = await decodeImage(readFileSync(file));
  const before = binarise(clean, otsuThreshold(clean));
  const after = binarise(stamped, otsuThreshold(stamped));
  let [added, print, kept] = [0, 0, 0];
  for (let i = 0; i < after.length; i++) {
    if (after[i] === 1 && before[i] === 0) added++;
    if (before[i] === 1) {
      print++;
      kept += after[i]!;
    }
  }
  return { added, print, kept };
}

describe('a red seal in a colour scan', () => {
  it('leaves almost no ink of its own, and the print under it keeps its ink', async () => {
    const { added, print, kept } = await inkAgainstClean(COLOUR);
    // The seal's ring, text and star cover some 20,000 pixels here (see the gray scan below). Its thin
    // strokes, left by JPEG with little red, are seal too (the ink it left fell from 3.9 % to 2.2 % of the
    // print's); the print's edge pixels that touch them lose their part of its colour with them.
    expect(added).toBeLessThan(0.03 * print);
    expect(kept).toBeGreaterThan(0.96 * print);
  });

  it('is taken as paper at the level of its own red, not as light-gray strokes', () => {
    // Seal ink over paper at a red of 190 among more seal ink at 190–240, black print under the
    // ink, a seal stroke's edge whose red JPEG diluted (partly red), a gray print pixel.
    const pixels = [
      ...Array.from({ length: 8 }, (_, i) => [190 + 7 * i, 60, 70]),
      [0, 0, 0],
      [95, 20, 25],
      [200, 150, 150],
      [120, 120, 120],
    ];
    const rgba = new Uint8ClampedArray(pixels.flatMap(([r, g, b]) => [r!, g!, b!, 255]));
    const gray = grayFromRgba(rgba, pixels.length, 1, 200).data;
    expect(Math.min(...gray.slice(0, 8))).toBeGreaterThan(240);
    expect(gray[8]).toBe(0);
    // Print half as light as paper under the ink stays half as light.
    expect(Math.abs(gray[9]! - 128)).toBeLessThan(10);
    expect(gray[10]).toBeGreaterThan(190);
    expect(gray[11]).toBe(120);
  });

  it("takes a thin stroke beside its ink for seal, though JPEG left it little red; the same pink away from a seal stays", () => {
    // 200 × 100 px at 200 dpi of paper: a block of seal ink (its red 200–238) and, under it, a seal stroke one pixel high whose
    // red JPEG diluted to a tenth (dark, barely pink); far to the right a few pixels of that pink and black print.
    const [width, height] = [200, 100];
    const rgba = new Uint8ClampedArray(width * height * 4).fill(245);
    const put = (x: number, y: number, [r, g, b]: readonly number[]) => rgba.set([r!, g!, b!, 255], 4 * (y * width + x));
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(x, y, [245, 245, 245]);
    for (let y = 10; y < 30; y++) for (let x = 10; x < 30; x++) put(x, y, [200 + 2 * (x - 10), 95, 112]);
    for (let x = 10; x < 40; x++) put(x, 35, [202, 183, 189]);
    for (let x = 150; x < 154; x++) put(x, 35, [202, 183, 189]);
    for (let x = 150; x < 170; x++) put(x, 60, [60, 60, 60]);
    const gray = grayFromRgba(rgba, width, height, 200).data;
    expect(Math.min(...Array.from({ length: 30 }, (_, i) => gray[35 * width + 10 + i]!))).toBeGreaterThan(235);
    expect(gray[35 * width + 150]).toBe(189);
    expect(gray[60 * width + 160]).toBe(60);
  });

  it('is read through: every cell of the table, the numbers under the seal and no seal text', async () => {
    const blocks = (await imageParser.parse(readFileSync(COLOUR), { name: 'table-seal-colour.jpg', ocr: { ...ocrConfig(), engine: 'ppocr' } })).blocks;
    expectProcessScoreTable(blocks);
  }, 60_000);
});

describe('a red seal in a gray scan', () => {
  it('cannot be told from print by colour: its strokes stay as ink (a known limit, flagged downstream)', async () => {
    const { added, print } = await inkAgainstClean(GRAY);
    expect(added).toBeGreaterThan(0.2 * print);
  });
});
