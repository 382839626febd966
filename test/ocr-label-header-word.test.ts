import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a level label read with its column’s header word in it is doubted by name (real PP-OCR read)', () => {
  // Page 2 of heldout14's fax scan of seed 002 (corpus/build/scan-page-cuts.ts): the rule under the
  // header's 一级指标 is lost, and the header word and the label 产出指标 are read as one cell. The rows'
  // level-1 reads `一级指标产出指标`, which no form prints; the doubt names level1, not only the row.
  const result = readScanOnce('test/fixtures/scan-flags/header-in-label-fax.pdf', 300_000);

  it('flags level1 as suspect text on each row whose label holds the header word', () => {
    const report = result().reports[0]!;
    const joined = report.indicators.filter((i) => (i.level1 ?? '').startsWith('一级指标'));
    expect(joined.length).toBeGreaterThan(0);
    for (const row of joined) {
      expect(report.findings.some((f) => f.row_index === row.row_index && f.code === 'OCR_SUSPECT_TEXT' && f.field === 'level1')).toBe(true);
    }
  });
});
