import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('two level labels a fax joined into one cell, flagged (real PP-OCR read)', () => {
  // The last page of corpus/scan-grid's s004b fax (its third report's indicator table): the rule
  // between 效益指标(30分) and 满意度指标(10分) was taken for lost, the two label cells read as
  // one, and the joined label carried to every row under it.
  const result = readScanOnce('test/fixtures/fax/joined-labels-fax.pdf', 180_000);

  // Since round 9 the rule between them, which the fax broke into dashes, is found
  // (`withDashedRules`), and the two labels are read apart: no row holds them joined. (The flag on
  // a label still read joined, `OCR_SUSPECT_TEXT`, has lost its real-file case here.)
  it('reads the two labels apart', () => {
    const levels = result().reports.flatMap((r) => r.indicators.map((i) => i.level1 ?? ''));
    expect(levels.filter((l) => /[(（]\d+分[)）]\p{Script=Han}/u.test(l))).toEqual([]);
    expect(levels.some((l) => l.startsWith('效益指标'))).toBe(true);
    expect(levels.some((l) => l.startsWith('满意度指标'))).toBe(true);
  });

  it('leaves a label that ends at its weight unflagged as joined', () => {
    const whole = result().reports.flatMap((r) => r.indicators.filter((i) => i.level1 === '产出指标').map((i) => ({ r, i })));
    expect(whole.length).toBeGreaterThan(0);
    for (const { r, i } of whole) expect(r.findings.filter((f) => f.row_index === i.row_index && f.field === 'level1' && f.code === 'OCR_SUSPECT_TEXT')).toEqual([]);
  });
});
