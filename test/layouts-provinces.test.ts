import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { CORPUS, edited, extractFile, extractText, golden, ROOT, rowsByLevel3 } from './helpers';

// Provincial layouts (corpus/layouts/, goldens L01-L05): each read into the one schema.

const layout = (name: string) => join(CORPUS, 'layouts', name);
const codes = (r: DocumentResult, i: number) => r.reports[i]!.findings.map((f) => f.code);
/** Arithmetic findings a correctly printed form must not raise. */
const FALSE_ALARMS = ['TOTAL_MISMATCH', 'WEIGHTS_NOT_100', 'LEVEL1_WEIGHT_MISMATCH', 'EXEC_RATE_MISMATCH', 'EXEC_SCORE_MISMATCH'];

describe('Sichuan 部门预算项目支出绩效自评表 (two-row header, 权重, budget block)', () => {
  const file = layout('L01-sichuan-daying-ybj-project-selfeval.html');

  it('joins 符号 | 值 | 单位 under 年度指标值（A） into the target and 值 | 单位 into the actual', async () => {
    const rows = rowsByLevel3(await extractFile(file), 0);
    expect(rows.get('城乡居民参保人数')).toMatchObject({ target_raw: '≥58.6万人', target_op: '>=', target_value: '58.6', target_unit: '万人', actual_raw: '59.12万人' });
    expect(rows.get('城乡居民医保参保工作经费发放成本预算')).toMatchObject({ target_raw: '=1元/人', actual_raw: '1元/人' });
  });

  it('reads 权重 as the weight and keeps a qualitative row as printed', async () => {
    const rows = rowsByLevel3(await extractFile(file), 0);
    expect(rows.get('城乡居民参保网络宣传群众知晓率')).toMatchObject({ weight: '20', score: '19.3', level2: '社会效益指标' });
    expect(rows.get('城乡居民医保参保机制健全性')).toMatchObject({ target_raw: '定性优良中低差', actual_raw: '良', weight: '10', score: '8', target_value: null });
  });

  it('reads the budget block, strips the project code from the name and takes no conclusion for a grade', async () => {
    const r = await extractFile(file);
    expect(r.reports[0]!.report).toMatchObject({
      project_name: '城乡居民医保参保工作经费',
      implementing_unit: '大英县医疗保障局',
      budget_unit: '万元',
      budget_initial: '12',
      budget_annual: '12',
      budget_executed: '11.86',
      execution_rate_printed: '98.83%',
      execution_weight: '10',
      execution_score: '9.88',
      total_printed: '97.18',
      grade_printed: null,
      admin_code: '510923',
      year: 2023,
    });
    // 评价结论 / 存在问题 / 改进措施 / 项目负责人 rows after the total are not indicators.
    expect(r.reports.map((x) => x.indicators.length)).toEqual([9, 5]);
  });

  it('raises no false total or weight findings on the correctly printed forms', async () => {
    for (const name of [
      'L01-sichuan-daying-ybj-project-selfeval.html',
      'L02-sichuan-qingshen-fgj-project-selfeval.html',
      'L03-hebei-gaocheng-ybj-selfeval-summary.html',
      'L05-anhui-huoshan-transfer-selfeval.html',
      'L12-hebei-langfang-school-national.html',
      'L13-anhui-tangxi-town-national.html',
      'L07-anhui-shouxian-department-selfeval.html',
      'L08-hubei-hbeu-student-aid-target-selfeval.html',
      // Held out (scored once, then added here without any change for them).
      'L06-sichuan-daying-sfj-project-selfeval.html',
      'L09-hunan-yueyang-department-report-scoresheet.html',
    ]) {
      const r = await extractFile(layout(name));
      r.reports.forEach((_, i) => expect(codes(r, i).filter((c) => FALSE_ALARMS.includes(c))).toEqual([]));
    }
  });

  it('joins 指标性质 | 指标值 | 度量单位 printed in one header row', async () => {
    const r = await extractFile(layout('L02-sichuan-qingshen-fgj-project-selfeval.html'));
    expect(rowsByLevel3(r, 0).get('发放(缴纳)覆盖率')).toMatchObject({ target_raw: '=100%', actual_raw: '100', weight: '60', score: '60' });
    expect(r.reports[0]!.report).toMatchObject({ project_name: '工资性支出', budget_initial: '238.93', budget_annual: '251.89', admin_code: '511425' });
  });
});

describe('Hebei 部门绩效自评结果公开汇总表 (one report of kind summary per row)', () => {
  const file = layout('L03-hebei-gaocheng-ybj-selfeval-summary.html');

  it('gives one summary report per project row and none for the 合计 row', async () => {
    const r = await extractFile(file);
    expect(r.reports.map((x) => x.report.report_kind)).toEqual(Array(5).fill('summary'));
    expect(r.reports.map((x) => x.report.project_name)).toEqual(golden('L03').reports.map((g) => g.project_name));
    expect(r.reports.every((x) => x.indicators.length === 0)).toBe(true);
  });

  it('reads the levels of 预算数, the balance, the score and 自评结果应用意见', async () => {
    const second = (await extractFile(file)).reports[1]!;
    expect(second.report).toMatchObject({
      department: '石家庄市藁城区医疗保障局',
      implementing_unit: '石家庄市藁城区医疗保障局',
      budget_unit: '万元',
      budget_central: '12650.5',
      budget_provincial: '3210',
      budget_municipal: '410',
      budget_county: '2105.6',
      budget_annual: '18376.1',
      budget_executed: '18210.1',
      budget_balance: '166',
      budget_balance_returned: '166',
      total_printed: '95',
      result_application: '继续安排预算',
      admin_code: '130109',
      year: 2023,
    });
    // A sum the form does not print is said to be one.
    expect(second.findings.find((f) => f.code === 'BUDGET_ANNUAL_SUMMED')?.printed).toBe('central 12650.5; provincial 3210; municipal 410; county 2105.6');
  });

  it('checks 结余 = A − B: silent where the form adds up, an error where one balance was changed', async () => {
    const clean = await extractFile(file);
    expect(clean.reports.flatMap((x) => x.findings.map((f) => f.code))).not.toContain('SUMMARY_BALANCE_MISMATCH');
    // The same form with the second row's 结余数 166.00 printed as 156.00.
    const row2 = '<td>18210.10</td><td>166.00</td><td>166.00</td>';
    const changed = await extractText(edited(readFileSync(file, 'utf8'), [[row2, row2.replace('166.00', '156.00')]]), 'summary-balance.html');
    const wrong = changed.reports.flatMap((x) => x.findings.filter((f) => f.code === 'SUMMARY_BALANCE_MISMATCH').map((f) => [x.report.project_name, f.severity, f.origin, f.printed, f.expected]));
    expect(wrong).toEqual([[changed.reports[1]!.report.project_name, 'error', 'document', '156', '166']]);
  });

  it('takes a single printed level as budget_annual without a finding', async () => {
    const third = (await extractFile(file)).reports[2]!;
    expect(third.report).toMatchObject({ budget_central: '96', budget_provincial: null, budget_annual: '96', budget_executed: '88.5' });
    expect(third.findings.map((f) => f.code)).not.toContain('BUDGET_ANNUAL_SUMMED');
  });
});

describe('national form as a WPS sheet: spaced labels, 指标1： numbering, placeholders', () => {
  const file = layout('L04-shanxi-jishan-ybj-national-sheet.html');

  it('reads spaced labels (项 目 名 称, 产出 指标 (50分 ), 总 分) and the title and year rows inside the table', async () => {
    const r = await extractFile(file);
    expect(r.reports[0]!.report).toMatchObject({ project_name: '建档立卡个人缴费县级配套资金', department: '稷山县医疗保障局', year: 2020, total_printed: '94' });
    expect(rowsByLevel3(r, 0).get('全县参合人数')).toMatchObject({ level1: '产出指标', level1_weight: '50', level2: '数量指标' });
    expect(rowsByLevel3(r, 0).get('是否满意')).toMatchObject({ level1: '满意度指标', level1_weight: '10', level2: '服务对象满意度指标' });
  });

  it('makes no indicator of a placeholder-only template row and keeps no placeholder as a value', async () => {
    const r = await extractFile(file);
    expect(r.reports[0]!.indicators.map((i) => i.level3)).toEqual(golden('L04').reports[0]!.indicators.map((g) => g.level3));
    expect(rowsByLevel3(r, 0).get('资金是否全部纳入医保统筹')!.note).toBeNull();
    expect(rowsByLevel3(r, 0).get('配套资金每人每年')!.note).toBeNull();
  });

  it('still finds the total this form prints one higher than its parts', async () => {
    const r = await extractFile(file);
    expect(codes(r, 0)).toContain('TOTAL_MISMATCH');
  });
});

describe('the same national form as the .xlsx sheet it was published as (merged labels, numbers stored as numbers)', () => {
  const file = layout('L04-shanxi-jishan-ybj-national-sheet.xlsx');

  it('reads every golden row and the report fields of L04 from the sheet', async () => {
    const r = await extractFile(file);
    const g = golden('L04').reports[0]!;
    expect(r.document.format).toBe('xlsx');
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.report).toMatchObject({
      project_name: g.project_name,
      department: g.department,
      implementing_unit: g.implementing_unit,
      year: g.year,
      budget_annual: g.budget!.annual,
      budget_executed: g.budget!.executed,
      // Stored 0.99 with the format `0%`: read as displayed.
      execution_rate_printed: '99%',
      execution_score: g.budget!.score,
      total_printed: g.total_printed,
    });
    const rows = r.reports[0]!.indicators.map((i) => [i.level1, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score]);
    expect(rows).toEqual(g.indicators.map((i) => [i.level1, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score]));
  });
});

describe('Anhui 转移支付（项目）绩效目标自评表', () => {
  it('reads 转移支付（项目）名称, amounts with a 万 suffix and the year row inside the table', async () => {
    const r = await extractFile(layout('L05-anhui-huoshan-transfer-selfeval.html'));
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.report).toMatchObject({
      report_kind: 'transfer_region',
      project_name: '医疗救助补助资金',
      budget_unit: '万元',
      budget_annual: '3359.62',
      budget_executed: '3359.62',
      year: 2024,
    });
    // 资金管理情况 rows (分配科学性 …) are not indicators; spaced 产 出 指 标 is the level-1.
    expect(r.reports[0]!.indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '效益指标', '满意度指标']);
  });

  it('says that the region came from the page, not the form', async () => {
    const r = await extractFile(layout('L05-anhui-huoshan-transfer-selfeval.html'));
    expect(r.reports[0]!.report.admin_code).toBe('341525');
    expect(r.reports[0]!.findings.find((f) => f.code === 'REGION_SOURCE')?.message).toMatch(/taken from the text of the page/);
  });
});

describe('Anhui 部门整体支出绩效评价自评表 (寿县: 序号 first, weights in level labels, 指标说明及评分标准)', () => {
  const file = layout('L07-anhui-shouxian-department-selfeval.html');

  it('reads 指标说明及评分标准 as the scoring rule, 指标解释 as the description, and the weights in both level labels', async () => {
    const rows = rowsByLevel3(await extractFile(file), 0);
    expect(rows.get('绩效指标明确性')).toMatchObject({ level1: '规划', level1_weight: '15', level2: '目标设置', level2_weight: '6', weight: '3', score: '3' });
    expect(rows.get('绩效指标明确性')!.scoring_rule).toBe('①指标细化量化(1.5分)；②指标可衡量、可考核(1.5分)');
    expect(rows.get('绩效指标明确性')!.description).toBe('绩效目标是否细化分解为具体的绩效指标');
  });

  it('takes the department from the line above the table and no project name from a department-wide title', async () => {
    const r = (await extractFile(file)).reports[0]!;
    expect(r.report).toMatchObject({ report_kind: 'indicator_system', project_name: null, department: '寿县医疗保障局', admin_code: '340422', total_printed: '96' });
  });
});

describe('Hubei 学生资助项目绩效目标自评表 (check boxes, 总分 above the table, block weight in its label)', () => {
  const file = layout('L08-hubei-hbeu-student-aid-target-selfeval.html');

  it('reads 年初目标值（）, the 年度财政资金总额 row, the block weight in its label and 总分 printed above the table', async () => {
    const r = await extractFile(file);
    expect(r.reports[0]!.report).toMatchObject({
      budget_annual: '1536.8',
      budget_executed: '1536.8',
      execution_rate_printed: '100%',
      execution_weight: '10',
      // Under `得分（10分*执行率）`, which names the rate in its rule.
      execution_score: '10',
      total_printed: '98.5',
      filled_date: '2021-03-12',
    });
    expect(rowsByLevel3(r, 0).get('困难生完成学业率')).toMatchObject({ target_raw: '≥95%', actual_raw: '96.3%', weight: null, score: '10' });
  });

  it('makes no indicator of the check-box rows', async () => {
    const r = await extractFile(file);
    expect(r.reports[0]!.indicators.map((i) => i.level3)).toEqual(golden('L08').reports[0]!.indicators.map((g) => g.level3));
  });
});

describe('blank official templates', () => {
  it('give no report: a policy compilation with 85 blank forms and target frameworks', async () => {
    const r = await extractFile(layout('blank-templates-zy2025-policy-compilation.html'));
    expect(r.document.status).toBe('no_report');
    expect(r.reports).toHaveLength(0);
  });

  it('say the form is blank, not that a read lost its rows: its header and level labels printed, every value cell empty or a placeholder', async () => {
    const r = await extractDocument(readFileSync(join(ROOT, 'test/fixtures/layouts/blank-form.html')), 'blank-form.html');
    expect(r.document.status).toBe('no_report');
    expect(r.reports).toEqual([]);
    expect(r.document.error).toMatch(/^a blank evaluation form is printed \(「.*一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析」\)/);
    expect(r.document.error).not.toContain('no row under it was read');
  });

  it('is not called blank when a row prints text that is no level name, placeholder or numbering (what a misread of its columns would leave)', async () => {
    const html = readFileSync(join(ROOT, 'test/fixtures/layouts/blank-form.html'), 'utf8').replace('<td>数量指标</td>', '<td>参保人数</td>');
    const r = await extractDocument(new TextEncoder().encode(html), 'blank-form.html');
    expect(r.document.status).toBe('no_report');
    expect(r.document.error).toContain('no row under it was read');
    expect(r.document.error).not.toContain('a blank evaluation form');
  });
});

describe('pages with results in prose and no evaluation table give no report', () => {
  // 红河's narrative over 15 projects (budget figures in prose), 梧州's 决算 section (projects
  // counted per grade 一等…四等), 北京's 决算 第四部分 (an average score, counts per band).
  for (const name of [
    'L10-yunnan-honghe-data-center-narrative.html',
    'L14-guangxi-wuzhou-final-accounts-grades.html',
    'L16-beijing-cultural-heritage-final-accounts.html',
    // Held out: 大足's department-wide narrative (total and grade stated in prose).
    'L15-chongqing-dazu-fgw-department-narrative.html',
  ]) {
    it(name, async () => {
      const r = await extractFile(layout(name));
      expect(r.document.status).toBe('no_report');
      expect(r.document.error).toMatch(/no performance-evaluation table found/);
      expect(r.reports).toEqual([]);
    });
  }
});

describe('region and year from outside the form', () => {
  const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'layouts', name));

  it('takes an attachment’s region and year from the article title and link text, each with a finding', async () => {
    const r = await extractDocument(fixture('attachment-no-place.html'), 'https://ybj.example.invalid/fj/附件1.html', {
      crawl: { articleTitle: '蓬溪县医疗保障局2023年度项目支出绩效自评结果公开', linkText: '附件1' },
    });
    expect(r.reports[0]!.report).toMatchObject({ county: '蓬溪县', admin_code: '510921', year: 2023 });
    const found = r.reports[0]!.findings.filter((f) => f.code === 'REGION_SOURCE' || f.code === 'YEAR_SOURCE');
    expect(found.map((f) => [f.code, f.printed])).toEqual([
      ['REGION_SOURCE', '蓬溪县医疗保障局2023年度项目支出绩效自评结果公开'],
      ['YEAR_SOURCE', '蓬溪县医疗保障局2023年度项目支出绩效自评结果公开'],
    ]);
  });

  it('leaves region and year empty without context', async () => {
    const r = await extractDocument(fixture('attachment-no-place.html'), 'attachment-no-place.html');
    expect(r.reports[0]!.report).toMatchObject({ region_name: null, admin_code: null, year: null });
  });

  it('reads the county from a project code when no place is printed, and says so', async () => {
    const r = await extractDocument(fixture('attachment-project-code.html'), 'attachment-project-code.html');
    expect(r.reports[0]!.report).toMatchObject({ project_name: '医保经办服务经费', county: '蓬溪县', prefecture: '遂宁市', admin_code: '510921' });
    expect(r.reports[0]!.findings.find((f) => f.code === 'REGION_SOURCE')).toMatchObject({ printed: '51092122T000000512345', field: 'admin_code' });
  });
});

describe('third-party scoring tables with coded indicators (河南, a PDF→markdown conversion)', () => {
  it('reads coded labels as level names and weights (A决策15分, A1项目立项5分, A101立项依据充分性)', async () => {
    const r = await extractFile(layout('henan-jineng-third-party-evaluation.html'));
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.report).toMatchObject({ total_printed: '65', grade_printed: '中' });
    // Its score 2.00 is merged over A101 and A102: the block's, not A101's (test/layouts-thirdparty.test.ts).
    expect(r.reports[0]!.indicators[0]).toMatchObject({ level1: '决策', level1_weight: '15', level2: '项目立项', level3: '立项依据充分性', weight: '2', score: null });
  });

  it('joins the tail a page piece starts with to the cut row, and a name merged over two rows is one indicator', async () => {
    const rows = rowsByLevel3(await extractFile(layout('henan-jineng-third-party-evaluation.html')), 0);
    // `A102立项程序规范` ends one piece, `性` starts the next.
    expect(rows.get('立项程序规范性')).toMatchObject({ level2: '项目立项', weight: '3' });
    expect(rows.has('性')).toBe(false);
    // B101's name spans two printed rows; its score is on the second.
    expect(rows.get('管理制度健全性')).toMatchObject({ level1: '过程', level1_weight: '25', weight: '5', score: '3.33' });
    // A score merged over A101 and A102 is printed once, for the two: neither row's.
    expect(rows.get('立项程序规范性')!.score).toBeNull();
  });
});

describe('the national form’s 年度资金总额 left 0 / 0 / 0 under a filled 财政拨款 row', () => {
  const breakdown = (r: DocumentResult) => r.reports.flatMap((x) => x.findings.filter((f) => f.code === 'BUDGET_BREAKDOWN_MISMATCH'));

  it('is an error on each column, placed on the total row’s cells, naming the quirk (L13)', async () => {
    const found = breakdown(await extractFile(layout('L13-anhui-tangxi-town-national.html')));
    expect(found.map((f) => [f.field, f.printed, f.expected, f.severity, f.table_index, f.source_row])).toEqual([
      ['budget_initial', '0', '90', 'error', 0, 5],
      ['budget_annual', '0', '89.974', 'error', 0, 5],
      ['budget_executed', '0', '89.974', 'error', 0, 5],
    ]);
    // The cells are the total row's 年初预算数, 全年预算数 and 全年执行数, left to right.
    expect(found.map((f) => f.source_column)).toEqual([3, 4, 5]);
    expect(found[0]!.message).toMatch(/其中：本年财政拨款 90.*left at 0 under filled source rows/);
  });

  it('is silent on forms whose total row agrees with its 当年/本年财政拨款 row', async () => {
    for (const name of ['L04-shanxi-jishan-ybj-national-sheet.html', 'L11-sichuan-zhongjiang-slj-target-selfeval.html', 'L12-hebei-langfang-school-national.html']) {
      const r = await extractFile(layout(name));
      // The source rows are read (so the check ran), and they add up.
      expect(r.reports[0]!.evidence.budget_sources.length).toBeGreaterThan(0);
      expect(breakdown(r)).toEqual([]);
    }
  });
});
