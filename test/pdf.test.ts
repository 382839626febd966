import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { extractDocument } from '../pipeline/extract';
import { configureOcr } from '../parsers/ocr';
import { pdfParser } from '../parsers/pdf';
import { corpusFile, extractFile, golden, ROOT } from './helpers';

const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);

describe('text-layer PDFs exported from Word', () => {
  it('gives every indicator row its page, and a table stitched over pages keeps each row on its own page', async () => {
    const result = await extractFile(corpusFile('pdf', '004'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.every((r) => r.page !== null)).toBe(true);
    const report = result.reports.find((r) => r.report.project_name === '建国初期退休干部医疗补助资金')!;
    const pages = new Set(report.indicators.map((r) => r.page));
    expect(pages.size).toBeGreaterThan(1);
    expect(report.report.page_start).toBe(Math.min(...[...pages].map(Number)));
  });

  it('joins a row that a page break cut in two into one row', async () => {
    const result = await extractFile(corpusFile('pdf', '004'));
    const report = result.reports.find((r) => r.report.project_name === '建国初期退休干部医疗补助资金')!;
    expect(report.indicators.find((r) => r.level3 === '将州直建国初期退休干部医疗补助控制在预算范围')).toMatchObject({ weight: '15', score: '15', target_raw: '≤6万元' });
    expect(report.indicators).toHaveLength(6);
  });

  it('drops the header row repeated at the top of each page', async () => {
    const doc = await pdfParser.parse(readFileSync(corpusFile('pdf', '000')), { name: '000.pdf' });
    const first = doc.blocks.find((b) => b.kind === 'table')!;
    if (first.kind !== 'table') throw new Error('no table');
    const headers = first.table.rows.filter((r) => r.some((c) => c.text.replace(/\s/g, '') === '三级指标'));
    const pages = new Set(first.table.rows.flat().map((c) => c.prov.page));
    expect(pages.size).toBeGreaterThan(3);
    // The rendered table prints its header once more mid-table (as the seed does); LibreOffice
    // repeats it on every page; only the table's own two remain.
    expect(headers).toHaveLength(2);
  });

  it('reads rotated pages like upright ones', async () => {
    const result = await extractDocument(readFileSync(fixture('002-rotated.pdf')), '002-rotated.pdf');
    const score = compareDocument(golden('002'), result);
    expect(score.differences).toEqual([]);
    expect(score.rowsExact).toBe(11);
  });
});

describe('tables printed without rules', () => {
  it('reads a plain grid by the alignment of its text', async () => {
    const result = await extractDocument(readFileSync(fixture('unruled-grid.pdf')), 'unruled-grid.pdf');
    const expected = golden('004').reports[0]!.indicators;
    const rows = result.reports[0]!.indicators;
    const text = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ''));
    expect(rows.map((r) => [r.level1, r.level1_weight, r.level2, r.level3, r.target_raw, r.actual_raw, r.weight, r.score].map(text))).toEqual(
      expected.map((g) => [g.level1, g.level1_weight, g.level2, g.level3, g.target_raw, g.actual_raw, g.weight, g.score].map(text)),
    );
  });

  it('reads a form whose header ends page 1 (its last word wrapping on to the foot) in that header\'s columns on the pages after it, and doubts the read', async () => {
    // Its wrapped, centred cells are not aligned as text; the form is read by its header's words.
    const r = await extractFile(corpusFile('pdf', '002-guangxi-transfer-region-unruled'));
    expect(r.document.status).toBe('ok');
    expect(r.reports).toHaveLength(1);
    const [report] = r.reports;
    expect(report!.indicators).toHaveLength(11);
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.findings.some((f) => f.code === 'EXTRACTION_SUSPECT')).toBe(true);
  });
});

describe('PDFs that cannot be read, or hold no evaluation table', () => {
  it('says an encrypted PDF needs a password', async () => {
    const r = await extractDocument(readFileSync(fixture('encrypted.pdf')), 'encrypted.pdf');
    expect(r.document).toMatchObject({ status: 'failed', format: 'pdf' });
    expect(r.document.error).toMatch(/encrypted and needs a password/);
  });

  it('says a scan needs OCR instead of reporting it as having no report (with OCR turned off)', async () => {
    configureOcr({ enabled: false });
    const r = await extractDocument(readFileSync(fixture('scan.pdf')), 'scan.pdf').finally(() => configureOcr({ enabled: true }));
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/no usable text layer.*OCR/);
  });

  it('says a truncated PDF is damaged', async () => {
    const bytes = readFileSync(corpusFile('pdf', '002'));
    const r = await extractDocument(bytes.subarray(0, 3000), 'cut.pdf');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/damaged or truncated|damaged/);
  });

  it('still reads a PDF whose cross-reference offsets are wrong (pdf.js rebuilds them)', async () => {
    const bytes = Buffer.from(readFileSync(corpusFile('pdf', '002')));
    const at = bytes.lastIndexOf('startxref');
    bytes.write('startxref\n9', at, 'latin1');
    const r = await extractDocument(bytes, 'bad-xref.pdf');
    expect(r.document.status).toBe('ok');
    expect(compareDocument(golden('002'), r).rowsExact).toBe(11);
  });

  it.each(['budget-jszwfw-03.pdf', 'budget-jszwfw-17.pdf'])('finds no report in the real budget disclosure %s', async (name) => {
    const r = await extractDocument(readFileSync(fixture(name)), name);
    expect(r.document).toMatchObject({ status: 'no_report', report_count: 0, format: 'pdf' });
    expect(r.document.pages).toBeGreaterThan(10);
  });

  it('leaves page numbers out of the text', async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('budget-jszwfw-03.pdf')), { name: 'b.pdf' });
    const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.filter((t) => /^[-—–\s]*\d{1,3}[-—–\s]*$/.test(t))).toEqual([]);
  });
});
