import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scanned page without rules whose columns set their lines apart is read column by column (real PP-OCR read)', () => {
  // Page 2 of a seal scan of seed 002 as Calc prints it, without rules (corpus/build/scan-page-cuts.ts):
  // Calc sets each cell at its foot, so neighbouring columns' lines do not line up and, with the seal's
  // ink, run into bands several lines high across the page. Read as one line, such a band loses its
  // text: the header row 一级指标 二级指标 三级指标 went with it, and the document said nothing.
  const result = readScanOnce('test/fixtures/scan-flags/offset-lines-seal.pdf', 300_000);

  it('reads the header row, and says that no row under it was read', () => {
    const { document, reports } = result();
    expect(reports).toEqual([]);
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/header is (printed|read from the scan) on page 1 \(「[^」]*一级指标[^」]*二级指标[^」]*」\)/);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});
