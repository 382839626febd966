import { describe, expect, it } from 'vitest';
import { rowsReadAsText } from '../pipeline/reports/unread';
import { readScanOnce } from './ocr-fixture';

describe('a misread comma is flagged on its row, not only by the section label beside it (real PP-OCR read)', () => {
  // Page 7 of heldout8's lowres scan of seed 004 (corpus/build/scan-page-cuts.ts): the section label
  // 绩效指标, merged down beside every row, is one character from the level name 时效指标; the form prints
  // `已按工作要求, 2023年2月` (a half-width comma, then a space), which the reader gives a full-width comma.
  const result = readScanOnce('test/fixtures/scan-flags/section-label-lowres.pdf', 300_000);

  it('flags the comma whose width the scan does not tell on the row that prints it', () => {
    const rows = result().reports.flatMap((r) => r.indicators.filter((i) => (i.actual_raw ?? '').startsWith('已按工作要求')).map((i) => ({ r, i })));
    expect(rows.length).toBe(1);
    const { r, i } = rows[0]!;
    expect(r.findings.filter((f) => f.row_index === i.row_index && f.field === 'actual_raw').map((f) => f.code)).toContain('OCR_MARK_WIDTH_UNSURE');
  });
});

describe('a scan whose table header was lost says so (real PP-OCR read)', () => {
  // Page 4 of heldout10's seal scan of seed 002 as Calc prints it (no rules): the seal lies over the
  // header, which is not read at all; the rows are read as lines of text.
  const result = readScanOnce('test/fixtures/scan-flags/unheaded-rows-seal.pdf', 300_000);

  it('gives no report with a reason that names the rows read and their page, not "no table found"', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/rows are read from the scan on page 1 \(「.*≥\d+%.*」: a target beside its actual\) but no header/);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});

describe('rows read as text', () => {
  const line = (text: string) => ({ text, heading: false, prov: { page: 2 } });
  it('are lines that print a target beside its actual, two of them or more', () => {
    expect(rowsReadAsText([line('数量指标政策覆盖率 ≥99% ≥99% 无'), line('政策知晓率 ≥80% 81.77%无')])).toEqual({ printed: '数量指标政策覆盖率 ≥99% ≥99% 无', page: 2 });
    expect(rowsReadAsText([line('政策知晓率 ≥80% 81.77%无')])).toBeNull();
  });
  it('are not sentences that print figures', () => {
    expect(rowsReadAsText([line('2023年，资金共资助参保305万人，覆盖率≥99%。'), line('救助比例达到≥70%，同比增长22.06%'), line('完成率 100% 95%')])).toBeNull();
  });
});
