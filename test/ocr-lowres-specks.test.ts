import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a low-resolution scan reads no dust as points (real PP-OCR read)', () => {
  // Page 1 of heldout17's lowres scan of layout L04 as Writer's HTML import lays it out (150 dpi,
  // JPEG; held out in round 21, cut after its one score; corpus/build/scan-page-cuts.ts). Drawn at
  // 200 dpi, each pixel of the scan is drawn 4/3 wide and high, its dust specks with it: they come
  // out 8–9 px, as large as the decimal point of small type, and two were read as points.
  const result = readScanOnce('test/fixtures/scan-flags/specks-lowres.pdf', 300_000);

  it('reads a score with a speck beside it as the number printed', () => {
    // `13`, a speck to its right at mid-height: read `13.`, the row's score was lost.
    const rows = result().reports[0]!.indicators;
    expect(rows.find((r) => r.level3?.includes('全县参合人数'))).toMatchObject({ target_raw: '8755', actual_raw: '8676', score: '13' });
  });

  it('reads a level label with a speck under its digits with its weight', () => {
    // `产出指标（50分）` over three lines, a speck under the foot of `50`: read `(50.分)`, no weight.
    const rows = result().reports[0]!.indicators;
    const output = rows.filter((r) => r.level1?.startsWith('产出'));
    expect(output.length).toBeGreaterThanOrEqual(4);
    for (const row of output) expect(row).toMatchObject({ level1: '产出指标', level1_weight: '50' });
  });

  it('keeps the decimal points printed beside their digits', () => {
    // 65.66 and 65.07 (万元): points on the digits' foot, of the specks' size at this resolution.
    const { report } = result().reports[0]!;
    expect(report).toMatchObject({ budget_annual: '65.66', budget_executed: '65.07' });
  });
});
