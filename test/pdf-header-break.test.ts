import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfParser } from '../parsers/pdf';
import { validateReport } from '../pipeline/validate';
import { NO_TABLE_FOUND } from '../pipeline/vocabulary/reasons';
import { extractFile, ROOT } from './helpers';

// WeasyPrint prints made by `npx tsx corpus/build/producers.ts --fixtures browser-header-break
// browser-lost-form` (Sichuan 部门预算项目支出绩效自评表, border="1" cellspacing="0").
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);
const ROWS = [
  ['参保人数', '≥58.6万人', '59.12万人', '30', '30'],
  ['待遇发放准确率', '=100%', '100%', '30', '30'],
  ['待遇发放及时率', '=100%', '100%', '20', '20'],
  ['参保群众满意度', '≥90%', '95%', '20', '20'],
];

describe('an indicator header cut by a page break (WeasyPrint)', () => {
  const file = fixture('weasyprint-header-break.pdf');

  it('is cut in the fixture: 一级指标 and 年度指标值（A） end page 1, 实际完成值 and 符号 | 值 | 单位 start page 2', async () => {
    const doc = await pdfParser.parse(readFileSync(file), { name: 'weasyprint-header-break.pdf' });
    const pageOf = (text: string) => doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : [])).find((c) => c.text === text)?.prov.page;
    expect([pageOf('一级指标'), pageOf('年度指标值（A）'), pageOf('实际完成值'), pageOf('符号')]).toEqual([1, 1, 2, 2]);
  });

  it('reads the header across the cut: both forms, every row with its target, actual, weight and score, nothing doubted', async () => {
    const result = await extractFile(file);
    expect(result.reports.map((r) => r.report.project_name)).toEqual(['2023年城乡居民医保参保工作经费', '2023年医保基金监管工作经费']);
    for (const r of result.reports) {
      expect(r.indicators.map((i) => [i.level3, i.target_raw, i.actual_raw, i.weight, i.score])).toEqual(ROWS);
      expect(r.report.extraction_confidence).toBe('high');
      expect(r.findings.filter((f) => f.code === 'EXTRACTION_SUSPECT')).toEqual([]);
    }
  });
});

// The page layouts printed by WeasyPrint: a header row the page cut, its rest printed empty on the
// next page (L06), and a section cell 绩效指标（90分） drawn shorter than its span, the stretch under
// it an empty cell (L01). Either row prints nothing of its own; read again as a header, it split
// each first form from its rows.
describe('a row that prints nothing of its own under a header (WeasyPrint layouts)', () => {
  it.each([
    ['L01-sichuan-daying-ybj-project-selfeval.pdf', ['城乡居民医保参保工作经费', '城乡居民监管工作经费'], [9, 5]],
    ['L06-sichuan-daying-sfj-project-selfeval.pdf', ['2023年司法所办公用房维修项目', '2023年全县安可替代补助资金项目'], [1, 1]],
  ])('%s: both forms, each with its rows and no doubt', async (name, projects, counts) => {
    const result = await extractFile(join(ROOT, 'corpus/producers/weasyprint-layouts', name));
    expect(result.reports.map((r) => r.report.project_name)).toEqual(projects);
    expect(result.reports.map((r) => r.indicators.length)).toEqual(counts);
    expect(result.reports.every((r) => r.indicators.every((i) => i.target_raw !== null && i.weight !== null))).toBe(true);
    expect(result.reports.map((r) => r.report.extraction_confidence)).toEqual(['high', 'high']);
  });
});

// The first form prints its indicator rows in a table without borders under its ruled header: the
// PDF reader reads them as lines of text, and no report is read from that header.
describe('a form whose rows went unread', () => {
  it.each(['weasyprint-lost-form.pdf', 'browser-lost-form.pdf'])('%s: the report beside it says so, at the unread header, and is not high', async (name) => {
    const result = await extractFile(fixture(name));
    expect(result.reports.map((r) => r.report.project_name)).toEqual(['2023年医保基金监管工作经费']);
    const [report] = result.reports;
    expect(report!.indicators.map((i) => [i.level3, i.target_raw, i.actual_raw, i.weight, i.score])).toEqual(ROWS);
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.report.extraction_confidence_reasons).toContain('went unread');
    const atHeader = report!.findings.filter((f) => f.code === 'EXTRACTION_SUSPECT' && f.source_row !== null);
    expect(atHeader).toHaveLength(1);
    expect(atHeader[0]).toMatchObject({ severity: 'warning', origin: 'extraction', page: 1, table_index: 0 });
    expect(atHeader[0]!.printed).toContain('2023年城乡居民医保参保工作经费');
    expect(atHeader[0]!.printed).toContain('三级指标');
    // `jixiao check` finds the same from the records and evidence alone.
    expect(validateReport(report!).report.extraction_confidence).toBe('low');
  });
});

describe('a form header with no row under it, in a document that gives no report', () => {
  it("says so in the document's reason, with the header's page and cells, not that no form was found (page 2 alone of Calc's ruled print of the 002 sheet, corpus/build/producers.ts --cuts)", async () => {
    const result = await extractFile(fixture('calc-header-alone.pdf'));
    expect(result.reports).toEqual([]);
    expect(result.document.status).toBe('no_report');
    expect(result.document.error).toMatch(/an evaluation table's header is printed on page 1 \(「一级指标 二级指标 三级指标 指标值 全年实际完成值.*」\), but no row under it was read/);
    expect(result.document.error).not.toContain(NO_TABLE_FOUND);
  });
});
