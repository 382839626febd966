import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a level label set one glyph a line, read as one line (real PP-OCR read)', () => {
  // Page 1 of heldout7's heavy scan of seed 000, WeasyPrint's B5 print in AR PL UMing
  // (corpus/build/scan-page-cuts.ts): the 一级指标 column holds `项` over `目` over `决` over `策`
  // over `(18` over `分)`, the 二级指标 column `绩` `效` `目` `标`. Each glyph read alone has no
  // context, and the thin face's `目` comes out `日` (`项日决策`, `绩效日标`) on every row under it.
  const result = readScanOnce('test/fixtures/scan-flags/stacked-label-heavy.pdf', 300_000);
  const rows = () => result().reports.flatMap((r) => r.indicators);

  it('reads the stacked level-1 label whole, with its weight', () => {
    expect(rows().length).toBeGreaterThan(0);
    for (const row of rows()) {
      expect(row.level1).toBe('项目决策');
      expect(row.level1_weight).toBe('18');
    }
  });

  it('reads the stacked level-2 labels as the page prints them', () => {
    expect(new Set(rows().map((r) => r.level2))).toEqual(new Set(['决策依据', '决策过程', '绩效目标']));
  });
});
