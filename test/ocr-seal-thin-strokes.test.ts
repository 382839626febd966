import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe("a colour scan's seal whose thin strokes JPEG left nearly without red (real PP-OCR read)", () => {
  // Page 2 of heldout17's seal scan of layout L05 (corpus/build/scan-page-cuts.ts): the seal's ring runs
  // through the 指标值 and 全年实际完成值 cells. JPEG keeps colour at half resolution, so the ring's and the
  // characters' thin strokes come out dark with a tenth of their red; taken for gray print, they were read
  // as marks: the ring beside `≥20000人` as a closing quote.
  const result = readScanOnce('test/fixtures/scan-flags/thin-strokes-seal.pdf', 300_000);

  it('reads the values the ring runs through without the ring', () => {
    const rows = result().reports.flatMap((r) => r.indicators);
    const insured = rows.find((row) => row.level3?.startsWith('资助参加基本医疗保险'));
    expect(insured?.target_raw).toBe('≥20000人');
    expect(insured?.actual_raw).toBe('23518人');
  });
});
