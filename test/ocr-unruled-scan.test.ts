import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { ROOT } from './helpers';

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
