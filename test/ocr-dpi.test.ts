import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, ocrPageImage, shutdownOcr, type OcrPage } from '../parsers/ocr';
import { detectRules, eraseRules, ruleOptions } from '../parsers/ocr/detect-rules';
import { grayFromRgba, type GrayImage } from '../parsers/ocr/gray-image';
import { ROOT } from './helpers';

// One strip of seed 003 (a table's header row and the row under it) scanned at 150 and at 400
// dpi with the same defects measured on paper (corpus/build/dpi-fixture.ts): a picture is read
// at its own resolution, so what the reader does in pixels must follow the resolution.
const picture = (dpi: number) => join(ROOT, `test/fixtures/dpi/header-${dpi}dpi.jpg`);

async function scan(dpi: number): Promise<GrayImage> {
  const image = await loadImage(readFileSync(picture(dpi)));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return grayFromRgba(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height, dpi);
}

beforeAll(() => configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr', progress: false }));
afterAll(async () => {
  await shutdownOcr();
});

/** The page's ruling segments in inches, sorted: horizontals by height, verticals by place. */
const rulesInInches = (page: OcrPage) => {
  const inch = (v: number) => v / 72;
  const horizontal = page.content.segments.filter((s) => s.y0 === s.y1).map((s) => inch(s.y0)).sort((a, b) => a - b);
  const vertical = page.content.segments.filter((s) => s.x0 === s.x1).map((s) => inch(s.x0)).sort((a, b) => a - b);
  return { horizontal, vertical };
};

describe('one scan read at 150 and at 400 dpi', () => {
  let low: OcrPage;
  let high: OcrPage;
  beforeAll(async () => {
    low = await ocrPageImage(await scan(150), 1);
    high = await ocrPageImage(await scan(400), 1);
  }, 60_000);

  it('gives the same rules, where they lie on paper', () => {
    const [a, b] = [rulesInInches(low), rulesInInches(high)];
    // Three borders across the table, nine column borders (eight cells a row).
    expect(a.horizontal).toHaveLength(3);
    expect(a.vertical).toHaveLength(9);
    expect(b.horizontal).toHaveLength(a.horizontal.length);
    expect(b.vertical).toHaveLength(a.vertical.length);
    // Within a hundredth of an inch more than a 150-dpi pixel.
    a.horizontal.forEach((y, i) => expect(Math.abs(y - b.horizontal[i]!)).toBeLessThan(1 / 150 + 0.01));
    a.vertical.forEach((x, i) => expect(Math.abs(x - b.vertical[i]!)).toBeLessThan(1 / 150 + 0.01));
  });

  it('reads the same header words and numbers in the same places', () => {
    const header = ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分', '扣分总计'];
    for (const page of [low, high]) {
      const top = page.content.runs.filter((r) => r.y1 / 72 < 0.72).sort((p, q) => p.x0 - q.x0);
      expect(top.map((r) => r.text)).toEqual(header);
    }
    // The row under it: its numbers (weights 13, 9, 3 and the score 3), each in one column at both resolutions.
    const numbers = (page: OcrPage) => page.content.runs.filter((r) => /^\d+$/.test(r.text)).sort((p, q) => p.x0 - q.x0);
    expect(numbers(low).map((r) => r.text)).toEqual(['13', '9', '3', '3']);
    expect(numbers(high).map((r) => r.text)).toEqual(['13', '9', '3', '3']);
    numbers(low).forEach((r, i) => expect(Math.abs(r.x0 - numbers(high)[i]!.x0) / 72).toBeLessThan(0.1));
  });
});

/**
 * A page `inches` wide at `dpi` holding one horizontal rule 0.75 pt thick across 6 in, broken by
 * scanner dropouts every 0.1 in, each `dropout` inches long.
 */
function brokenRule(dpi: number, dropout: number): GrayImage {
  const width = Math.round(7 * dpi);
  const height = Math.round(1 * dpi);
  const data = new Uint8Array(width * height).fill(255);
  const px = (inches: number) => Math.round(inches * dpi);
  const stroke = Math.max(1, Math.round((0.75 / 72) * dpi));
  for (let y = px(0.5); y < px(0.5) + stroke; y++) {
    for (let x = px(0.5); x < px(6.5); x++) {
      const along = (x - px(0.5)) % px(0.1);
      if (along >= px(dropout)) data[y * width + x] = 40;
    }
  }
  return { width, height, dpi, data };
}

describe('pixel constants follow the resolution', () => {
  // A dropout of 1/200 in: one pixel at 200 dpi, two at 400; the rule is one rule at both.
  for (const dpi of [200, 400]) {
    it(`bridges the same dropouts in a rule at ${dpi} dpi and erases the rule whole`, () => {
      const page = brokenRule(dpi, 1 / 200);
      const mask = Uint8Array.from(page.data, (v) => (v < 128 ? 1 : 0));
      const rules = detectRules(page, mask, ruleOptions(dpi));
      expect(rules.horizontal).toHaveLength(1);
      expect((rules.horizontal[0]!.x1 - rules.horizontal[0]!.x0) / dpi).toBeGreaterThan(5.9);
      const erased = eraseRules(page, rules);
      expect(erased.data.some((v) => v < 128)).toBe(false);
    });
  }
  it('scales the gap bridged, the clearance asked of a short border and the eraser’s margin alike', () => {
    const [at200, at400] = [ruleOptions(200), ruleOptions(400)];
    expect(at400.maxGap).toBe(2 * at200.maxGap);
    expect(at400.clearance).toBe(2 * at200.clearance);
    expect(at400.sameLine).toBe(2 * at200.sameLine);
  });
});
