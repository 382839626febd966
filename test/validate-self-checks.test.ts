import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../schemas/dataset';
import { selfCheckDoubts } from '../pipeline/validate/self-checks';
import { corpusFile, edited, extractFile, extractText, ROOT } from './helpers';

// Structural self-checks before validation (issue 10, item 5): a misread is doubted as a whole,
// a sound read of a form with a real slip is not.
const doubts = (r: ReportResult) => selfCheckDoubts(r.report, r.indicators, r.evidence);

/**
 * The first table of corpus/html/004 with the merged level-1 and level-2 cells of its indicator
 * rows dropped, as a converter that loses `rowspan` cells does: every row's cells then sit one or
 * two columns left of their header (names under 一级指标, targets under 二级指标, actuals under
 * 三级指标).
 */
function lostMergedCells(): string {
  const html = readFileSync(corpusFile('html', '004'), 'utf8');
  const start = html.indexOf('<table class="jx"');
  const table = html.slice(start, html.indexOf('</table>', start) + '</table>'.length);
  const header = table.indexOf('<td>一级指标</td>');
  const rows = edited(table.slice(header), [[/<td rowspan="\d+">[^<]*<\/td>/g, '']]);
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>2023年度项目支出绩效自评表</title></head><body>\n<h1>2023年度项目支出绩效自评表</h1>\n${table.slice(0, header)}${rows}\n</body></html>\n`;
}

describe('structural self-checks', () => {
  it('doubts a table whose merged level cells were lost (HTML fixture, columns shifted)', async () => {
    const [report] = (await extractText(lostMergedCells(), 'lost-merged-cells.html')).reports;
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.report.extraction_confidence_reasons).toMatch(/indicator names? (is|are) a bare number/);
    const suspect = report!.findings.filter((f) => f.code === 'EXTRACTION_SUSPECT');
    expect(suspect).toEqual([expect.objectContaining({ origin: 'extraction', severity: 'warning', table_index: expect.any(Number) })]);
    // The arithmetic that fails on the misread says it may be the misread.
    const arithmetic = report!.findings.filter((f) => f.origin === 'document' && f.severity !== 'info');
    expect(arithmetic.map((f) => f.code)).toContain('TOTAL_MISMATCH');
    for (const f of arithmetic) expect(f.message).toMatch(/a misread may cause this/);
  });

  it('doubts rows that show a level weight without its label (a level-1 block cut by the page, its label lost)', async () => {
    // The Writer print of a level-1 block cut by the page (its label on one page, its weight on the
    // next) now reads whole (pdf-producers.test.ts); the rows are edited back to the read it had
    // when the weight was taken for a label of its own, with no name.
    const [report] = (await extractFile(join(ROOT, 'test/fixtures/pdf/writer-doc-level1-split.pdf'))).reports;
    expect(doubts(report!)).toEqual([]);
    const lost = { ...report!, indicators: report!.indicators.map((r, i) => (i >= 1 && i <= 7 ? { ...r, level1: null } : r)) };
    expect(doubts(lost)).toEqual([expect.stringMatching(/^7 rows have a 一级指标 weight but no label \(row 1: 50\)/)]);
  });

  it('keeps every report of the clean corpus high, real slips included (seeds, HTML, Word, PDF)', async () => {
    for (const folder of ['seeds', 'html', 'docx', 'pdf']) {
      for (const id of ['000', '001', '002', '003', '004']) {
        const result = await extractFile(corpusFile(folder, id));
        for (const r of result.reports) expect([folder, id, r.report.extraction_confidence, r.report.extraction_confidence_reasons]).toEqual([folder, id, 'high', null]);
        for (const f of result.reports.flatMap((r) => r.findings)) expect(f.message).not.toMatch(/misread may cause/);
      }
    }
  }, 300_000);

  it('names each kind of doubt on real rows edited the way misreads change them', async () => {
    const r = (await extractFile(corpusFile('seeds', '004'))).reports[0]!;
    // 004's one real slip, 产出指标 (60分) over rows weighing 50, is the document's: no doubt.
    expect(r.findings.map((f) => f.code)).toContain('LEVEL1_WEIGHT_MISMATCH');
    expect(doubts(r)).toEqual([]);
    const edit = (change: (x: ReportResult) => ReportResult) => doubts(change(structuredClone(r)));
    expect(edit((x) => ({ ...x, evidence: { ...x.evidence, cells: x.evidence.cells.filter((c) => c.field !== 'level2') } }))).toEqual([
      'the header has a 二级指标 column, but no row has a label in it',
    ]);
    expect(edit((x) => ({ ...x, evidence: { ...x.evidence, number_texts: [{ row_index: 2, field: 'weight', printed: '按照文件要求完成' }] } }))).toEqual([
      '1 text in a number column (row 2 weight: 「按照文件要求完成」)',
    ]);
    expect(edit((x) => ({ ...x, indicators: x.indicators.map((i, n) => (n === 1 ? { ...i, weight: '692' } : i)) }))).toEqual(['a row weighs 692, more than the whole form (100)']);
    expect(edit((x) => ({ ...x, indicators: x.indicators.map((i, n) => (n === 1 ? { ...i, target_raw: null, actual_raw: null, weight: null, score: null } : i)) }))).toEqual([
      `1 row with a name and nothing else (row 1: ${r.indicators[1]!.level3})`,
    ]);
    // A number column's value read into the text cell beside it (a box drawn across the rule).
    const spill = (field: 'target_raw' | 'actual_raw', text: string) =>
      edit((x) => ({ ...x, indicators: x.indicators.map((i, n) => (n === 1 ? { ...i, [field]: text, weight: null } : i)) }));
    expect(spill('actual_raw', `${r.indicators[1]!.actual_raw} ${r.indicators[1]!.weight}`)).toEqual([
      `1 row has an empty number column beside a text ending or starting with a lone number, the number's cell read into its neighbour (row 1: weight empty, actual_raw 「${`${r.indicators[1]!.actual_raw} ${r.indicators[1]!.weight}`.slice(-20)}」)`,
    ]);
    // Not a cell two columns away, nor a number joined to the words (no space: printed so).
    expect(spill('target_raw', `${r.indicators[1]!.target_raw} ${r.indicators[1]!.weight}`)).toEqual([]);
    expect(spill('actual_raw', `${r.indicators[1]!.actual_raw}${r.indicators[1]!.weight}`)).toEqual([]);
    // The 二级指标 cells of the rows past the first 一级指标 block lost (a column a page break
    // lost), their label carried down from the block above: a level-2 label cannot span two blocks.
    const next = r.indicators.findIndex((i, n) => n > 0 && i.level1 !== r.indicators[n - 1]!.level1);
    const carried = edit((x) => ({
      ...x,
      indicators: x.indicators.map((i, n) => (n >= next ? { ...i, level2: x.indicators[next - 1]!.level2 } : i)),
      evidence: { ...x.evidence, cells: x.evidence.cells.filter((c) => c.field !== 'level2' || c.row_index === null || c.row_index < next) },
    }));
    expect(carried).toEqual([expect.stringMatching(new RegExp(`^a 二级指标 label runs on past its 一级指标 block, on rows with no 二级指标 cell of their own \\(row ${next}: `))]);
    // A level-2 name printed again in the next block, in a cell of its own, is the document's.
    expect(edit((x) => ({ ...x, indicators: x.indicators.map((i, n) => (n === next ? { ...i, level2: x.indicators[next - 1]!.level2 } : i)) }))).toEqual([]);
    // Most level labels off their rows: the rows were put under the wrong levels.
    const shuffled = edit((x) => ({ ...x, indicators: x.indicators.map((i) => ({ ...i, weight: i.weight === null ? null : '1' })) }));
    expect(shuffled).toEqual([expect.stringMatching(/^\d+ of \d+ level weights differ from their rows/)]);
  });
  it('doubts weights short of the whole on a form read by OCR (a row the read lost), not on a text layer (a slip of the document)', async () => {
    const r = (await extractFile(corpusFile('pdf', '003'))).reports[0]!;
    const read = (method: 'pdf_ocr' | 'pdf_text', lastRowLost: boolean) => {
      const x = structuredClone(r);
      x.report.extraction_method = method;
      if (lastRowLost) x.indicators = x.indicators.slice(0, -1);
      return doubts(x);
    };
    expect(read('pdf_ocr', false)).toEqual([]);
    expect(read('pdf_ocr', true)).toEqual([expect.stringMatching(/^the rows' weights add up to \d+(\.\d+)? of the form's 100, read by OCR: rows may have been lost by the read$/)]);
    expect(read('pdf_text', true)).toEqual([]);
  });
  it('doubts weights short of the whole even with a weight unread, when no unread row could make up the rest (a report cut at a page break)', async () => {
    const r = (await extractFile(corpusFile('pdf', '003'))).reports[0]!;
    const read = (method: 'pdf_ocr' | 'pdf_text', kept: number) => {
      const x = structuredClone(r);
      x.report.extraction_method = method;
      x.indicators = x.indicators.slice(0, kept).map((i, n) => (n === 1 ? { ...i, weight: null } : i));
      return doubts(x);
    };
    const all = r.indicators.length;
    // Every row read, one weight not: the unread one can make up the whole; nothing to doubt.
    expect(read('pdf_ocr', all)).toEqual([]);
    // Half the rows gone: even the unread weight at the heaviest row's cannot reach 100.
    expect(read('pdf_ocr', Math.ceil(all / 2))).toEqual([
      expect.stringMatching(/^the rows' weights add up to at most \d+(\.\d+)? of the form's 100 \(rows whose weight was not read counted at the heaviest weight read\), read by OCR: rows may have been lost by the read$/),
    ]);
    expect(read('pdf_text', Math.ceil(all / 2))).toEqual([]);
  });
  it('doubts budget figures that fail B / A where OCR was unsure of one of them, not where it read them sure or from a text layer', async () => {
    // pdf/002 (text layer): A = B = 278346, 执行率 100.00%. A glyph re-read that drops a digit of A
    // (27834) breaks B / A; whether that is the document's error or the read's, the read's
    // confidence in the cell says.
    const r = (await extractFile(corpusFile('pdf', '002'))).reports[0]!;
    const misread = (confidence: number | null) => {
      const x = structuredClone(r);
      x.report.budget_annual = '27834';
      x.evidence.cells = x.evidence.cells.map((c) => (c.row_index === null && c.field === 'budget_annual' ? { ...c, confidence } : c));
      return doubts(x);
    };
    expect(doubts(r)).toEqual([]);
    expect(misread(50)).toEqual([expect.stringMatching(/^the budget figures fail B \/ A and budget_annual was read by OCR with confidence 50/)]);
    expect(misread(95)).toEqual([]);
    expect(misread(null)).toEqual([]);
  });
});
