// Builds the comparison-mark test pictures (test/fixtures/marks/): a small indicator table whose
// targets print `≥`, `≤`, `>`, `<` and `=` in an operator column of their own (`符号 | 值 | 单位`)
// and before the value (`≥95%`), set in Noto Serif CJK SC (whose `≥` and `≤` are drawn with a
// slanted bar, `⩾`, and whose `=` is short and thin: marks PP-OCR reads as `V`, `Λ` or nothing),
// printed by WeasyPrint, rendered at 200 dpi and scanned into an image PDF as the scan grid's `portal` family does
// (corpus/build/degrade-ops.ts: tilt 0.4°, blur 0.5 px, grain σ 5, JPEG quality 40), and the same
// sheet blurred as the `heavy` family (blur 1.2 px, grain σ 10, JPEG 18), where marks
// may come out too smudged to tell. A third picture sets a Sichuan form's indicator rows
// (`指标性质 | 指标值 | 度量单位` in one header row, `指标性质` wrapped in its narrow cell) in
// WenQuanYi Zen Hei, whose `=` is two short bars PP-OCR reads as `一` (or as two lines of it) and
// whose `≤` it reads as `K`, scanned as the `portal` family. Seeded; needs weasyprint and pdftoppm
// (building only).
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

/** A Sichuan form's rows (`指标性质 | 指标值 | 度量单位`): level 1, level 2, indicator, operator, value, unit, actual, weight, score. */
const SICHUAN: ReadonlyArray<readonly string[]> = [
  ['产出指标', '数量指标', '发放覆盖率', '=', '100', '%', '100', '30', '30'],
  ['产出指标', '经济成本指标', '成本控制数', '≤', '30', '万元', '28', '30', '30'],
  ['效益指标', '社会效益指标', '参保率', '≥', '95', '%', '97', '20', '20'],
  ['满意度指标', '服务对象满意度指标', '群众满意度', '=', '100', '%', '100', '20', '20'],
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

// The Sichuan form as wkhtmltopdf prints it in Zen Hei: the operator, unit and actual columns are
// narrow, so their headers wrap (`指标性` over `质`), and each mark stands alone at its cell's left.
const zenHei = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 12mm; }
body { font-family: "WenQuanYi Zen Hei"; font-size: 10.5pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 1px solid #000; padding: 1px 2px; }
td.narrow { width: 2.6em; }
td.op { width: 3.2em; }
</style></head><body>
<table>
<tr>${td('一级指标')}${td('二级指标')}${td('三级指标')}${td('指标性质', ' class="op"')}${td('指标值')}${td('度量单位', ' class="narrow"')}${td('完成值', ' class="narrow"')}${td('权重')}${td('得分')}</tr>
${SICHUAN.map((r) => `<tr>${r.map((c) => td(c)).join('')}</tr>`).join('\n')}
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
  writeFileSync(join(work, 'zenhei.html'), zenHei);
  run('weasyprint', ['--quiet', join(work, 'zenhei.html'), join(work, 'zenhei.pdf')]);
  // The table, from the page's top margin down (A4 portrait at 200 dpi is 2339 px tall).
  const form = pageStrip(join(work, 'zenhei.pdf'), 1, 200, 60, 420);
  writeFileSync(join(OUT, 'marks-zenhei-portal.pdf'), imagePdf([pdfImage(grain(blur(tilt(form, -0.5), 0.5), random(7103), 5), 40)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
