import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { ROOT } from './helpers';

// Two-page scans of seed 000's third table (corpus/build/repeated-header-fixture.ts), the first
// page's header without the 分 of 得分 (read 得, no column's name). Its header is printed again on
// the second page, at the top (repeated-header.pdf) or in the middle of the page
// (header-mid-page.pdf): the second page's rows are the same report's, and the score column the
// second page names is the first page's score column too, no report of its own under the header
// read again. Or the second page goes on without a header under a line that opens no report
// (continued-under-line.pdf: the portal's breadcrumb): the piece is not joined, and the report says
// where its rows were lost instead of passing them by.
describe('a scanned table going on over a page break', () => {
  const results = new Map<string, DocumentResult>();
  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    for (const name of ['repeated-header.pdf', 'header-mid-page.pdf', 'continued-under-line.pdf']) {
      results.set(name, await extractDocument(readFileSync(join(ROOT, 'test/fixtures/scan-pages', name)), name));
    }
  }, 600_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('joins the rows under the header at the next page’s top to the report, the header itself no row and no label', () => {
    const reports = results.get('repeated-header.pdf')!.reports;
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    expect(rows.map((r) => [r.page, r.level3])).toEqual([
      [1, '贯彻中央对医疗保障制度改革中有关城乡居民医保决策部署'],
      [1, '执行预算绩效管理和资金管理办法'],
      [1, '决策程序规范'],
      [2, '绩效目标设置科学'],
      [2, '绩效目标分解细化'],
    ]);
    // The header's words are joined to no block that goes on over the break.
    expect(rows.every((r) => r.level1 === '项目决策')).toBe(true);
    // 得分 is named on page 2 only: the first page's rows have their scores.
    expect(rows.map((r) => r.score)).toEqual(['4', '2', '2', '4', '2']);
  });

  it('reads on under the header printed again in the middle of the next page, in the same report', () => {
    const reports = results.get('header-mid-page.pdf')!.reports;
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    expect(rows.slice(0, 3).map((r) => r.score)).toEqual(['4', '2', '2']);
    expect(rows.find((r) => r.level3 === '参保人数')).toMatchObject({ page: 2, level1: '产出指标', score: '4' });
  });

  it('says where a headerless piece under a line that opens no report was lost, and reads no report from it', () => {
    const reports = results.get('continued-under-line.pdf')!.reports;
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.report.extraction_confidence).toBe('low');
    const lost = report.findings.filter((f) => f.code === 'EXTRACTION_SUSPECT' && f.page === 2);
    expect(lost.map((f) => f.printed).join('|')).toMatch(/绩效目标设置科学/);
    expect(report.report.extraction_confidence_reasons).toMatch(/in no record \(page 2/);
  });
});
