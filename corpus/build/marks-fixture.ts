// Builds the comparison-mark test pictures (test/fixtures/marks/): a small indicator table whose
// targets print `≥`, `≤`, `>`, `<` and `=` in an operator column of their own (`符号 | 值 | 单位`)
// and before the value (`≥95%`), set in Noto Serif CJK SC (whose `≥` and `≤` are drawn with a
// slanted bar, `⩾`, and whose `=` is short and thin: marks PP-OCR reads as `V`, `Λ` or nothing),
// printed by WeasyPrint, rendered at 200 dpi and scanned into an image PDF as the scan grid's `portal` family does
// (corpus/build/degrade-ops.ts: tilt 0.4°, blur 0.5 px, grain σ 5, JPEG quality 40), and the same
// sheet blurred as the `heavy` family (blur 1.2 px, grain σ 10, JPEG 18), where marks
// may come out too smudged to tell. Seeded; needs weasyprint and pdftoppm (building only).
// Run: npx tsx corpus/build/marks-fixture.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blur, grain, helpIfAsked, imagePdf, pageStrip, pdfImage, random, run, tilt } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/marks-fixture.ts\nRewrites test/fixtures/marks/ (an indicator table printing comparison marks in Noto Serif CJK, scanned twice; seeded; needs weasyprint and pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'marks');

/** Rows: level 2, indicator, operator, value, unit, actual, actual unit, weight, score. */
const ROWS: ReadonlyArray<readonly string[]> = [
  ['数量指标', '培训人次', '≥', '1200', '人次', '1350', '人次', '20', '20'],
  ['质量指标', '验收合格率', '=', '100', '%', '100', '%', '20', '20'],
  ['时效指标', '资金拨付时限', '≤', '30', '天', '28', '天', '10', '10'],
  ['成本指标', '人均培训成本', '<', '500', '元', '480', '元', '10', '10'],
  ['效益指标', '就业率提高', '>', '5', '%', '6.2', '%', '20', '18'],
  ['满意度指标', '学员满意度', '≥', '90', '%', '94', '%', '20', '20'],
];
/** The same targets printed with the mark before the value, in one cell. */
const INLINE: ReadonlyArray<readonly string[]> = [
  ['数量指标', '新增设备台数', '≥12台', '12台', '30', '30'],
  ['成本指标', '单台采购成本', '≤8.5万元', '8.2万元', '30', '30'],
  ['质量指标', '设备完好率', '=98%', '98%', '40', '39'],
];

const td = (s: string, attrs = '') => `<td${attrs}>${s}</td>`;
const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 11pt; }
table { border-collapse: collapse; margin-bottom: 8mm; width: 100%; }
td { border: 1px solid #000; padding: 3px 4px; }
</style></head><body>
<table>
<tr>${td('二级指标', ' rowspan="2"')}${td('三级指标', ' rowspan="2"')}${td('年度指标值', ' colspan="3"')}${td('实际完成值', ' colspan="2"')}${td('分值', ' rowspan="2"')}${td('得分', ' rowspan="2"')}</tr>
<tr>${td('符号')}${td('值')}${td('单位')}${td('值')}${td('单位')}</tr>
${ROWS.map((r) => `<tr>${r.map((c) => td(c)).join('')}</tr>`).join('\n')}
</table>
<table>
<tr>${['二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].map((c) => td(c)).join('')}</tr>
${INLINE.map((r) => `<tr>${r.map((c) => td(c)).join('')}</tr>`).join('\n')}
</table>
</body></html>`;

const work = mkdtempSync(join(tmpdir(), 'jixiao-marks-'));
try {
  writeFileSync(join(work, 'marks.html'), html);
  run('weasyprint', ['--quiet', join(work, 'marks.html'), join(work, 'marks.pdf')]);
  // The two tables, from the page's top margin to below the second table (A4 landscape at 200 dpi is 1654 px tall).
  const sheet = pageStrip(join(work, 'marks.pdf'), 1, 200, 60, 1000);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'marks-portal.pdf'), imagePdf([pdfImage(grain(blur(tilt(sheet, 0.4), 0.5), random(7101), 5), 40)]));
  writeFileSync(join(OUT, 'marks-heavy.pdf'), imagePdf([pdfImage(grain(blur(tilt(sheet, 0.7), 1.2), random(7102), 10), 18)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
