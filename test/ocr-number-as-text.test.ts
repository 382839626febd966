import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import type { ReportResult } from '../schemas/dataset';
import { CORPUS, extractText } from './helpers';
import { X01_VARIANTS } from './x01-variants';

describe('a number cell read by OCR as text is a doubt on the cell, not the document\'s missing score (real PP-OCR read)', () => {
  // corpus/scan-grid/tune2 (tuning data): L09's score sheet under a binding-edge shadow, 2 pages. The
  // reader gives 绩效指标明确性's 得分 `3` a speck after it (`3.`): no number, so the score is left empty,
  // and the validator would find the row's score not printed.
  let report: ReportResult;

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    const name = 'L09-hunan-yueyang-department-report-scoresheet-grid-shadow.pdf';
    report = (await extractDocument(readFileSync(join(CORPUS, 'scan-grid', 'tune2', name)), name)).reports[0]!;
  }, 600_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('flags the cell on its row as a warning, and the finding computed from it says the read may cause it', () => {
    const row = report.indicators.find((r) => r.level3 === '绩效指标明确性')!;
    expect(row.score).toBeNull();
    const on = report.findings.filter((f) => f.row_index === row.row_index && f.field === 'score');
    expect(on.find((f) => f.code === 'VALUE_NOT_NUMERIC')).toMatchObject({ origin: 'extraction', severity: 'warning', printed: expect.stringMatching(/^3\D+$/) });
    const notPrinted = on.find((f) => f.code === 'SCORE_NOT_PRINTED');
    expect(notPrinted?.message).toMatch(/is doubtful \(VALUE_NOT_NUMERIC\): a misread may cause this\)$/);
  });

  it('keeps words in a number column of a text format a decision, not a doubt', async () => {
    // x01-misread.html (test/x01-variants.ts) prints 优 for a score: typed, not read from ink.
    const [typed] = (await extractText(X01_VARIANTS['x01-misread.html'], 'x01-misread.html')).reports;
    const words = typed!.findings.filter((f) => f.code === 'VALUE_NOT_NUMERIC');
    expect(words.length).toBeGreaterThan(0);
    for (const f of words) expect(f.severity).toBe('info');
  });
});
