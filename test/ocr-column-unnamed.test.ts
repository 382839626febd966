import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

const unnamedFindings = (result: ReturnType<ReturnType<typeof readScanOnce>>) =>
  result.reports.flatMap((r) => r.findings).filter((f) => f.code === 'OCR_COLUMN_UNNAMED');

describe('a scanned header word that names no column is doubted on every row under it (real PP-OCR read)', () => {
  // Page 2 of heldout15's heavy scan of L01 (corpus/build/scan-page-cuts.ts): the header's 三级指标 is
  // misread, a word the vocabulary knows no column by, so each row's indicator name is in no field.
  const result = readScanOnce('test/fixtures/scan-flags/unnamed-name-header-heavy.pdf', 300_000);

  it('flags each row whose name went to no field, naming the text it printed there', () => {
    const rows = result().reports.flatMap((r) => r.indicators);
    const unnamed = unnamedFindings(result());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((i) => i.level3 === null)).toBe(true);
    expect(unnamed.map((f) => f.row_index).sort()).toEqual(rows.map((_, i) => i));
    expect(unnamed.every((f) => f.field === null && f.origin === 'extraction' && (f.printed ?? '').startsWith('城乡居民'))).toBe(true);
  });
});

describe('a scanned header word the vocabulary knows and no field holds is no misread (real PP-OCR read)', () => {
  // Page 1 of tune2's seal scan of L07 (corpus/build/scan-page-cuts.ts): its first column is headed
  // 序号, read right; the rows' numbers under it are their order, in no field by design.
  const result = readScanOnce('test/fixtures/scan-flags/index-column-seal.pdf', 300_000);

  it('raises no OCR_COLUMN_UNNAMED on the 序号 column', () => {
    expect(result().reports.flatMap((r) => r.indicators).length).toBeGreaterThan(0);
    expect(unnamedFindings(result())).toEqual([]);
  });
});
