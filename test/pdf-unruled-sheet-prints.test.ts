import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../schemas/document';
import { unifyIdeographs } from '../parsers/ideographs';
import { pdfParser } from '../parsers/pdf';
import { extractFile, ROOT } from './helpers';

// Sheets printed without any rule by a browser (Chromium's print of Calc's HTML export,
// corpus/producers/chromium-calc-html-export; cut by `npx tsx corpus/build/producers.ts --cuts`):
// cells set to their row's foot, rows saved taller than their text, a row cut by a page break set
// to its top, one text run a glyph. Columns come from the header's words and the lines under them,
// rows from the 分值 each prints, and what the print leaves open is doubted.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);

const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

describe('sheets printed without rules by a browser', () => {
  it('reads the row a page break cuts (set to its top, its text wrapped on to the foot) whole, and goes on past a wide blank on the next page', async () => {
    const result = await extractFile(fixture('chromium-calc-cut-row.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    // Page 2's rows under no header, the first under a blank over four lines high, are the same table's.
    expect(report!.indicators.map((x) => [x.level3, x.page])).toEqual([
      ['贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署', 1],
      ['执行预算绩效管理和资金管理办法', 1],
      ['决策程序规范', 1],
      ['绩效目标设置科学', 1],
      ['绩效目标分解细化', 2],
      ['资金分配规范性', 2],
      ['资金分配合理性', 2],
      ['预算执行率', 2],
      ['资金使用合规性', 2],
      ['资金监管有效性', 2],
    ]);
    // The cut row's cells: every wrapped line under its first, where its 分值 prints, is its own.
    const cut = report!.indicators[3]!;
    expect([cut.target_raw, cut.scoring_rule, cut.weight]).toEqual([
      '遵照财政部和国家医疗保障局下达的年度总体目标和具体绩效指标各市、县(区)遵照财政厅和自治区医疗保障局下达的年度总体目标和具体绩效指标',
      '①按照国家医疗保障局下达的绩效目标表进行细化，目标设置合理科学(1分)②明确产出指标、满意度指标等绩效指标要求(1分)',
      '2',
    ]);
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("doubts the row the page's foot cuts: whether the text under its 分值 is its own or the next row's is not printed", async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('chromium-calc-cut-row.pdf')), { name: 'chromium-calc-cut-row.pdf' });
    const [table] = tables(doc.blocks);
    // The page engine's texts as printed (radicals for some ideographs: ⽬), unified as the pipeline reads them.
    const row = table!.rows.find((r) => r.some((c) => unifyIdeographs(c.text) === '绩效目标设置科学'))!;
    for (const c of row.filter((c) => c.rowSpan === 1 && c.text !== '')) expect(c.prov.unruled).toMatch(/the page's foot cuts this row's text under its 分值/);
    // The rows above it are not cut: no such doubt.
    const first = table!.rows.find((r) => r.some((c) => unifyIdeographs(c.text).startsWith('执行预算绩效管理')))!;
    for (const c of first) expect(c.prov.unruled ?? '').not.toMatch(/page's foot cuts/);
  });

  it("reads the level label of a block the page's foot cuts where the browser sets it, at the block's top: the rows above keep their labels", async () => {
    const result = await extractFile(fixture('chromium-calc-cut-row.pdf'));
    // 决策依据 and 决策过程 set to their blocks' foot; 绩效目标 on the first line of the cut row, whose block runs past the break.
    expect(result.reports[0]!.indicators.slice(0, 4).map((x) => x.level2)).toEqual(['决策依据', '决策依据', '决策过程', '绩效目标']);
  });

  it("joins the rest of a row the page before cut at its top (printed at the next page's top, over the next row's own cells) to that row", async () => {
    const result = await extractFile(fixture('chromium-calc-row-rest.pdf'));
    const rows = result.reports[0]!.indicators;
    const cut = rows.find((x) => x.level3 === '医保信息系统重大安全事件响应时间')!;
    const next = rows.find((x) => x.level3 === '医保信息系统运行维护响应时间')!;
    expect([cut.page, cut.actual_raw, cut.scoring_rule]).toEqual([1, '信息系统发生重点安全事件做出响应的的时间小于60分钟', '满分:≤60分钟合格:系统建设有设定零分:无设定']);
    expect([next.page, next.actual_raw, next.weight]).toEqual([2, '医保信息系统故障运行维护的响应时间小于30分钟', '2']);
    // Which lines are the rest is read, not printed: the report stays doubted.
    expect(result.reports[0]!.report.extraction_confidence).toBe('low');
  });

  it("reads a page that goes on with the form above in its columns although its first rows line up as a grid, and the forms under their headers after them", async () => {
    const result = await extractFile(fixture('chromium-calc-grid-continuation.pdf'));
    expect(result.reports).toHaveLength(1);
    const page2 = result.reports[0]!.indicators.filter((x) => x.page === 2);
    expect(page2.map((x) => x.level3)).toEqual(expect.arrayContaining(['资金监管有效性', '绩效评价机制健全性', '医疗救助门诊和住院救助人次', '市域内一站式即时结算覆盖地区', '困难群众看病就医方便程度']));
    expect(page2.find((x) => x.level3 === '医疗救助门诊和住院救助人次')).toMatchObject({ level1: '产出指标', level2: '数量指标', weight: '5' });
    expect(page2.find((x) => x.level3 === '医疗救助对象覆盖范围')).toMatchObject({ level1: '效益指标', level2: '社会效益指标' });
    // Page 1's sentence over the summary table (`一级指标权重及得分情况如下表所示：`, a run a glyph, the glyphs
    // touching) is no two header cells: its 合计 row keeps its columns and gives the total.
    expect(result.reports[0]!.report.total_printed).toBe('96');
    expect(result.reports[0]!.report.extraction_confidence).toBe('low');
  });

  it("keeps apart a label set to its block's foot and the next block's label set over its first row, in the blank there, where the page's foot cuts that block", async () => {
    const result = await extractFile(fixture('chromium-calc-cut-block.pdf'));
    const report = result.reports.find((r) => r.indicators.some((x) => x.level3 === '参保居民个人实际缴费标准'))!;
    expect(report.indicators.slice(0, 3).map((x) => [x.level3, x.level2])).toEqual([
      ['资助建档立卡贫困人口参加城乡居民医保', '数量指标'],
      ['参保居民个人实际缴费标准', '数量指标'],
      ['医疗救助政策覆盖条件的脱贫人口', '质量指标'],
    ]);
    expect(report.report.extraction_confidence).toBe('low');
  });

  it("cuts a header chunk two columns' words run into where the lines under it start their text (page 2: 实际值(2022年)评分标准)", async () => {
    const result = await extractFile(fixture('chromium-calc-run-in-header.pdf'));
    const report = result.reports.find((r) => r.indicators.some((x) => x.page === 2 && x.level1 === '项目决策'));
    expect(report).toBeDefined();
    expect(report!.evidence.columns).toEqual(expect.arrayContaining(['actual', 'scoring_rule']));
    const [first] = report!.indicators;
    expect(first!.actual_raw).toMatch(/^深入贯彻中央医疗保障制度改革关于有关能力建设决策部署，.*有序有效推进我县医保经办服务能力提升工作。$/);
    expect(first!.scoring_rule).toBe('1、符合《中共中央国务院关于深化医疗保障制度改革的意见》（2分）2.印发《“十四五”全民医疗保障规划》2022年度任务的相关文件(2分)');
    expect([first!.weight, first!.score]).toEqual(['4', '4']);
  });

  it('reads header words printed with radicals (⼀级指标 ⼆级指标 ⾃评得分, page 1): the form is found, and doubted', async () => {
    const result = await extractFile(fixture('chromium-calc-run-in-header.pdf'));
    const report = result.reports.find((r) => r.indicators.some((x) => x.page === 1));
    expect(report).toBeDefined();
    expect(report!.report.title).toBe('2022年度部门整体支出绩效目标自评表');
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.findings.some((f) => f.code === 'EXTRACTION_SUSPECT')).toBe(true);
  });

  it("reads a level label whose weight a row's bound cuts after its number (`产出指标 (50` / `分)`) as one label, its block every row up to it (page 11 of the print of the 004 sheet)", async () => {
    // Set to its block's foot, the label ends on the block's last row; `分)` alone on that row's one
    // line stands where a label of the next block would start: the open bracket says it goes on.
    const result = await extractFile(fixture('chromium-calc-weight-cut.pdf'));
    expect(result.reports).toHaveLength(1);
    const rows = result.reports[0]!.indicators;
    expect(rows.map((x) => [x.level1, x.level1_weight])).toEqual([...Array(9).fill(['产出指标', '50']), ['效益指标', '30'], ['效益指标', '30'], ['满意度指标', '10']]);
    expect(rows.slice(7, 9).map((x) => [x.level2, x.level3])).toEqual([
      ['成本指标', '项目或定额成本控制率'],
      ['成本指标', '项目资金使用'],
    ]);
  });
});

// WeasyPrint's prints of Calc's HTML export with `--presentational-hints` (cut from
// corpus/producers/weasyprint-hints-calc-html-export by `npx tsx corpus/build/producers.ts --cuts`): the
// export's column widths honoured, so narrow columns' names wrap and their cells' texts touch.
describe('a header whose narrow columns’ names run into their neighbours’', () => {
  it('cuts `值 指标说明` into the weight column (its `分` on the line above) and the description column (page 1 of the 000 sheet)', async () => {
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-narrow-header.pdf'))).reports;
    expect(report!.indicators.slice(0, 3).map((x) => [x.level3, x.weight, x.description, x.score])).toEqual([
      ['贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署', '4', '用以反映和考核各级医保部门贯彻中央医疗保障制度改革和《“十四五”全民医疗保障规划》有关医保服务能力提升的决策部署情况', '4'],
      ['执行预算绩效管理和资金管理办法', '2', '用以反映和考核决策是否符合预算绩效管理要求和资金管理办法', '2'],
      ['决策程序规范', '2', '用以反映和考核项目决策规范程度', '1'],
    ]);
  });

  it('cuts the note column’s name from the self-score column’s where their runs touch (`改进|自评得` / `措施|分`, page 1 of the 001 sheet)', async () => {
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-touching-header.pdf'))).reports;
    expect(report!.indicators.slice(0, 4).map((x) => [x.level3, x.target_raw, x.score, x.note])).toEqual([
      ['配合上级专项稽核', '≥10天', '10', null],
      ['全年对区域内城乡居民医保定点医疗机构进行全面检查', '≥1次', '10', null],
      ['完成辖区内普通城乡居民人数参保缴费任务', '≥52万人', '10', null],
      ['基本医疗保险的参保率达应参保人数的比例', '≥95%', '10', null],
    ]);
  });
});

describe('a sheet’s row under a wide blank whose cells touch', () => {
  it('goes on with the row whose level-1 weight, right-aligned, touches the level-2 label (`20|资金分配`), and its label block (page 1 of the 003 sheet, WeasyPrint with hints)', async () => {
    // The export's row heights honoured: the table's last row stands under a blank four lines high, its
    // text at its foot; the 项目决策 label (set to its block's foot) and the 20 beside it are on that row's line.
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-row-under-blank.pdf'))).reports;
    expect(report!.indicators.map((x) => x.level3).slice(-2)).toEqual(['资金分配合理性', '资金分配规范性']);
    expect(report!.indicators.map((x) => [x.level1, x.level1_weight])).toEqual(Array(7).fill(['项目决策', '20']));
    expect(report!.indicators.at(-1)).toMatchObject({ level2: '资金分配', level2_weight: '6', weight: '3', score: '3' });
  });

  it("reads a level label alone at the page's foot, under a wide blank, as the label of the block the break cuts (pages 2-3 of the 003 sheet, WeasyPrint with hints)", async () => {
    // 产出指标's block runs past page 1's foot; its label and weight (`产出指标 37`, set to the block's foot) print at the
    // foot of the block's part on page 1, under the blank its rows' text left; page 2 goes on with the block's last row.
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-label-at-foot.pdf'))).reports;
    const output = report!.indicators.filter((x) => x.level1 === '产出指标');
    expect(output.map((x) => [x.page, x.level1_weight, x.level2])).toEqual([
      ...Array(5).fill([1, '37', '数量指标']),
      ...Array(5).fill([1, '37', '质量指标']),
      [2, '37', '时效指标'],
    ]);
    expect(output.at(-1)!.level3).toBe('市域内一站式即时结算覆盖地区');
    // The table does not end at the blank: the next table's rows keep their own label.
    expect(report!.indicators.filter((x) => x.level1 === '效益指标').map((x) => x.level1_weight)).toEqual(Array(5).fill('13'));
  });
});

describe('a sheet header whose cells are set to their top', () => {
  it('reads the columns whose names wrap over more lines than the level names (`预期指标值` / `（包含数字及` / `文字描述）`, page 1 of the 001 sheet, wkhtmltopdf)', async () => {
    // The one-line names (一级指标 … 自评得分) print on the header's last line; the target's, actual's and note's names
    // start two lines higher, their cells' text going on down to that line: one header, not a band of its own above it.
    const [report] = (await extractFile(fixture('wkhtmltopdf-calc-wrapped-header.pdf'))).reports;
    expect(report!.indicators.map((x) => [x.level3, x.target_raw, x.actual_raw, x.score]).slice(0, 3)).toEqual([
      ['配合上级专项稽核', '≥10天', '≥10天', '10'],
      ['全年对区域内城乡居民医保定点医疗机构进行全面检查', '≥1次', '≥1次', '10'],
      ['完成辖区内普通城乡居民人数参保缴费任务', '≥52万人', '≥52万人', '10'],
    ]);
    expect(report!.indicators.map((x) => x.target_raw)).toEqual(['≥10天', '≥1次', '≥52万人', '≥95%', '≥100%', '2022-12-31', '成效明显', '不断增强', '≥95%']);
  });
});

describe('a sheet row the page break cuts before its 分值', () => {
  it("reads the lines under a header at the page's foot as the top of the next page's first row (pages 1-2 of the 001 sheet, wkhtmltopdf)", async () => {
    // Page 1 ends on the second form's header and the first lines of its first row's tallest cell (the 实际值); the
    // row's other cells and its 分值, set to its foot, print at page 2's top under the rest of that cell.
    const { reports } = await extractFile(fixture('wkhtmltopdf-calc-row-before-mark.pdf'));
    expect(reports).toHaveLength(2);
    const first = reports[1]!.indicators[0]!;
    expect([first.level3, first.weight, first.score]).toEqual(['贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署', '4', '4']);
    // The cell's text from both pages, in order: page 1's lines first.
    expect(first.actual_raw).toMatch(/^深入贯彻中央医疗保障制度改革.*因地制宜，集成嵌入，有序有效推进我县医保经办服务能力/);
    expect(reports[1]!.report.extraction_confidence).toBe('low');
  });
});

describe("level labels beside rows set apart by their cells' padding", () => {
  it("reads a label's lines by the blank between them: its line pitch goes on over a row's bound, a padding's blank parts two labels (pages 1-2 of the 001 sheet, WeasyPrint with hints)", async () => {
    // `完` `成` print beside the first row, `指` `标` beside the second at the same pitch: one label. `效益指标` ends on
    // its block's last line and `满意度指标` starts a padding's blank lower, over its row's text: two labels.
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-label-pitch.pdf'))).reports;
    expect(report!.indicators.slice(0, 3).map((x) => x.level1)).toEqual(Array(3).fill('完成指标'));
    const level1 = (level3: string) => report!.indicators.find((x) => x.level3 === level3)?.level1;
    expect(level1('对减轻区内患者医疗费用负担，保障人民群众医疗权利的作用')).toBe('效益指标');
    expect(level1('受益群众的满意程度')).toBe('满意度指标');
  });
});

describe('a form without rules closed by its total row', () => {
  it('ends the level blocks over the total row: labels set to their blocks’ middle find them (page 12 of the 004 sheet, WeasyPrint)', async () => {
    // `总分` prints in the section column; 产出指标 (50分) stands at the middle of the form's first five rows, not of six.
    const [report] = (await extractFile(fixture('weasyprint-calc-total-row.pdf'))).reports;
    expect(report!.indicators.map((x) => [x.level1, x.level1_weight])).toEqual([
      ...Array(5).fill(['产出指标', '50']),
      ['效益指标', '30'],
      ['满意度指标', '10'],
    ]);
  });
});

describe("one run across two cells of a sheet's row", () => {
  it('cuts a body run a column edge crosses at its space into the cells’ texts, and reads on past it (page 3 of the 004 sheet, WeasyPrint with hints)', async () => {
    // `保结算县(市)数量 12个` is one run: the level-3 name's last line and the target beside it. Whole, it crossed the
    // target column's edge and ended the table as a paragraph would, the form's eleven rows under it lost.
    const [report] = (await extractFile(fixture('weasyprint-hints-calc-run-across-cells.pdf'))).reports;
    const row = report!.indicators.find((x) => x.level3 === '推行药品货款医保结算县(市)数量');
    expect([row?.target_raw, row?.actual_raw, row?.weight]).toEqual(['12个', '12个', '4']);
    expect(report!.indicators.map((x) => x.level3)).toContain('检查发现违法违规行为严格按照签订的定点机构服务协议处理');
    expect(report!.indicators.at(-1)?.level3).toBe('医保基金安全、平衡运行');
  });
});
