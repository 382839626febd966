import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { compareDocument } from '../pipeline/evaluate/compare';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { CORPUS, golden } from './helpers';

// The scanned corpus (corpus/scan: image-only PDFs, tilted and noisy) and the table pictures in
// a web page and a Word file (corpus/image), read by real OCR with an empty cache. OCR misreads:
// what is asserted is that every row not read exactly carries a finding (no silent wrong
// number), that every number of every row is read right (what misreads there are are words), and
// that exactness does not fall below what was measured (a regression guard).
const DOCUMENTS = [
  { file: 'scan/002-guangxi-transfer-region-scan.pdf', golden: '002', pages: 4, minExact: 8 },
  { file: 'scan/003-jinfeng-evaluation-report-scan.pdf', golden: '003', pages: 4, minExact: 27 },
  // 33 before the page preparation for real scans (paper flattening, rules down to the paper's
  // noise): since then one level-3 name (医保基金安全、平衡运行) is misread, flagged, numbers right.
  { file: 'scan/s004-qiannan-first-two-forms-scan.pdf', golden: 's004', pages: 8, minExact: 32 },
  { file: 'image/003-jinfeng-report-image.html', golden: '003', pages: 4, minExact: 27 },
  { file: 'image/003-jinfeng-report-image.docx', golden: '003', pages: 4, minExact: 27 },
];

/**
 * What a document's read may take: a budget a page, as generous as a 2-core machine shared with
 * other runs needs (the documents are read one after another, so a test waits for its own only).
 */
const PAGE_BUDGET_MS = 60_000;

let cache: string;
const results = new Map<string, Promise<DocumentResult>>();
/** A document's read, started by the first test that needs it: one document at a time. */
const read = (file: string) => {
  if (!results.has(file)) results.set(file, extractDocument(readFileSync(join(CORPUS, file)), join(CORPUS, file)));
  return results.get(file)!;
};
beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'jixiao-ocr-corpus-'));
  // The floors below were measured with tesseract.js: this guards that engine (the PP-OCR engine is
  // read on a real picture in ocr-engine.test.ts and scored on the scan grid by test/bench/ocr-grid.ts).
  configureOcr({ cacheDir: cache, engine: 'tesseract' });
});
afterAll(async () => {
  await shutdownOcr();
  rmSync(cache, { recursive: true, force: true });
});

describe.each(DOCUMENTS)('$file read by OCR', ({ file, golden: id, pages, minExact }) => {
  it('finds every report, marks it pdf_ocr and counts its OCR pages', async () => {
    const result = await read(file);
    const score = compareDocument(golden(id), result);
    expect(result.document.status).toBe('ok');
    expect(result.document.ocr_pages).toBe(pages);
    expect(score.reportsFound).toBe(golden(id).reports.length);
    expect(result.reports.every((r) => r.report.extraction_method === 'pdf_ocr')).toBe(true);
    expect(score.rowsExact).toBeGreaterThanOrEqual(minExact);
    expect(score.rowsNumbersRight).toBe(score.rowsExpected);
  }, pages * PAGE_BUDGET_MS);

  it('puts a finding on every row it did not read exactly', async () => {
    const result = await read(file);
    expect(compareDocument(golden(id), result).unflagged).toEqual([]);
  }, pages * PAGE_BUDGET_MS);
});
