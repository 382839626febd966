import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a level label read in pieces, flagged on the row it misreads (real PP-OCR read)', () => {
  // Page 1 of heldout11's fax scan of L01 (corpus/build/scan-page-cuts.ts): the merged 二级指标 cell
  // 成本指标 beside two rows is read `成本指` on the first and `标` on the second, the second sure of
  // itself: nothing but the label's shape says the row is misread.
  const result = readScanOnce('test/fixtures/scan-flags/label-fragment-fax.pdf', 300_000);

  it('flags each row whose level label is one character with OCR_SUSPECT_TEXT on that label', () => {
    const pieces = result().reports.flatMap((r) => r.indicators.filter((i) => [...(i.level2 ?? '')].length === 1).map((i) => ({ r, i })));
    expect(pieces.length).toBeGreaterThan(0);
    for (const { r, i } of pieces) {
      expect(r.findings.filter((f) => f.row_index === i.row_index && f.field === 'level2').map((f) => f.code)).toContain('OCR_SUSPECT_TEXT');
    }
  });

  it('leaves whole level labels read sure of themselves unflagged as suspect', () => {
    const whole = result().reports.flatMap((r) => r.indicators.filter((i) => i.level2 === '时效指标').map((i) => ({ r, i })));
    expect(whole.length).toBeGreaterThan(0);
    for (const { r, i } of whole) expect(r.findings.filter((f) => f.row_index === i.row_index && f.field === 'level2' && f.code === 'OCR_SUSPECT_TEXT')).toEqual([]);
  });
});
