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
    // The form above prints its head on its own page; its 年度资金总额 line runs 10.2 and 10分 together (`10.210分`):
    // five figures for six columns, none taken, each said; the unit is its header's.
    expect(whole!.report.project_name).toBe('医疗救助资金第三方审计业务费用');
    expect([whole!.report.budget_annual, whole!.report.budget_executed, whole!.report.execution_weight]).toEqual([null, null, null]);
    expect(whole!.report.budget_unit).toBe('万元');
    const unread = whole!.findings.filter((f) => f.code === 'BUDGET_LINE_UNREAD');
    expect(unread.map((f) => f.field)).toEqual(['budget_initial', 'budget_annual', 'budget_executed', 'execution_weight', 'execution_rate_printed', 'execution_score']);
    expect(unread.every((f) => f.origin === 'extraction' && f.severity === 'warning' && f.printed!.includes('10.210分'))).toBe(true);
    expect(cut!.findings.map((f) => f.code)).not.toContain('BUDGET_LINE_UNREAD');
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
