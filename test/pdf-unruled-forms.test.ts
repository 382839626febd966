import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../schemas/dataset';
import { sameRow } from '../pipeline/evaluate/compare';
import { selfCheckDoubts } from '../pipeline/validate/self-checks';
import { corpusFile, extractFile, golden, ROOT } from './helpers';

// Evaluation forms printed without rules (issue 10: calc-xlsx, pdf/*-unruled): read from the
// header's words and the text's places, and held to stricter checks than a ruled read, so that
// what is not borne out comes out `low` with EXTRACTION_SUSPECT rather than as a clean wrong row.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);
const suspect = (r: ReportResult) => r.findings.some((f) => f.code === 'EXTRACTION_SUSPECT');

describe('evaluation forms printed without rules', () => {
  it('reads a Writer print of a borderless form: merged labels set in the middle, names wrapped, weights summing to 100 (corpus/build/unruled-fixtures.ts)', async () => {
    const result = await extractFile(fixture('unruled-form.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    expect(report!.indicators.map((x) => [x.level1, x.level2, x.level3, x.target_raw, x.actual_raw, x.weight, x.score])).toEqual([
      ['产出指标', '数量指标', '城乡居民医保参保人数', '≥52万人', '52.3万人', '20', '20'],
      ['产出指标', '数量指标', '医疗救助对象资助参保覆盖率', '≥99%', '100%', '20', '20'],
      ['产出指标', '质量指标', '医保基金监管定点医药机构现场检查覆盖面', '100%', '100%', '20', '20'],
      ['产出指标', '时效指标', '资金拨付及时率', '100%', '100%', '10', '10'],
      ['效益指标', '社会效益指标', '减轻参保群众医疗费用负担', '有效减轻', '有效减轻', '20', '20'],
      ['效益指标', '满意度指标', '参保群众满意度', '≥90%', '93%', '10', '10'],
    ]);
    // Every check of the guess held: the read stands, and says how it was made.
    expect(report!.report.extraction_confidence).toBe('high');
    expect(suspect(report!)).toBe(false);
    expect(report!.evidence.unruled.map((u) => [u.row_index, u.doubt])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, null]));
  });

  it('doubts the same read when the figures do not bear the rows out (a weight changed, a row without one)', async () => {
    const [report] = (await extractFile(fixture('unruled-form.pdf'))).reports;
    const doubts = (change: (x: ReportResult) => void) => {
      const x = structuredClone(report!);
      change(x);
      return selfCheckDoubts(x.report, x.indicators, x.evidence);
    };
    expect(doubts(() => {})).toEqual([]);
    expect(doubts((x) => (x.indicators[1]!.weight = '10')).join()).toMatch(/without rules.*the weights add up to 90, not 100/);
    expect(doubts((x) => (x.indicators[1]!.weight = null)).join()).toMatch(/without rules.*1 row without a weight/);
    expect(doubts((x) => (x.evidence.unruled[2]!.doubt = 'a doubt of the read')).join()).toMatch(/without rules, and 1 row could not be placed for sure \(row 2: a doubt of the read\)/);
  });

  it('declines, or doubts, a form whose cells are centred and that prints no weight: nothing decides its columns or checks its rows', async () => {
    const result = await extractFile(fixture('unruled-centred.pdf'));
    for (const r of result.reports) {
      expect(r.report.extraction_confidence).toBe('low');
      expect(suspect(r)).toBe(true);
    }
    if (result.reports.length === 0) expect(result.document.error).toMatch(/without rules .* could not be aligned into columns reliably/);
  });

  it("reads the rows on the next page under a header that ended the page (pages 1-2 of Calc's print of the borderless 004 sheet)", async () => {
    const result = await extractFile(fixture('calc-unruled-header-at-foot.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    // The header's columns carry the page-2 rows: names, targets, actuals, weights in their fields.
    expect(report!.indicators.map((x) => [x.level3, x.actual_raw, x.weight]).slice(0, 2)).toEqual([
      ['打造医保经办“15分钟服务圈”', '12个', '4'],
      ['打造基层医保经办服务示范窗口', '12个', '4'],
    ]);
    expect(new Set(report!.indicators.map((x) => x.page))).toEqual(new Set([2]));
    // Still a guess without rules, and the two pages hold part of the form: its weights do not add up.
    expect(report!.report.extraction_confidence).toBe('low');
    expect(suspect(report!)).toBe(true);
  });

  it("reads the rows on the next page under a header that ends the page with its last word's cell wrapping on to the foot (pages 1-2 of the borderless print of seed 002)", async () => {
    // `未完成` / `原因和` read as the note column's word; `改进措` / `施` under it, alone on their lines to
    // the page's foot, are the rest of its cell, not a row: the header ends the page, its rows on page 2.
    const result = await extractFile(fixture('unruled-header-wraps-at-foot.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    expect(report!.indicators.map((x) => [x.level1, x.level2, x.level3, x.target_raw, x.actual_raw])).toEqual([
      ['产出指标', '数量指标', '医疗救助对象人次规模', '符合救助条件的对象按规定纳入救助范围', expect.stringMatching(/^100%。符合救助条件的对象已按规定纳入救助范围。/)],
      ['产出指标', '数量指标', '重点救助对象政策范围内个人自付费用年度限额内住院救助比例', '≥70%', '78.60%'],
      ['产出指标', '数量指标', '符合资助条件的农村低收入人口资助参保政策覆盖率', '≥99%', '≥99%'],
      ['产出指标', '质量指标', '医保综合监管能力', '有所提升', expect.stringMatching(/^100%。有所提升。/)],
    ]);
    expect(new Set(report!.indicators.map((x) => x.page))).toEqual(new Set([2]));
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it('says so when no row is read under a header that ended the page (pages 2-3 of the print of the 002 sheet)', async () => {
    // Page 3 prints only the middle of rows taller than a page, in the header's columns to its
    // foot and no row's end: the rows are lost there, and the page says so.
    const result = await extractFile(fixture('calc-unruled-header-rows-lost.pdf'));
    expect(result.reports).toEqual([]);
    expect(result.document.error).toMatch(/without rules on page 2 could not be aligned into columns reliably/);
    // The document names the header it printed, with no report left to say so.
    expect(result.document.error).toMatch(/an evaluation table's header is printed on page 1 \(「一级指标 二级指标 三级指标 指标值/);
  });

  it("goes on past a page printing only the middle of a row taller than itself, and says the row is lost there (pages 1, 11-13 of Calc's print of the 000 sheet)", async () => {
    const result = await extractFile(fixture('calc-unruled-row-through-page.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    // The rows of page 4 (the sheet's page 13) go on under page 1's header; page 3's row, whose
    // 分值 and name Calc printed past the paper's edge, is no row: not one made of its middle, nor
    // of the `Page 12` foot standing over it (read as a 分值 of 12 before).
    expect(report!.indicators.map((x) => [x.page, x.level3, x.weight])).toEqual([
      [1, '贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署', '4'],
      [2, '实行按病组(DRG) 和病种分值(DIP) 付费支付方式改革', '2'],
      [4, '医保法治建设能力', '1'],
      [4, '基金预警和风险控制能力', '2'],
      [4, '医保标准化水平', '2'],
    ]);
    expect(result.document.error).toMatch(/without rules on page 3 could not be aligned into columns reliably/);
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("gives a level label set at its block's foot the rows on the pages before it that print no label, after a block its label closed (pages 1, 6-9 of Calc's print of the 000 sheet)", async () => {
    // Page 2 (the sheet's 6) ends on 过程管理 / 组织管理 at their blocks' last row; pages 3-4 print
    // six rows and no level label; page 5 prints 产出指标 (50分) / 数量指标 on its first row, the last
    // of their blocks. Before, the rows of pages 3-4 went on in the blocks above (过程管理, 组织管理).
    const [report] = (await extractFile(fixture('calc-unruled-labels-pages-below.pdf'))).reports;
    expect(report!.indicators.map((x) => [x.level1, x.level1_weight, x.level2, x.level3])).toEqual([
      ['过程管理', '22', null, '贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署'],
      ['过程管理', '22', '组织管理', '管理制度健全有效性'],
      ['过程管理', '22', '组织管理', '绩效评价机制健全性'],
      ...['参保覆盖面', '召开医保工作会议', '推进医保政府信息公开', '在官方网站或微信公众号发布政策文件和解读', '报送工作信息情况', '医保规范性文件和政策措施的合法性审查、公平竞争审查', '医保信息系统验收合格率'].map((name) => ['产出指标', '50', '数量指标', name]),
      ...['医保信息系统正常运行率', '医保信息系统重大安全事件响应时间'].map((name) => ['产出指标', '50', '数量指标', name]),
    ]);
    // The rows of the pages without a label still say a page break may cut their block.
    const doubted = report!.evidence.unruled.filter((u) => u.doubt?.includes('page break')).map((u) => u.row_index);
    expect(doubted).toEqual(expect.arrayContaining([3, 4, 5, 6, 7, 8]));
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("reads a scoring sheet's level weights as merged down their blocks, the rows marked by the 分值 printed on each, the 合计 row's labels its own (pages 1-2 of Calc's print of the 003 sheet)", async () => {
    // Three 分值 columns: the level-1's and level-2's printed once, at their block's foot (Calc sets
    // text at a cell's foot), the level-3's on every row; under each table a 合计 row, whose 合计
    // and figures stand right under the last block's label and weights.
    const result = await extractFile(fixture('calc-unruled-level-weights.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.map((x) => [x.level1, x.level1_weight, x.level2, x.level2_weight, x.weight, x.score])).toEqual([
      ['项目决策', '20', '决策依据', '6', '4', '4'],
      ['项目决策', '20', '决策依据', '6', '2', '2'],
      ['项目决策', '20', '决策过程', '2', '2', '2'],
      ['项目决策', '20', '绩效目标', '6', '4', null],
      ['项目决策', '20', '绩效目标', '6', '2', null],
      ['项目决策', '20', '资金分配', '6', '3', '3'],
      ['项目决策', '20', '资金分配', '6', '3', '3'],
      ['过程管理', '20', '资金管理', '10', '6', '6'],
      ['过程管理', '20', '资金管理', '10', '4', '4'],
      ['过程管理', '20', '组织管理', '10', '4', '3'],
      ['过程管理', '20', '组织管理', '10', '6', '6'],
    ]);
    for (const r of result.reports) expect(r.report.extraction_confidence).toBe('low');
  });

  it("ends a level label at its weight: the next line in the column starts the next label (page 16 of Calc's print of the 004 sheet)", async () => {
    // `效益指标` / `(30分)` / `满意度指标` / `(10分)` on lines that follow one another.
    const [report] = (await extractFile(fixture('calc-unruled-weighed-labels.pdf'))).reports;
    const labelled = report!.indicators.filter((x) => x.level1_weight !== null).map((x) => [x.level1, x.level1_weight, x.level3]);
    expect(labelled).toEqual([
      ...['医保专线网络使用乡镇数', '医保网络稳定性', '完成时间', '项目或定额成本控制率', '资金使用'].map((name) => ['产出指标', '50', name]),
      ['效益指标', '30', '提升群众办事效益'],
      ['满意度指标', '10', '群众对医保办事人员服务满意度'],
    ]);
    // The section label 绩效指标, merged beside the header and the rows, is read as such (before, as the
    // first rows' level-1): every row as printed. (The report's confidence is not pinned here: its rows
    // now bear their weights out, but the form's head above them, read apart, is not checked by them.)
  });

  it("reads a weight printed alone under a level label's name, on the next row's line, as that label's (page 22 of Calc's portrait print of the 004 sheet)", async () => {
    // `产出指标` on the last line of the block's last row but one, `(50分)` alone on its last row's line.
    const [report] = (await extractFile(fixture('calc-portrait-weight-alone.pdf'))).reports;
    expect(report!.indicators.map((x) => [x.level1, x.level1_weight, x.level3])).toEqual([
      ...['开展各项医保工作宣传及日常运转', '推进医疗保障信息化建设', '定点医药机构检查(含飞行检查)', '定点医药机构检查覆盖率', '医保信息系统正常运行率', '完成时间', '项目或定额成本控制率', '资金使用'].map(
        (name) => ['产出指标', '50', name],
      ),
      ['效益指标', '30', '医保基金安全保障有力'],
      ['满意度指标', '10', '参保群众对医保服务满意度'],
    ]);
    // No level-1 weight stands on a row without its label's name.
    expect(report!.findings.filter((f) => f.code === 'LEVEL1_WEIGHT_MISMATCH')).toEqual([]);
  });

  it("reads the rows of a form that prints no 分值 by its note column's `无`, one line at each row's foot (pages 2-4 of Calc's portrait print of the 002 sheet)", async () => {
    const result = await extractFile(fixture('calc-portrait-no-points.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    expect(report!.indicators.map((x) => [x.level3, x.target_raw, x.note])).toEqual([
      ['医疗救助对象人次规模', '符合救助条件的对象按规定纳入救助范围', '无'],
      ['重点救助对象政策范围内个人自付费用年度限额内住院救助比例', '≥70%', '无'],
      ['符合资助条件的农村低收入人口资助参保政策覆盖率', '≥99%', '无'],
    ]);
    expect(report!.indicators.slice(1).map((x) => x.actual_raw)).toEqual(['78.60%', '≥99%']);
    // No weight is printed to bear the rows out: the read stays doubted.
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("reads a form's head at the foot of the page before its rows, its department's value wrapped up over its key (pages 15-16 of Calc's print of the 004 sheet)", async () => {
    const [report] = (await extractFile(fixture('calc-unruled-head-keys-joined.pdf'))).reports;
    // `[187]黔南布依族苗族自治州医疗保` prints over `主管部门及代码 障局 实施单位 黔南…局` (the key row set to its cells'
    // foot): read cell by cell, the department is both lines of its value, no key inside it (before: `主管部门及代码障局实施单位…`, doubted).
    expect(report!.report.department).toBe('黔南布依族苗族自治州医疗保障局');
    // The title 州本级项目支出绩效目标自评表 names a budget level, not the project: the name is read from the head's
    // key line at page 1's foot (`项目名称乡镇经办…`).
    expect(report!.report.project_name).toBe('乡镇经办医保专线网络使用费');
    expect(report!.report.implementing_unit).toBe('黔南布依族苗族自治州医疗保障局');
    // The budget header wraps (`全年预算数` / `(A)` beside one-line names): read in its columns' order.
    expect([report!.report.budget_initial, report!.report.budget_annual, report!.report.budget_executed, report!.report.execution_weight, report!.report.execution_score]).toEqual(['13.06', '11.1', '0', '0', '0']);
    expect(report!.report.extraction_confidence_reasons ?? '').not.toContain('a key inside the department');
  });

  it("reads the form's last row on whose line the section label 绩效指标 prints, left of the header's first column, and stops at the 总分 line (pages 9-10 of Calc's print of the 004 sheet)", async () => {
    const [report] = (await extractFile(fixture('calc-unruled-section-aside.pdf'))).reports;
    // Before, the label ended the table a row early: 资助对象满意度 was lost.
    expect(report!.indicators.slice(-2).map((x) => [x.level1, x.level1_weight, x.level2, x.level3, x.weight, x.score])).toEqual([
      ['效益指标', '30', '可持续影响指标', '对健全社会救助体系的影响', '10', '10'],
      ['满意度指标', '10', '满意度指标', '资助对象满意度', '10', '10'],
    ]);
    // The section label is no cell of any row, and the 总分 line under the rows no row.
    expect(report!.indicators.some((x) => Object.values(x).some((v) => typeof v === 'string' && v.includes('绩效指标')))).toBe(false);
    expect(report!.indicators.map((x) => x.weight)).not.toContain('100');
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("reads a section label merged beside the header and the rows as a ruled print has it, from the header's row down: the first row is a row, not a header's second line (page 11 of Calc's print of the 004 sheet)", async () => {
    // 绩效指标 prints on the last row's line, left of 一级指标's start; the header prints nothing in its
    // column. Before, its block started at the first row, which was then read as the header's own
    // (绩效指标 a header word): the row was lost, and 绩效指标 taken for the level-1 of the next four.
    const [report] = (await extractFile(fixture('calc-unruled-section-beside-header.pdf'))).reports;
    expect(report!.indicators.map((x) => [x.level1, x.level1_weight, x.level2, x.level3, x.weight])).toEqual([
      ['产出指标', '50', '数量指标', '保障州本级离休干部、伤残人员', '10'],
      ['产出指标', '50', '质量指标', '制度覆盖经省医保局、财政厅等认可的离休、伤残干部', '10'],
      ['产出指标', '50', '时效指标', '及时保障离休干部、伤残人员待遇', '10'],
      ['产出指标', '50', '成本指标', '项目或定额成本控制率', '10'],
      ['产出指标', '50', '成本指标', '将离休、伤残干部医疗补助控制在预算范围', '10'],
      ['效益指标', '30', '社会效益指标', '保障离休、伤残干部医疗待遇', '30'],
      ['满意度指标', '10', '满意度指标', '离休、伤残干部满意度', '10'],
    ]);
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it('joins a level label printed on both sides of a page break into one block, its weight from the side that prints it (the same pages)', async () => {
    // 产出指标 at page 1's foot, 产出指标 / (50分) at page 2's top: one block of seven rows.
    const [report] = (await extractFile(fixture('calc-unruled-section-aside.pdf'))).reports;
    const output = report!.indicators.filter((x) => x.level1 === '产出指标');
    expect(output.map((x) => [x.page, x.level1_weight])).toEqual([...Array<[number, string]>(6).fill([1, '50']), [2, '50']]);
    // The rows beside the break still say a page break cut the table there.
    expect(report!.evidence.unruled.filter((u) => u.doubt?.includes('page break')).map((u) => u.row_index)).toEqual(expect.arrayContaining([5, 6]));
  });

  it('puts no wrong row on a report it does not doubt (Writer export of seed 004 without borders)', async () => {
    const result = await extractFile(corpusFile('pdf', '004-qiannan-project-tables-unruled'));
    expect(result.reports.length).toBeGreaterThan(0);
    const goldenRows = golden('004').reports.flatMap((r) => r.indicators);
    for (const r of result.reports) {
      if (r.report.extraction_confidence === 'low') {
        expect(suspect(r)).toBe(true);
        continue;
      }
      for (const x of r.indicators) expect([x.row_index, goldenRows.some((g) => sameRow(g, x))]).toEqual([x.row_index, true]);
    }
  }, 120_000);
});
