import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import { ROOT } from './helpers';

describe('a budget block read by OCR without its money unit (real PP-OCR read)', () => {
  // Pages 1–2 of corpus/pdf/004 scanned, the block's `(万元)` wiped (test/fixtures/scan-doubt/unit-erased.pdf,
  // corpus/build/doubt-fixture.ts); faint-budget.pdf is the same scan with the unit printed.
  const read = (file: string) => extractDocument(readFileSync(join(ROOT, 'test/fixtures/scan-doubt', file)), file);

  beforeAll(() => configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' }));
  afterAll(async () => {
    await shutdownOcr();
  });

  it('leaves the unit empty with OCR_UNIT_UNREAD on budget_unit, the figures still read', async () => {
    const x = (await read('unit-erased.pdf')).reports[0]!;
    expect(x.report).toMatchObject({ budget_unit: null, budget_executed: '181.82' });
    expect(x.findings.filter((f) => f.code === 'OCR_UNIT_UNREAD')).toEqual([expect.objectContaining({ field: 'budget_unit', severity: 'warning', origin: 'extraction', row_index: null, page: 1 })]);
  }, 300_000);

  it('says nothing of the unit where OCR reads it', async () => {
    const x = (await read('faint-budget.pdf')).reports[0]!;
    expect(x.report.budget_unit).toBe('万元');
    expect(x.findings.map((f) => f.code)).not.toContain('OCR_UNIT_UNREAD');
  }, 300_000);
});
