import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

const suspect = (r: { findings: ReadonlyArray<{ code: string; row_index: number | null }> }) => r.findings.filter((f) => f.code === 'EXTRACTION_SUSPECT' && f.row_index === null);

describe('a form whose level-1 block was read into the block above it, a row with it (real PP-OCR read)', () => {
  // Page 2 of heldout17's lowres scan of L05 with the rule above the form's last row wiped out, as a faint border leaves
  // it (corpus/build/lost-rule-fixture.ts): with no bound on the page, 满意度指标 is read into 效益指标's label and its
  // one row into the row above. The lost row has no record to carry a finding: only a doubt on the whole report tells
  // the user.
  const result = readScanOnce('test/fixtures/scan-flags/joined-blocks-lowres.pdf', 300_000);

  it('doubts the read as a whole: a level-1 name in the joined label labels no row of its own', () => {
    const [report] = result().reports;
    expect(report!.indicators.some((i) => i.level1 === '满意度指标')).toBe(false);
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.report.extraction_confidence_reasons).toContain('满意度指标');
    expect(suspect(report!).length).toBe(1);
  });
});

describe('the same form read row by row (real PP-OCR read)', () => {
  // Page 2 of heldout17's portal scan of L05: every level-1 block read apart, each row its own record.
  const result = readScanOnce('test/fixtures/scan-flags/joined-blocks-portal.pdf', 300_000);

  it('stays high: every level-1 label is one name with rows of its own', () => {
    const [report] = result().reports;
    expect(report!.indicators.map((i) => i.level1)).toContain('满意度指标');
    expect(report!.report.extraction_confidence).toBe('high');
    expect(suspect(report!)).toEqual([]);
  });
});

describe('a region found by its short form at the start of a long name read a character off (real PP-OCR read)', () => {
  // Pages 1-2 of heldout17's fax scan of seed 002: the department 广西壮族自治区医疗保障局 is read with 自 as 白. The
  // short form 广西 at its start named the province, and the region was read `广西`, shorter than the name printed,
  // with no finding on it.
  const result = readScanOnce('test/fixtures/scan-flags/region-cut-short-fax.pdf', 300_000);

  it('flags the region and the department as a doubtful place, the province and its code kept', () => {
    const [report] = result().reports;
    expect(report!.report.department).toBe('广西壮族白治区医疗保障局');
    const doubted = (field: string) => report!.findings.some((f) => f.origin === 'extraction' && f.row_index === null && f.field === field && f.code === 'PLACE_NAME_DOUBTFUL');
    expect(doubted('region_name')).toBe(true);
    expect(doubted('department')).toBe(true);
    expect(report!.report.region_name).not.toBe('广西');
    expect(report!.report.province).toBe('广西壮族自治区');
    expect(report!.report.admin_code).toBe('450000');
  });
});
