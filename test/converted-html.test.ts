import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { extractDocument } from '../pipeline/extract';
import { htmlParser } from '../parsers/html';
import { localImages } from '../parsers/html/images';
import { readPositionedPages } from '../parsers/html/positioned';
import type { DocumentResult } from '../schemas/dataset';
import { corpusFile, golden, ROOT } from './helpers';

const IDS = ['000', '001', '002', '003', '004'];
const fixture = (name: string) => join(ROOT, 'test/fixtures/converted', name);

const results = new Map<string, Promise<DocumentResult>>();
/** Extracted as the CLI does: with the file's path, so that images saved beside the page are found. */
function extractConverted(id: string): Promise<DocumentResult> {
  const path = corpusFile('converted', id);
  if (!results.has(id)) results.set(id, extractDocument(readFileSync(path), path, { path }));
  return results.get(id)!;
}

describe('pages converted from PDF by pdftohtml -c', () => {
  it.each(IDS.slice(0, 4))('%s: every report and every indicator row as the golden record', async (id) => {
    const score = compareDocument(golden(id), await extractConverted(id));
    expect(score.differences).toEqual([]);
  });

  it('finds every report of the corpus and reads at least 99.5 % of the rows exactly', async () => {
    let rows = 0;
    let exact = 0;
    for (const id of IDS) {
      const expected = golden(id);
      const score = compareDocument(expected, await extractConverted(id));
      expect(score.reportsFound).toBe(expected.reports.length);
      rows += expected.reports.reduce((n, r) => n + r.indicators.length, 0);
      exact += score.rowsExact;
    }
    expect(exact / rows).toBeGreaterThanOrEqual(0.995);
  });

  it('warns of every row it does not read right (004: a weight pdftohtml joined into the actual beside it)', async () => {
    const result = await extractConverted('004');
    expect(compareDocument(golden('004'), result).unflagged).toEqual([]);
    const report = result.reports.find((r) => r.report.project_name === '医保政策宣传经费')!;
    expect(report.report.extraction_confidence).toBe('low');
    expect(report.report.extraction_confidence_reasons).toMatch(/row 1: weight empty, actual_raw 「125万册\(份\) 5」/);
  });

  it('keeps each row on its printed page, a table continued over pages included', async () => {
    const result = await extractConverted('004');
    expect(result.reports.flatMap((r) => r.indicators).every((r) => r.page !== null)).toBe(true);
    const report = result.reports.find((r) => r.report.project_name === '建国初期退休干部医疗补助资金')!;
    expect(new Set(report.indicators.map((r) => r.page)).size).toBeGreaterThan(1);
  });

  it('reads the rules from background images saved beside the page (001), and without them lays the text out by alignment', async () => {
    const path = corpusFile('converted', '001');
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/src="img-001\/[^"]+\.png"/);
    const withImages = await readPositionedPages(html, localImages(path));
    const without = await readPositionedPages(html, localImages(undefined));
    expect(withImages!.pages[0]!.segments.length).toBeGreaterThan(10);
    expect(without!.pages.every((p) => p.segments.length === 0)).toBe(true);
  });
});

describe('positioned pages in the pdf2htmlEX layout', () => {
  it('places text by x/y classes (bottom, scaled font), rules from inline SVG, and drops the page numbers', async () => {
    const doc = await htmlParser.parse(readFileSync(fixture('pdf2htmlex-style.html')), { name: 'pdf2htmlex-style.html' });
    expect(doc.title).toBe('转换页面');
    expect(doc.pages).toBe(2);
    const tables = doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['一级指标', '三级指标', '分值'],
      ['产出指标', '完成率', '20'],
      ['效益指标', '服务对象满意度', '10'],
    ]);
    const text = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b] : []));
    expect(text.map((b) => b.text)).toEqual(['项目支出绩效自评表', '说明：以上为自评结果。']);
    expect(text[1]!.prov.page).toBe(2);
  });
});

describe('pages that are not converted layouts', () => {
  it('leaves an article page with its tables to the ordinary HTML reader', async () => {
    const html = readFileSync(corpusFile('html', '004'), 'utf8');
    expect(await readPositionedPages(html, localImages(undefined))).toBeUndefined();
  });

  it('does not take absolutely placed text inside a <table> for a converted page', async () => {
    const cells = Array.from({ length: 12 }, (_, i) => `<td><span style="position:absolute;left:${i * 40}px;top:10px">格${i}</span></td>`).join('');
    expect(await readPositionedPages(`<html><body><table><tr>${cells}</tr></table></body></html>`, localImages(undefined))).toBeUndefined();
  });
});
