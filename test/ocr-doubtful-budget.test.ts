import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { compareDocument } from '../pipeline/evaluate/compare';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult, ReportResult } from '../schemas/dataset';
import { golden, ROOT } from './helpers';

describe('a report cell read low, and the arithmetic computed from it (real PP-OCR read)', () => {
  // Pages 1–2 of corpus/pdf/004 scanned, the budget block's 全年预算数(A) `228` printed faint
  // (test/fixtures/scan-doubt/, corpus/build/doubt-fixture.ts): the reader makes little of it, and
  // B / A against the printed 79.74 % then looks like the document's own contradiction.
  let result: DocumentResult;
  let report: ReportResult;

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    result = await extractDocument(readFileSync(join(ROOT, 'test/fixtures/scan-doubt/faint-budget.pdf')), 'faint-budget.pdf');
    report = result.reports[0]!;
  }, 300_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('flags the budget cell read low, at its cell, with no row', () => {
    // The budget figures fail B / A with a figure read unsure: the report's read is doubted too (self-checks).
    expect(report.report.extraction_confidence).toBe('low');
    expect(report.report.extraction_confidence_reasons).toMatch(/budget_annual was read by OCR with confidence/);
    const cell = report.evidence.cells.find((c) => c.row_index === null && c.field === 'budget_annual')!;
    expect(cell.confidence).toBeLessThan(80);
    const flag = report.findings.find((f) => f.code === 'OCR_LOW_CONFIDENCE' && f.row_index === null && f.field === 'budget_annual');
    expect(flag).toMatchObject({ origin: 'extraction', severity: 'warning', page: 1, table_index: cell.table_index, source_row: cell.row, source_column: cell.column });
    // The cells read with confidence are not flagged (B = 181.82 beside it).
    expect(report.findings.filter((f) => f.row_index === null && f.field === 'budget_executed')).toEqual([]);
  });

  it('reports the execution rate against that cell as a doubt that names it, not as the document’s error', () => {
    const fromA = report.findings.filter((f) => f.code === 'EXEC_RATE_MISMATCH' || f.code === 'EXEC_SCORE_MISMATCH');
    // The faint A is misread, so B / A contradicts the printed rate.
    expect(fromA.map((f) => f.code)).toContain('EXEC_RATE_MISMATCH');
    for (const f of fromA) {
      expect(f).toMatchObject({ origin: 'document', severity: 'warning' });
      expect(f.message).toMatch(/\(the read of budget_annual at page 1, table \d+, row \d+, column \d+ is doubtful \(OCR_LOW_CONFIDENCE: OCR confidence [\d.]+, below 80\)(, and so is the read of this table, see EXTRACTION_SUSPECT)?: a misread may cause this\)/);
      // The cell's doubt and the report's (its self-checks doubt the same B / A) are one note.
      expect(f.message.match(/a misread may cause this/g)).toHaveLength(1);
    }
  });

  it('counts the misread A as a report field wrong, and flagged', () => {
    const score = compareDocument(golden('004'), result);
    expect(score.differences).toContain(`report 0: budget_annual: 228 ≠ ${report.report.budget_annual}`);
    expect(score.unflaggedFields.filter((f) => f.includes('budget_annual'))).toEqual([]);
  });
});
