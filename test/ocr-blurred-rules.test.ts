import { describe, expect, it } from 'vitest';
import { blurredRule } from '../parsers/ocr/detect-rules';
import { readScanOnce } from './ocr-fixture';

describe('a low-resolution scan keeps the thicker rules its blur spreads (real PP-OCR read)', () => {
  // Page 1 of heldout14's lowres scan of layout L11 as Chromium prints it (150 dpi, JPEG; held out in
  // round 18, cut after its one score; corpus/build/scan-page-cuts.ts). The rules over 主管部门 and over
  // the indicator header (绩效指标 一级指标 …) are drawn thicker than the others; scanned at 150 dpi and
  // brought to 200, each spreads into light skirts 8 lines deep at the rule finder's level, deeper
  // than a rule may be, and was dropped as a filled area: the header's cells ran into the row above
  // and no header was read, so the document gave no report.
  const result = readScanOnce('test/fixtures/scan-flags/blurred-rules-lowres.pdf', 300_000);

  it('reads the indicator header and the rows under it', () => {
    const { document, reports } = result();
    expect(document.status).toBe('ok');
    expect(reports).toHaveLength(1);
    const rows = reports[0]!.indicators;
    // Golden L11: 时效指标 / 及时（按期）开工率, weight 10, ≥90% beside ≥90%.
    const timely = rows.find((r) => r.level3?.includes('开工率'));
    expect(timely).toMatchObject({ level2: '时效指标', target_raw: '≥90%', actual_raw: '≥90%' });
    const accepted = rows.find((r) => r.level3?.includes('验收合格率'));
    expect(accepted).toMatchObject({ level2: '质量指标', target_raw: '100%', actual_raw: '100%' });
  });

  it('reads the form head between the thicker rules', () => {
    // 主管部门 and 实施单位 stand in the row whose top rule is one of the thicker ones.
    const { report } = result().reports[0]!;
    expect(report.department).toBe('中江县水利局');
  });
});

describe('a low-resolution scan keeps a blurred rule its small tilt steps across lines (real PP-OCR read)', () => {
  // Page 2 of heldout17's lowres scan of layout L05 as Chromium prints it (150 dpi, JPEG; held out in
  // round 21, tuning data from round 22 on; corpus/build/scan-page-cuts.ts). The page is tilted 0.14°,
  // less than deskewing corrects; the blurred rule over 满意度指标 steps down across 11 lines at the rule
  // finder's level, and taken line by line along that band its core looked like skirts: it was dropped
  // as a filled area, the 满意度指标 row ran into the one above and the form's last row was lost.
  const result = readScanOnce('test/fixtures/scan-flags/tilted-blurred-rule-lowres.pdf', 300_000);

  it('reads the rows on both sides of the rule apart', () => {
    const rows = result().reports[0]!.indicators;
    // Golden L05: 效益指标 / 可持续影响指标 / 医疗救助制度持续运行 长期 长期; 满意度指标 / 服务对象满意度指标 / 救助对象满意度 ≥90% 95%.
    expect(rows.find((r) => r.level3?.includes('持续运行'))).toMatchObject({ level1: '效益指标', target_raw: '长期', actual_raw: '长期' });
    expect(rows.find((r) => r.level3 === '救助对象满意度')).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', target_raw: '≥90%', actual_raw: '95%' });
  });
});

describe('a band deeper than a rule in the mask', () => {
  // 7 lines: the rule finder's thickest rule at 200 dpi.
  it('is a rule when its depth is skirts of blur on both sides of a thin core', () => {
    // Across the rule over the indicator header on that page: 8 lines at the rule finder's level.
    expect(blurredRule([235, 196, 170, 138, 108, 105, 170, 224], 7)).toBe(true);
  });
  it('is a filled area when it is dark across, or a rule with shading under it', () => {
    expect(blurredRule([120, 110, 105, 108, 112, 115, 110, 118, 121], 7)).toBe(false);
    expect(blurredRule([110, 100, ...Array<number>(23).fill(225)], 7)).toBe(false);
  });
});
