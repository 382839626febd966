import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { measureSkew, rotateImage } from '../parsers/ocr/deskew';
import { binarise, detectRules, otsuThreshold, ruleThreshold } from '../parsers/ocr/detect-rules';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { grayFromRgba, type GrayImage } from '../parsers/ocr/gray-image';
import { ROOT } from './helpers';

// A table's bold header row and the row below it, scanned as the grid's `heavy` family
// (corpus/build/blur-fixture.ts: tilt, blur 1.15 px, grain, JPEG 19). Under such blur the
// horizontal strokes of a line of characters run together into a run as long as a narrow cell.
const PICTURE = join(ROOT, 'test/fixtures/blur/header-heavy.jpg');

async function upright(): Promise<GrayImage> {
  const image = await loadImage(readFileSync(PICTURE));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const flat = flattenPaper(grayFromRgba(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height, 200));
  return rotateImage(flat, measureSkew(flat, binarise(flat)));
}

describe('rules under heavy blur', () => {
  it('are the table’s borders only: strokes of blurred text that run together are not a rule', async () => {
    const page = await upright();
    const rules = detectRules(page, binarise(page, ruleThreshold(page, otsuThreshold(page))));
    // The strip holds three horizontal borders across the table and its eight column borders.
    expect(rules.vertical).toHaveLength(8);
    expect(rules.horizontal).toHaveLength(3);
    expect(rules.horizontal.every((h) => h.x1 - h.x0 > 0.8 * page.width)).toBe(true);
  });
});
