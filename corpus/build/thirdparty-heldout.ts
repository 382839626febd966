/**
 * Builds the held-out third-party evaluation report (corpus/layouts/tp-hunan-…pdf): a county
 * 绩效评价报告 with its 绩效评价指标体系评分表 as third-party evaluators in 湖南 lay it out (weights
 * in brackets inside the level labels, 分值 | 得分 | 扣分原因 after the texts, one score printed
 * for two indicators in a merged cell), written as a web page, opened in LibreOffice Writer as
 * Word, its header row set to repeat, and exported to PDF: the long texts make the pages cut
 * rows and merged level cells. Written by hand before any reading of it; its golden file
 * (golden/tp-hunan.json) was transcribed by hand from the printed PDF.
 *
 *   npx tsx corpus/build/thirdparty-heldout.ts      (needs soffice and CJK fonts)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { repeatHeaderRows } from './pdf';

const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'layouts', 'tp-hunan-pingjiang-road-maintenance-evaluation.pdf');

/** level-1 label, level-2 label, name, 指标解释, 评分标准, 分值, 得分 (null: merged with the row above), 扣分原因. */
type Row = [string, string, string, string, string, string, string | null, string];

const EXPLAIN = '用以反映和考核项目实施情况与预期目标的相符程度，评价时结合项目资料、现场核查和访谈情况综合判断。';
const ROWS: Row[] = [
  ['决策（20分）', '项目立项（6分）', '立项依据充分性', `项目立项是否符合法律法规、相关政策、发展规划以及部门职责，${EXPLAIN}`, '①符合国家和省农村公路养护政策；②与部门职责相符；③属于公共财政支持范围。全部符合得满分，每缺一项扣1分。', '3', '3.00', '无'],
  ['决策（20分）', '项目立项（6分）', '立项程序规范性', `项目是否按照规定的程序申请设立，审批文件、材料是否符合相关要求，${EXPLAIN}`, '①按规定程序申请设立；②审批文件、材料符合要求；③事前经过必要的论证。每缺一项扣1分。', '3', '2.00', '未提供养护计划的专家论证材料。'],
  ['决策（20分）', '绩效目标（6分）', '绩效目标合理性', `项目所设定的绩效目标是否依据充分，是否符合客观实际，${EXPLAIN}`, '①设有绩效目标；②与实际工作内容相关；③预期产出效益符合正常业绩水平。不符合一项扣1分，部分符合扣0.5分。', '3', '2.50', '预期效益指标偏高。'],
  ['决策（20分）', '绩效目标（6分）', '绩效指标明确性', `依据绩效目标设定的绩效指标是否清晰、细化、可衡量，${EXPLAIN}`, '①细化分解为具体指标；②通过清晰可衡量的指标值体现；③与任务数相对应。每缺一项扣1分。', '3', '2.00', '质量指标未量化。'],
  ['决策（20分）', '资金投入（8分）', '预算编制科学性', `项目预算编制是否经过科学论证、有明确标准，资金额度与年度目标是否相适应，${EXPLAIN}`, '①预算经过科学论证；②预算内容与项目内容匹配；③测算依据充分；④资金量与工作任务相匹配。每缺一项扣1分。', '4', '3.00', '测算依据未按里程分类。'],
  ['决策（20分）', '资金投入（8分）', '资金分配合理性', `项目预算资金分配是否有测算依据，与补助单位或地方实际是否相适应，${EXPLAIN}`, '①分配依据充分；②分配额度合理。每缺一项扣2分。', '4', '4.00', '无'],
  ['过程（20分）', '资金管理（12分）', '资金到位率', `实际到位资金与预算资金的比率，${EXPLAIN}`, '资金到位率=实际到位资金/预算资金×100%，到位率100%得满分，每低1%扣0.1分。', '4', '7.00', '县级配套资金到位滞后，年底前拨付率偏低，两项合并评分。'],
  ['过程（20分）', '资金管理（12分）', '预算执行率', `项目预算资金是否按照计划执行，${EXPLAIN}`, '预算执行率=实际支出资金/实际到位资金×100%，执行率100%得满分，每低1%扣0.1分。', '4', null, '年末结余资金较多。'],
  ['过程（20分）', '资金管理（12分）', '资金使用合规性', `项目资金使用是否符合相关的财务管理制度规定，${EXPLAIN}`, '①符合财经法规和资金管理办法；②支付有完整审批手续；③符合批复用途；④无截留、挤占、挪用。每缺一项扣1分。', '4', '3.00', '部分支出凭证附件不全。'],
  ['过程（20分）', '组织实施（8分）', '管理制度健全性', `项目实施单位的财务和业务管理制度是否健全，${EXPLAIN}`, '①已制定业务管理制度；②已制定资金管理办法；③制度合法合规完整。不符合一项扣1分，部分符合扣0.5分。', '4', '3.50', '养护考核办法未及时修订。'],
  ['过程（20分）', '组织实施（8分）', '制度执行有效性', `项目实施是否符合相关管理规定，${EXPLAIN}`, '①遵守相关法律法规和管理规定；②调整及支出调整手续完备；③项目合同书、验收报告等资料齐全并及时归档。每缺一项扣1分。', '4', '3.00', '个别合同归档不及时。'],
  ['产出（30分）', '产出数量（12分）', '养护里程完成率', `实际完成日常养护里程与计划养护里程的比率，${EXPLAIN}`, '完成率=实际完成里程/计划里程×100%，达到100%得满分，每低1%扣0.2分。', '6', '6.00', '无'],
  ['产出（30分）', '产出数量（12分）', '桥梁定期检测完成率', `实际完成定期检测的桥梁数与计划检测桥梁数的比率，${EXPLAIN}`, '完成率=实际检测座数/计划检测座数×100%，达到100%得满分，每低1%扣0.2分。', '6', '5.00', '计划检测桥梁5座未完成。'],
  ['产出（30分）', '产出质量（10分）', '路面技术状况指数达标率', `路面技术状况指数（PQI）达到规定标准的里程占比，${EXPLAIN}`, '达标率≥90%得满分，每低1%扣0.2分。', '5', '4.00', '部分乡道路面破损未及时修复。'],
  ['产出（30分）', '产出质量（10分）', '养护工程验收合格率', `完成的养护工程经验收合格的比率，${EXPLAIN}`, '合格率100%得满分，每低1%扣0.5分。', '5', '5.00', '无'],
  ['产出（30分）', '产出时效（4分）', '养护任务完成及时性', `养护任务是否在规定时间内完成，${EXPLAIN}`, '按期完成得满分，每延期一项扣0.5分。', '4', '3.00', '两项小修工程延期。'],
  ['产出（30分）', '产出成本（4分）', '单位养护成本控制率', `每公里养护成本与预算标准的比率，${EXPLAIN}`, '控制在标准以内得满分，每超1%扣0.2分。', '4', '4.00', '无'],
  ['效益（30分）', '社会效益（12分）', '农村公路优良路率提升', `农村公路优良中等路率较上年的提升情况，${EXPLAIN}`, '较上年提升得满分，持平得一半分值，下降不得分；按提升幅度酌情扣分。', '6', '5.00', '提升幅度低于目标。'],
  ['效益（30分）', '社会效益（12分）', '群众出行条件改善', `项目实施对沿线群众出行条件的改善情况，${EXPLAIN}`, '通过现场核查和问卷了解，明显改善得满分，有所改善得一半分值。', '6', '6.00', '无'],
  ['效益（30分）', '生态效益（6分）', '路域环境整治', `公路路域环境整治达到要求的情况，${EXPLAIN}`, '路域环境整洁、绿化完好得满分，发现一处问题扣0.5分。', '6', '5.00', '两处路段边沟堵塞。'],
  ['效益（30分）', '可持续影响（4分）', '长效养护机制建立', `是否建立县乡村三级养护长效机制，${EXPLAIN}`, '机制健全并有效运行得满分，机制不完善酌情扣分。', '4', '3.00', '村级养护员考核机制不完善。'],
  ['效益（30分）', '满意度（8分）', '沿线群众满意度', `沿线群众对农村公路养护的满意程度，${EXPLAIN}`, '满意度≥90%得满分，每低1%扣0.1分。', '4', '3.50', '满意度为85.2%。'],
  ['效益（30分）', '满意度（8分）', '乡镇养护站满意度', `乡镇养护站对项目资金保障和管理的满意程度，${EXPLAIN}`, '满意度≥90%得满分，每低1%扣0.1分。', '4', '4.00', '无'],
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Rows of the same level-1 / level-2 label are one merged cell; a null score joins the cell above. */
function table(): string {
  const span = (i: number, col: 0 | 1 | 6) => {
    let n = 1;
    while (ROWS[i + n] && (col === 6 ? ROWS[i + n]![6] === null : ROWS[i + n]![col] === ROWS[i]![col])) n++;
    return n;
  };
  const body = ROWS.map((row, i) => {
    const cells: string[] = [];
    for (const col of [0, 1] as const) {
      if (i > 0 && ROWS[i - 1]![col] === row[col]) continue;
      cells.push(`<td rowspan="${span(i, col)}">${esc(row[col])}</td>`);
    }
    cells.push(...[row[2], row[3], row[4], row[5]].map((t) => `<td>${esc(t)}</td>`));
    if (row[6] !== null) cells.push(`<td rowspan="${span(i, 6)}">${row[6]}</td>`);
    cells.push(`<td>${esc(row[7])}</td>`);
    return `<tr>${cells.join('')}</tr>`;
  });
  const head = ['一级指标', '二级指标', '三级指标', '指标解释', '评分标准', '分值', '得分', '扣分原因'].map((h) => `<td>${h}</td>`).join('');
  const total = '<tr><td colspan="5">合计</td><td>100</td><td>86.50</td><td></td></tr>';
  // Column widths that fit an A4 page (without them Writer lets the last column run off the page).
  const cols = [7, 7, 10, 26, 24, 5, 7, 14].map((w) => `<col width="${w}%">`).join('');
  return `<table border="1" cellspacing="0" width="100%">${cols}<tr>${head}</tr>${body.join('')}${total}</table>`;
}

const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>平江县2023年度农村公路养护专项资金绩效评价报告</title></head><body>
<h1>平江县2023年度农村公路养护专项资金绩效评价报告</h1>
<p>项目单位：平江县交通运输局</p>
<p>委托单位：平江县财政局</p>
<p>评价方式：第三方机构评价</p>
<p>一、评价结论</p>
<p>评价组依据设定的绩效评价指标体系，对项目决策、过程、产出和效益进行了综合评价。经评价，该项目综合得分86.50分，评价等级为“良”。其中决策指标16.50分，过程指标16.50分，产出指标27.00分，效益指标26.50分。</p>
<p>二、存在的问题</p>
<p>县级配套资金到位滞后；桥梁定期检测计划未全部完成；村级养护员考核机制不完善。</p>
<p>附件：平江县2023年度农村公路养护专项资金绩效评价指标体系评分表</p>
${table()}
<p>评价机构：第三方评价机构（受托）  报告日期：2024年5月20日</p>
</body></html>
`;

const work = mkdtempSync(join(tmpdir(), 'jixiao-tp-'));
const source = join(work, 'tp-hunan.html');
writeFileSync(source, html);
const soffice = (args: string[]) => {
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', ...args, '--outdir', work], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
};
soffice(['--convert-to', 'docx:MS Word 2007 XML', source]);
const docx = join(work, 'tp-hunan.docx');
const zip = await JSZip.loadAsync(readFileSync(docx));
zip.file('word/document.xml', repeatHeaderRows(await zip.file('word/document.xml')!.async('string')));
writeFileSync(docx, await zip.generateAsync({ type: 'nodebuffer' }));
soffice(['--convert-to', 'pdf', docx]);
renameSync(join(work, 'tp-hunan.pdf'), OUT);
rmSync(work, { recursive: true, force: true });
console.log(`${OUT}: ${ROWS.length} indicator rows`);
