import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfParser } from '../parsers/pdf';
import { withPdf } from '../parsers/pdf/open';
import { readPageContent } from '../parsers/pdf/page-content';
import { compareDocument } from '../pipeline/evaluate/compare';
import { corpusFile, extractFile, golden, ROOT } from './helpers';

// Sheet forms with every used cell bordered, printed by LibreOffice Calc one page wide, rows as
// tall as their text (corpus/build/producers.ts calc-xlsx-bordered). The whole sheet is one ruled
// grid: title, paragraphs and notes are bordered rows across it; merged cells set their text at
// their foot, and a merged block cut by a page break is drawn on both pages, each copy clipped
// to the part of the block its page holds.
const calc = (id: string) => corpusFile('producers/calc-xlsx-bordered', id);

/** A page's runs as the page engine gets them, and the texts pdf.js finds drawn on it. */
async function pageTexts(file: string, page: number): Promise<{ runs: string[]; drawn: string[] }> {
  return withPdf(new Uint8Array(readFileSync(file)), file, async (doc) => {
    const read = await doc.getPage(page);
    const drawn = (await read.getTextContent()).items.flatMap((i) => ('str' in i ? [i.str] : []));
    return { runs: (await readPageContent(read)).runs.map((r) => r.text), drawn };
  });
}

describe('a Calc print of a bordered sheet', () => {
  it('reads the text a page shows, not the copy of a merged cell Calc draws outside its clip', async () => {
    // `数量指标` / `21` label a merged block that runs from page 2 onto page 3: Calc draws them on
    // page 2 too, below the table's last rule, clipped away (the page shows only its `Page 2`).
    const [page2, page3] = [await pageTexts(calc('003'), 2), await pageTexts(calc('003'), 3)];
    expect(page2.drawn).toContain('数量指标');
    expect(page2.runs).not.toContain('数量指标');
    expect(page2.runs).not.toContain('21');
    expect(page2.runs).toContain('Page');
    expect(page3.runs).toContain('数量指标');
  });

  it('makes text of the rows that are one cell across the sheet, tables of the rows between, without the page furniture', async () => {
    const doc = await pdfParser.parse(readFileSync(calc('003')), { name: '003.pdf' });
    const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toContain('（一）绩效目标设定情况');
    expect(texts).toContain('2023 年城乡医疗救助补助资金项目决策情况得分表');
    expect(texts.filter((t) => /^(Page\s*\d+|Sheet1)$/.test(t.trim()))).toEqual([]);
    const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows] : []));
    // The level-1 summary and the four score tables (each stitched across its page breaks).
    expect(tables.map((rows) => rows[0]!.map((c) => c.text).join('|'))).toEqual([
      '一级指标|权重|评分分值|得分|绩效评价',
      ...Array(4).fill('一级指标|分值|二级指标|分值|三级指标|分值|得分|扣分总计'),
    ]);
  });

  it('gives a merged block cut by a page break, its label printed on the next page, to every row of it', async () => {
    // 003: `项目决策` / `20` printed at the foot of their block on page 2, the block's first rows on page 1.
    const result = await extractFile(calc('003'));
    const rows = result.reports[0]!.indicators.filter((r) => r.level1 === '项目决策');
    expect(rows.map((r) => r.level3)).toEqual(golden('003').reports[0]!.indicators.filter((r) => r.level1 === '项目决策').map((r) => r.level3));
    expect(new Set(rows.map((r) => r.level1_weight))).toEqual(new Set(['20']));
  });

  it('keeps a merged block whole across a row that runs past its page, the block labelled at its foot', async () => {
    // 000: sheet row 41 needs more than an A4 page; Calc prints it from the top of page 14 past the
    // page's foot, no rule under it. The `质量指标` block (sheet rows 31-42) runs through it and
    // prints its label at its foot on page 15: every row of the block has it.
    const expected = golden('000').reports[0]!.indicators.filter((r) => r.level2 === '质量指标').map((r) => r.level3);
    const read = new Map((await extractFile(calc('000'))).reports[0]!.indicators.map((r) => [r.level3, r.level2]));
    expect(expected.length).toBeGreaterThan(10);
    // The row past the page lost its text with the page (the build's residue): its name is not read.
    const found = expected.filter((name) => read.has(name!));
    expect(found.length).toBeGreaterThanOrEqual(expected.length - 1);
    expect(new Set(found.map((name) => read.get(name!)))).toEqual(new Set(['质量指标']));
  });

  it("marks the cells of a row drawn on past the paper's edge, not those of the next page's rows", async () => {
    // Pages 14-15 of 000 (test/fixtures/pdf/calc-row-past-page.pdf): page 14 holds one row, drawn
    // from the top rule past the paper's foot; page 15 starts a new row under a rule of its own.
    const doc = await pdfParser.parse(readFileSync(join(ROOT, 'test/fixtures/pdf/calc-row-past-page.pdf')), { name: 'calc-row-past-page.pdf' });
    const cells = doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []));
    const cut = cells.filter((c) => c.prov.pastPageEdge);
    expect(cut.length).toBeGreaterThan(0);
    expect(new Set(cut.map((c) => c.prov.page))).toEqual(new Set([1]));
    expect(cut.some((c) => c.text.startsWith('按要求实施国家组织药品'))).toBe(true);
    expect(cells.filter((c) => c.prov.page === 2 && c.text !== '').length).toBeGreaterThan(0);
  });

  it("says the report that lost part of a row past the paper's edge is a doubtful read, and only that one", async () => {
    const reports = (await extractFile(calc('000'))).reports;
    expect(reports[0]!.report.extraction_confidence).toBe('low');
    expect(reports[0]!.report.extraction_confidence_reasons).toMatch(/past the paper's edge.*page 14/);
    expect(reports[0]!.findings.map((f) => f.code)).toContain('EXTRACTION_SUSPECT');
    expect(reports.slice(1).map((r) => r.report.extraction_confidence)).toEqual(['high', 'high']);
  });

  it("keeps a cell's line printed over the table's top rule in the cell, and the table one across the break", async () => {
    // Pages 2-3 of 002 (test/fixtures/pdf/calc-text-over-top.pdf): the indicator header ends page 2;
    // page 3 is one row, its actual value taller than the row, set at the row's foot, so its first
    // line `100%。符合` stands over the rule on the table's top.
    const file = join(ROOT, 'test/fixtures/pdf/calc-text-over-top.pdf');
    const doc = await pdfParser.parse(readFileSync(file), { name: 'calc-text-over-top.pdf' });
    const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts.filter((t) => t.includes('100%'))).toEqual([]);
    const [report, ...others] = (await extractFile(file)).reports;
    expect(others).toEqual([]);
    expect(report!.indicators.map((r) => [r.level3, r.target_raw])).toEqual([['医疗救助对象人次规模', '符合救助条件的对象按规定纳入救助范围']]);
    expect(report!.indicators[0]!.actual_raw).toMatch(/^100%。符合救助条件的对象已按规定纳入救助范围。/);
  });

  it.each(['001', '002', '003'])('reads document %s as the golden records have it', async (id) => {
    // 001: labels of adjacent merged blocks on both sides of a page break (`决策依据` ending on
    // page 1 under its rule, `决策过程` starting on page 2) stay apart; a block left open at the
    // break goes on. 002: its indicator rows start pages 3 to 9, most with a line of their actual
    // value over the page's top rule (as in calc-text-over-top.pdf).
    const score = compareDocument(golden(id), await extractFile(calc(id)));
    expect(score.differences).toEqual([]);
    expect(score.rowsExact).toBe(score.rowsExpected);
    expect(score.reportsExtra + score.rowsExtra).toBe(0);
  });
});
