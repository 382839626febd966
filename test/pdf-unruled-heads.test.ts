import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFieldFlags } from '../pipeline/evaluate/unflagged';
import { extractFile, ROOT } from './helpers';

// The heads of forms printed without rules (项目名称, 主管部门, 实施单位, the budget block): Calc's sheets
// printed from its HTML export by a browser, or by Calc itself, set each key and its value flush side
// by side, and come out as text lines above the indicator table, anywhere before it: at the previous
// page's foot too (pipeline/reports/head-lines.ts). A form whose head is lost while its siblings read
// theirs is said so (HEAD_UNREAD), never left silently empty.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);
const HEAD = ['project_name', 'department', 'implementing_unit'] as const;

describe('heads of forms printed without rules', () => {
  it("reads a form's head printed as text lines at the foot of the page before its rows (pages 15-16 of Chromium's print of Calc's HTML export of the 004 sheet)", async () => {
    const [whole, cut] = (await extractFile(fixture('chromium-calc-head-at-foot.pdf'))).reports;
    // `项目名称都匀市医疗保障工作经费`, `主管部门及代码 [187]…实施单位都匀市医疗保障局` and the budget block's lines end page 1; the rows are on page 2.
    const r = cut!.report;
    expect(r.page_start).toBe(2);
    expect([r.project_name, r.department, r.implementing_unit]).toEqual(['都匀市医疗保障工作经费', '黔南布依族苗族自治州医疗保障局', '都匀市医疗保障局']);
    expect([r.budget_unit, r.budget_initial, r.budget_annual, r.budget_executed, r.execution_weight, r.execution_rate_printed, r.execution_score]).toEqual(['元', '20', '20', '17', '10', '85%', '8.5']);
    // `自评结论优` under the rows: the grade's key and value run together.
    expect(r.grade_printed).toBe('优');
    // The form above prints its head on its own page; its 年度资金总额 line sets 10.2 flush right against 10分, a
    // blank narrower than a space between them, 10分 starting where the 分值 column's other cells start (the
    // `—` under it): two cells' figures, each in its column.
    expect(whole!.report.project_name).toBe('医疗救助资金第三方审计业务费用');
    expect([whole!.report.budget_initial, whole!.report.budget_annual, whole!.report.budget_executed, whole!.report.execution_weight, whole!.report.execution_rate_printed, whole!.report.execution_score]).toEqual(['25.5', '25.5', '10.2', '10', '40%', '4']);
    expect(whole!.report.budget_unit).toBe('万元');
    for (const x of [whole!, cut!]) expect(x.findings.map((f) => f.code)).not.toContain('BUDGET_LINE_UNREAD');
    for (const x of [whole!, cut!]) expect(x.findings.map((f) => f.code)).not.toContain('HEAD_UNREAD');
  });

  it("says a form's head is lost when the document's other forms read theirs, and doubts the report though its rows check out (pages 16-17 of Calc's print of the 004 sheet)", async () => {
    // Page 16 prints the rows of the form whose head ends page 15, not in the file; page 17 the next form with its head.
    const [lost, next] = (await extractFile(fixture('calc-unruled-head-lost.pdf'))).reports;
    expect(HEAD.map((f) => lost!.report[f])).toEqual([null, null, null]);
    const said = lost!.findings.filter((f) => f.code === 'HEAD_UNREAD');
    expect(said.map((f) => [f.field, f.severity, f.origin, f.row_index])).toEqual(HEAD.map((f) => [f, 'warning', 'extraction', null]));
    expect(said[0]!.message).toContain('医保政策宣传经费 with report 2');
    for (const f of HEAD) expect(reportFieldFlags(lost!, f).length).toBeGreaterThan(0);
    expect(lost!.report.extraction_confidence).toBe('low');
    expect(lost!.report.extraction_confidence_reasons).toContain("the form's head was not read");
    // The form that prints its head is read so, and not doubted for it.
    expect(next!.report.project_name).toBe('医保政策宣传经费');
    expect(next!.findings.map((f) => f.code)).not.toContain('HEAD_UNREAD');
  });
});

// A sheet fitted to its page wraps its head's cells while their neighbours print one line: the page's
// text lines run the pieces of a row's cells together across columns. The head's rows are read cell by
// cell from where each cell's lines stack at its column's start (parsers/page/unruled-head-rows.ts).
describe('heads of sheet prints whose cells wrap', () => {
  it("reads a key row whose value wraps up over its key, and a budget header wrapped inside its names (pages 30-31 of Calc's Letter print of the 004 sheet in Zen Hei)", async () => {
    const [r] = (await extractFile(fixture('calc-letter-head-wraps.pdf'))).reports;
    // `[187]黔南布依族苗族自治州医疗` prints over `主管部门及代码 保障局 实施单位 都匀市医疗保障局`: the value is both lines, not `保障局`.
    expect([r!.report.project_name, r!.report.department, r!.report.implementing_unit]).toEqual(['都匀市医疗保障工作经费', '黔南布依族苗族自治州医疗保障局', '都匀市医疗保障局']);
    // `年初预算 全年预算 全年执行` over `资金来源 数 数(A) 数(B) 分值 执行率 得分`: the block's columns in their order.
    expect([r!.report.budget_unit, r!.report.budget_initial, r!.report.budget_annual, r!.report.budget_executed, r!.report.execution_weight, r!.report.execution_rate_printed, r!.report.execution_score]).toEqual(['元', '20', '20', '17', '10', '85%', '8.5']);
    expect(r!.findings.map((f) => f.code)).not.toContain('BUDGET_LINE_UNREAD');
    // `自评结论 优` with `联系人: 陈胜宇` set flush under it, read as one paragraph.
    expect(r!.report.grade_printed).toBe('优');
  });

  it("reads a head whose cells are set to their middle, and a total row the block's label prints into (page 2 of WeasyPrint's print of Calc's HTML export of the 004 sheet)", async () => {
    const [r] = (await extractFile(fixture('weasyprint-calc-head-centred.pdf'))).reports;
    // `主管部门及` and `代码` stand a line over and under `[187]黔南…局 实施单位 黔南…局`: one row.
    expect([r!.report.department, r!.report.implementing_unit]).toEqual(['黔南布依族苗族自治州医疗保障局', '黔南布依族苗族自治州医疗保障局']);
    // 项目资金(万元) set a character a line: `目` prints left of `年度资金总额: 45.44 …`, no cell of the row.
    expect([r!.report.budget_initial, r!.report.budget_annual, r!.report.budget_executed, r!.report.execution_weight, r!.report.execution_rate_printed, r!.report.execution_score]).toEqual(['45.44', '45.44', '45.44', '10', '100%', '10']);
  });

  it("keeps apart a figure set flush right against the next cell's (page 1 of Calc's A4 portrait print of the 004 sheet)", async () => {
    const [r] = (await extractFile(fixture('calc-portrait-figures-flush.pdf'))).reports;
    // `181.82` ends a blank narrower than a space before `10分`, which starts where the 分值 header and the rows under it start.
    expect([r!.report.budget_unit, r!.report.budget_initial, r!.report.budget_annual, r!.report.budget_executed, r!.report.execution_weight, r!.report.execution_rate_printed, r!.report.execution_score]).toEqual(['万元', '228', '228', '181.82', '10', '79.74%', '8']);
    expect(r!.findings.map((f) => f.code)).not.toContain('BUDGET_LINE_UNREAD');
    expect(r!.report.department).toBe('黔南布依族苗族自治州医疗保障局');
  });

  it("says a row's text was cut by its cell's clip (pages 20-21 of Calc's print of the 004 sheet, rows as tall as saved)", async () => {
    const [r] = (await extractFile(fixture('calc-text-clipped-over-header.pdf'))).reports;
    // `保障建国初` is drawn over the header's last line, outside the first row's cell, and not printed: the row reads as printed.
    expect(r!.indicators[0]!.level3).toBe('期老干人员医疗待遇保障');
    const doubted = r!.evidence.unruled.filter((u) => u.doubt?.includes('保障建国初'));
    expect(doubted.map((u) => u.row_index)).toEqual([0]);
    expect(r!.report.extraction_confidence).toBe('low');
    expect(r!.findings.some((f) => f.origin === 'extraction' && f.message.includes('保障建国初'))).toBe(true);
  });
});
