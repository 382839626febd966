import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scanned blank template gives no report, as its text does (real PP-OCR read)', () => {
  // test/fixtures/layouts/blank-form.html printed by Chromium and scanned as the grid's portal family
  // (corpus/build/blank-scan-fixture.ts): header and level labels, every value cell empty or a
  // placeholder. PP-OCR reads its slashes as marks and its dots as zeros, unsure of both; read as
  // values, they made a report of two rows of marks.
  const result = readScanOnce('test/fixtures/scan-doubt/blank-form-portal.pdf', 300_000);

  it('says a blank form is read from the scan, not rows of its placeholders', () => {
    const { document, reports } = result();
    expect(reports).toEqual([]);
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/^an evaluation form is read from the scan on page 1 \(「[^」]*一级指标[^」]*实际完成值[^」]*」\) with no indicator, target, actual, weight or score in any row: a blank form/);
  });
});
