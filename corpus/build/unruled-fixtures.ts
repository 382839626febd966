// Usage: npx tsx corpus/build/unruled-fixtures.ts   (needs LibreOffice `soffice` and Noto CJK fonts)
//
// Two small evaluation forms printed without rules (no borders at all), as LibreOffice Writer
// prints an HTML table with `border="0"`, into test/fixtures/pdf/:
// - `unruled-form.pdf`: a form whose level labels are merged down their blocks (rowspan, set in
//   the middle), names that wrap over two or three lines, a 分值 column summing to 100;
// - `unruled-centred.pdf`: the same kind of form with every cell centred (no column's text starts
//   where its header's does) and no 分值 column: nothing the read could be checked against.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '../../test/fixtures/pdf');

interface Row {
  level1?: [string, number];
  level2?: [string, number];
  name: string;
  target: string;
  actual: string;
  weight: string;
  score: string;
}

const ROWS: Row[] = [
  { level1: ['产出指标', 4], level2: ['数量指标', 2], name: '城乡居民医保参保人数', target: '≥52万人', actual: '52.3万人', weight: '20', score: '20' },
  { name: '医疗救助对象资助参保覆盖率', target: '≥99%', actual: '100%', weight: '20', score: '20' },
  { level2: ['质量指标', 1], name: '医保基金监管定点医药机构现场检查覆盖面', target: '100%', actual: '100%', weight: '20', score: '20' },
  { level2: ['时效指标', 1], name: '资金拨付及时率', target: '100%', actual: '100%', weight: '10', score: '10' },
  { level1: ['效益指标', 2], level2: ['社会效益指标', 1], name: '减轻参保群众医疗费用负担', target: '有效减轻', actual: '有效减轻', weight: '20', score: '20' },
  { level2: ['满意度指标', 1], name: '参保群众满意度', target: '≥90%', actual: '93%', weight: '10', score: '10' },
];

/** Column widths (px): the names wrap over two or three lines. */
const WIDTHS = [64, 72, 110, 76, 76];

function page(title: string, align: string, withWeights: boolean): string {
  const head = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', ...(withWeights ? ['分值'] : []), '得分'];
  const body = ROWS.map((r) => {
    const cells = [
      r.level1 ? `<td rowspan="${r.level1[1]}">${r.level1[0]}</td>` : '',
      r.level2 ? `<td rowspan="${r.level2[1]}">${r.level2[0]}</td>` : '',
      `<td>${r.name}</td>`,
      `<td>${r.target}</td>`,
      `<td>${r.actual}</td>`,
      withWeights ? `<td>${r.weight}</td>` : '',
      `<td>${r.score}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>
<style>@page { size: A4; margin: 2cm } body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt } td { padding: 6px 8px; text-align: ${align} }</style></head><body>
<p>${title}</p>
<p>单位：某县医疗保障局</p>
<table border="0" cellspacing="0">
<tr>${head.map((h, k) => `<td width="${WIDTHS[k] ?? 48}">${h}</td>`).join('')}</tr>
${body.join('\n')}
</table>
</body></html>
`;
}

const tmp = mkdtempSync(join(tmpdir(), 'unruled-fixtures-'));
try {
  const pages = [
    ['unruled-form', page('2023年度项目支出绩效自评表（无框线）', 'left', true)],
    ['unruled-centred', page('2023年度项目支出绩效自评表（无框线，居中）', 'center', false)],
  ] as const;
  for (const [name, html] of pages) writeFileSync(join(tmp, `${name}.html`), html);
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${join(tmp, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, ...pages.map(([name]) => join(tmp, `${name}.html`))],
    { encoding: 'utf8' },
  );
  if (run.error || run.status !== 0) throw new Error(`soffice failed: ${run.error?.message ?? run.stderr}`);
  for (const [name] of pages) renameSync(join(tmp, `${name}.pdf`), join(OUT, `${name}.pdf`));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
