import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a fax page whose project list was not read says so (real PP-OCR read)', () => {
  // Page 1 of heldout12's fax scan of layout L03 (corpus/build/scan-page-cuts.ts): a project list
  // (序号 项目名称 … 预算数 … 自评得分, the 预算数 split into 中央 省级 市级 区级 below) whose horizontal
  // hairlines the threshold took; its 自评得分 is read `白评得分`, no project is read from it.
  const result = readScanOnce('test/fixtures/scan-flags/project-list-fax.pdf', 300_000);

  it('gives no report with a reason that names the list header read and its page, once, not "no table found"', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/header words are read from the scan on page 1 \(「[^」]*项目名称[^」]*执行数[^」]*得分[^」]*」\) but not as a header/);
    expect(document.error!.match(/header words are read from the scan/g)).toHaveLength(1);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});

describe('a fax page whose indicator rows are read into a table under no header says so (real PP-OCR read)', () => {
  // Page 2 of heldout12's fax scan of seed 002 as wkhtmltopdf prints Writer's HTML export: the rows
  // (`≥70% | 78.60%`, `≥99% | ≥99%`) are read into a table's cells, their header printed on the page before.
  const result = readScanOnce('test/fixtures/scan-flags/unheaded-table-rows-fax.pdf', 300_000);

  it('gives no report with a reason that names a row read and its page, not "no table found"', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/rows are read from the scan on page 1 \(「[^」]*≥\d+%[^」]*」: a target beside its actual\) but no header/);
    expect(document.error).not.toContain('no performance-evaluation table found');
    // A prose cell is named up to its first full stop, not with the paragraph after its figure.
    expect(document.error).not.toContain('符合救助条件的对象已按规定纳入救助范围');
  });
});

describe('a fax page whose indicator header is read with no row under it says so (real PP-OCR read)', () => {
  // Page 1 of the same scan: the form's head (资金使用单位, the budget block, the goals) is read, and
  // the indicator header at the page's foot, its rows on the page the cut leaves out. Until round 20
  // its short column borders, ending on hairlines the fax broke into dashes, were dropped and the
  // header read garbled (`标丨级接标`), said as a form's head with no table under it.
  const result = readScanOnce('test/fixtures/scan-flags/head-only-fax.pdf', 300_000);

  it('gives no report with a reason that names the header read and its page, not "no table found"', () => {
    const { document } = result();
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/header is printed on page 1 \(「[^」]*一级指标 二级指标 三级指标[^」]*」\), but no row under it was read/);
    expect(document.error).not.toContain('no performance-evaluation table found');
  });
});
