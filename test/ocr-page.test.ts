import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageParser } from '../parsers/image';
import { configureOcr, readerStats, shutdownOcr } from '../parsers/ocr';
import { ROOT } from './helpers';
import { expectProcessScoreTable, firstTable } from './ocr-picture';

// Real OCR (tesseract.js with the npm language data, no network; the PP-OCR engine reads the
// same picture in ocr-engine.test.ts) on a small table picture:
// seed 003's 过程管理 score table as published in corpus/image (1080 × 486 px).
const PICTURE = join(ROOT, 'corpus/image/images/jinfeng-table-2.png');
let cache: string;

beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'jixiao-ocr-test-'));
  configureOcr({ cacheDir: cache, workers: 1, engine: 'tesseract' });
});
afterAll(async () => {
  await shutdownOcr();
  rmSync(cache, { recursive: true, force: true });
});

const table = firstTable;

describe('a table picture read by OCR', () => {
  let first: Awaited<ReturnType<typeof imageParser.parse>>;
  let readsBefore = 0;

  beforeAll(async () => {
    readsBefore = readerStats.pagesRead;
    first = await imageParser.parse(readFileSync(PICTURE), { name: 'jinfeng-table-2.png' });
  }, 60_000);

  it('rebuilds the grid from the ruling lines: header, merged level cells, numbers', () => {
    expectProcessScoreTable(first.blocks);
  });

  it('prints Chinese as printed: no spaces between characters', () => {
    const all = table(first.blocks).rows.flat().map((c) => c.text);
    expect(all.filter((s) => /[\u4e00-\u9fff] [\u4e00-\u9fff]/.test(s))).toEqual([]);
    expect(all).toContain('绩效评价机制健全性');
  });

  it('keeps each cell’s confidence and counts the picture as an OCR page', () => {
    const cells = table(first.blocks).rows.flat().filter((c) => c.text !== '');
    expect(cells.every((c) => typeof c.prov.confidence === 'number' && c.prov.confidence >= 0 && c.prov.confidence <= 100)).toBe(true);
    expect(first.ocrPages).toBe(1);
    expect(first.format).toBe('image');
    expect(readerStats.pagesRead).toBeGreaterThan(readsBefore);
  });

  it('reads the same picture again from the cache, without tesseract', async () => {
    const reads = readerStats.pagesRead;
    const cached = readerStats.pagesCached;
    const again = await imageParser.parse(readFileSync(PICTURE), { name: 'again.png' });
    expect(readerStats.pagesRead).toBe(reads);
    expect(readerStats.pagesCached).toBeGreaterThan(cached);
    expect(again.blocks).toEqual(first.blocks);
  });

  it('says so when OCR is turned off', async () => {
    configureOcr({ enabled: false });
    try {
      await expect(imageParser.parse(readFileSync(PICTURE), { name: 't.png' })).rejects.toThrow(/needs OCR; OCR is turned off/);
    } finally {
      configureOcr({ enabled: true });
    }
  });
});
