import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scanned table whose next page is read as text (real PP-OCR read)', () => {
  // heldout14's fax scan of L05 as Writer's HTML import lays it out (corpus/build/scan-page-cuts.ts),
  // cut after the part's one score. Page 1's table gives one indicator row; page 2 holds the table's
  // other rows, but on the binarised page they could not be put into columns and were read as text
  // lines. Only the document said so ("check those pages by hand"): the report, one row of seven,
  // was read `high` — a silent loss.
  const result = readScanOnce('test/fixtures/scan-flags/unaligned-rows-fax.pdf', 300_000);

  it('makes the report low, naming the page whose rows were read as text', () => {
    const { document, reports } = result();
    expect(document.error).toContain('could not be aligned into columns');
    expect(reports).toHaveLength(1);
    const { report, findings } = reports[0]!;
    expect(report.extraction_confidence).toBe('low');
    expect(report.extraction_confidence_reasons).toMatch(/went unread \(page 2[^)]*\)/);
    expect(findings.some((f) => f.code === 'EXTRACTION_SUSPECT' && f.origin === 'extraction' && f.page === 2)).toBe(true);
  });
});
