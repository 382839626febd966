import { describe, expect, it } from 'vitest';
import { readScanOnce } from './ocr-fixture';

describe('a scan tilted over hairline rules, a section label merged down its table (real PP-OCR read)', () => {
  // Pages 1–2 of heldout13's hires scan of seed 002 as Writer exports it in AR PL UMing
  // (corpus/build/scan-page-cuts.ts). Page 2 is tilted 1.57° (manifest.json) and ruled in hairlines:
  // tilted, a hairline falls between two pixel rows in light gray, and at the ink's level only
  // dashes of it are left, as short as a character's strokes. Measured on that ink the tilt came
  // out as none: the page's rules were lost, its cells cut across, and the form was read with no
  // value in any row. Measured on the rules as the rule finder sees them, the page is straightened.
  const result = readScanOnce('test/fixtures/scan-flags/hairline-tilt-hires.pdf', 300_000);

  it('reads the indicator rows of the tilted page, with their targets and actuals', () => {
    const { document, reports } = result();
    expect(document.status).toBe('ok');
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    // Golden 002: 重点救助对象政策范围内个人自付费用年度限额内住院救助比例 ≥70% / 78.60%, and the
    // coverage row ≥99% beside it.
    const ratio = rows.find((r) => r.level3?.startsWith('重点救助对象政策范围内'));
    expect(ratio).toMatchObject({ level2: '数量指标', target_raw: '≥70%', actual_raw: '78.60%' });
    const coverage = rows.find((r) => r.level3?.startsWith('符合资助条件的农村低收入人口'));
    expect(coverage?.target_raw).toBe('≥99%');
  });

  it('keeps the rows its rules draw beside the section label merged down the table', () => {
    // The section column (绩效指标) is one cell down the whole page, so no rule inside crosses the
    // table from side to side; its row rules run from that column's border to the right side.
    // Taken for a table that lost its rules, its rows were cut again at the text's gaps: a row
    // with no name, the first indicator's target read twice, the next row's actual in this one.
    const rows = result().reports[0]!.indicators;
    expect(rows.every((r) => r.level3)).toBe(true);
    const first = rows.find((r) => r.level3 === '医疗救助对象人次规模');
    expect(first?.target_raw?.match(/符合救助条件/g)).toHaveLength(1);
    const coverage = rows.find((r) => r.level3?.startsWith('符合资助条件的农村低收入人口'));
    expect(coverage?.actual_raw).toBe('≥99%');
  });
});
