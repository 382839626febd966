import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { compareDocument } from '../pipeline/evaluate/compare';
import { reportFieldFlags } from '../pipeline/evaluate/unflagged';
import { extractDocument } from '../pipeline/extract';
import { OCR_MIN_CONFIDENCE, type DocumentResult } from '../schemas/dataset';
import { CORPUS, golden } from './helpers';

describe('a project list read by OCR from a heavy scan (real PP-OCR read of Hebei\'s summary form)', () => {
  // corpus/scan-grid/heldout6 (tuning data): L03's 汇总表 printed heavy. The reader loses or changes
  // the `藁` of 石家庄市藁城区 (outside GB2312), cuts project 3's name cell in two and reads it poorly.
  let result: DocumentResult;

  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    const file = join(CORPUS, 'scan-grid', 'heldout6', 'L03-hebei-gaocheng-ybj-selfeval-summary-grid-heavy.pdf');
    result = await extractDocument(readFileSync(file), 'L03-hebei-gaocheng-ybj-selfeval-summary-grid-heavy.pdf');
  }, 600_000);
  afterAll(async () => {
    await shutdownOcr();
  });

  it('gives no report of no indicator row as `high` when its project name was read unsure', () => {
    for (const r of result.reports) {
      const unsure = r.evidence.cells.some((c) => c.field === 'project_name' && c.confidence !== null && c.confidence < OCR_MIN_CONFIDENCE);
      if (unsure) expect(r.report.extraction_confidence).toBe('low');
    }
  });

  it('leaves no report field wrong without a finding, and no report missed or extra unsaid', () => {
    const score = compareDocument(golden('L03'), result);
    expect(score.unflaggedFields).toEqual([]);
    expect(score.reportsMissedSilent).toBe(0);
    expect(score.reportsExtraUnflagged).toBe(0);
    // A place read wrong is never resolved to a county elsewhere.
    for (const r of result.reports) {
      if (r.report.county !== '藁城区') expect(reportFieldFlags(r, 'county').length).toBeGreaterThan(0);
    }
  });
});
