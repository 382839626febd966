import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scanned table whose value column header is misread is said, not declined silently (real PP-OCR read)', () => {
  // Page 2 of a bleed-through scan of seed 002 as Calc prints it, without rules
  // (corpus/build/scan-page-cuts.ts): its header's 全年实际完成值 is read `值`, a word the vocabulary
  // names no column by, so none of the rows read under it holds a value — a target framework's look.
  const result = readScanOnce('test/fixtures/scan-flags/misread-value-header-bleed.pdf', 300_000);

  it('gives no report, and its error names the page and the header it read', () => {
    const { document, reports } = result();
    expect(reports).toEqual([]);
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/header is read from the scan on page 1 \(「[^」]*一级指标[^」]*」\) with a column it could not name/);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});
