import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scanned report followed by a page read as text (real PP-OCR read)', () => {
  // Pages 2–4 of tune2's fax scan of the cut s001b (corpus/build/scan-page-cuts.ts): page 1 holds the
  // report's table; on page 3 the binarised table-like text could not be put into columns and was
  // read as text lines. The document says so; the report must too, at the first such line, since
  // the table may go on there with its rows in no record.
  const result = readScanOnce('test/fixtures/scan-flags/unaligned-after-report-fax.pdf', 300_000);

  it('names the page read as text as a table beside the report that went unread', () => {
    const { document, reports } = result();
    expect(document.error).toContain('without rules on page 3 could not be aligned into columns');
    expect(reports).toHaveLength(1);
    const { report, findings } = reports[0]!;
    expect(report.extraction_confidence).toBe('low');
    expect(report.extraction_confidence_reasons).toMatch(/1 evaluation table printed beside this report went unread \(page 3: 「/);
    const unread = findings.filter((f) => f.code === 'EXTRACTION_SUSPECT' && f.origin === 'extraction' && f.page === 3 && f.field === null);
    expect(unread).toHaveLength(1);
    expect(unread[0]!.printed).not.toBe('');
  });
});
