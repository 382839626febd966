import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { ROOT } from './helpers';
import { readScanOnce } from './ocr-fixture';

describe('a scanned table printed without rules (real PP-OCR read)', () => {
  // The 效益指标 table of corpus/producers/calc-xlsx/003 page 4 (Calc's print without gridlines),
  // scanned as the grid's portal family (test/fixtures/scan-unruled/, corpus/build/unruled-scan-fixture.ts).
  // No rule to read cells from: the reader reads lines over the columns' gutters (`3 3` as one line),
  // and the page engine's unruled reader must get each cell's text as a run of its own.
  let result: DocumentResult;

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    result = await extractDocument(readFileSync(join(ROOT, 'test/fixtures/scan-unruled/unruled-portal.pdf')), 'unruled-portal.pdf');
  }, 300_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it("reads the form's indicator rows in its columns: 分值 and 得分 apart, under 三级指标's names", () => {
    expect(result.document.status).toBe('ok');
    const rows = result.reports.flatMap((r) => r.indicators);
    // Five rows printed; the print squeezes wrapped names' first lines, which the read may lose.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.level2).toMatch(/效益指标|影响/);
      expect(row.weight).toMatch(/^[23]$/);
      expect(row.score).toBe(row.weight);
    }
    expect(rows.map((r) => r.level3)).toContain('医疗救助对象覆盖范围');
  });

  it('flags every row as a guess of structure, and the report as read low', () => {
    const report = result.reports[0]!;
    expect(report.report.extraction_confidence).toBe('low');
    report.indicators.forEach((_, i) => {
      expect(report.findings.filter((f) => f.row_index === i).map((f) => f.code)).toContain('OCR_ROWS_INFERRED');
    });
  });
});

describe('a scanned sheet form without rules and without a 分值 column (real PP-OCR read)', () => {
  // Pages 2–3 of heldout16's portal scan of seed 002 as Chromium prints Calc's HTML export
  // (test/fixtures/scan-flags/unmarked-sheet-portal.pdf, corpus/build/scan-page-cuts.ts): a transfer form, no column
  // printing a value once a row; its cells set to their rows' foot, to the top in the row the page break cuts; the
  // right-aligned `78.60%` a padding's width from the next column's `无`; the browser's address read differently on each page.
  const result = readScanOnce('test/fixtures/scan-flags/unmarked-sheet-portal.pdf', 600_000);

  it('reads its rows around the level-3 names, on both pages, as one table', () => {
    expect(result().reports).toHaveLength(1);
    const rows = result().reports[0]!.indicators;
    const at = (level3: string) => rows.find((r) => r.level3 === level3);
    expect(at('医疗救助对象人次规模')).toMatchObject({ page: 1, target_raw: '符合救助条件的对象按规定纳入救助范围', note: '无' });
    expect(at('重点救助对象政策范围内个人自付费用年度限额内住院救助比例')).toMatchObject({ page: 2, target_raw: '≥70%', actual_raw: '78.60%', note: '无' });
    expect(at('符合资助条件的农村低收入人口资助参保政策覆盖率')).toMatchObject({ target_raw: '≥99%', actual_raw: '≥99%', note: '无' });
    expect(at('医保综合监管能力')).toMatchObject({ target_raw: '有所提升', note: '无' });
    expect(at('医保综合监管能力')!.actual_raw).toMatch(/^100%。有所提升。2023年/);
    expect(at('城乡医疗救助政策知晓率')).toMatchObject({ target_raw: '≥80%', actual_raw: '81.77%', note: '无' });
    expect(rows).toHaveLength(6);
  });

  it('flags every row as a guess of structure', () => {
    const report = result().reports[0]!;
    expect(report.report.extraction_confidence).toBe('low');
    report.indicators.forEach((_, i) => {
      expect(report.findings.filter((f) => f.row_index === i).map((f) => f.code)).toContain('OCR_ROWS_INFERRED');
    });
  });
});
