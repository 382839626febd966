import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

const unnamedFindings = (result: ReturnType<ReturnType<typeof readScanOnce>>) =>
  result.reports.flatMap((r) => r.findings).filter((f) => f.code === 'OCR_COLUMN_UNNAMED');

describe('a scanned header word that names no column is doubted on every row under it (real PP-OCR read)', () => {
  // Page 5 of tune2's fax scan of s001b (corpus/build/scan-page-cuts.ts): a header cell is read
  // 「笑际值(2022年街)评分标准贫」, a word the vocabulary knows no column by, so what each row prints
  // under it is in none of the row's fields.
  const result = readScanOnce('test/fixtures/scan-flags/unnamed-header-word-fax.pdf', 300_000);

  it('flags the rows whose text went to no field, naming the text and the header word', () => {
    const rows = result().reports.flatMap((r) => r.indicators.map((i) => ({ r, i })));
    const unnamed = unnamedFindings(result());
    expect(rows.length).toBeGreaterThan(0);
    expect(unnamed.length).toBeGreaterThan(0);
    for (const f of unnamed) {
      expect(f.field).toBeNull();
      expect(f.origin).toBe('extraction');
      expect((f.printed ?? '').length).toBeGreaterThan(0);
      expect(f.message).toContain('评分标准');
      expect(rows.some(({ r, i }) => r.report.report_id === f.report_id && i.row_index === f.row_index)).toBe(true);
    }
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
