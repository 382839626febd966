import { describe, expect, it } from 'vitest';
import { corpusFile, extractFile, rowsByLevel3 } from './helpers';

// The hard parts of each seed's layout, pinned one by one with rows printed in the seeds.

describe('seed 000: 9-column tables with 评分标准, repeated headers, level-1 labels mid-span', () => {
  it('reads three reports, one per titled table, each across its page breaks', async () => {
    const r = await extractFile(corpusFile('seeds', '000'));
    expect(r.reports.map((x) => x.report.project_name)).toEqual([
      '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）',
      '医疗救助补助资金（城乡医疗救助补助资金部分）',
      '城乡居民基本医疗保险补助资金',
    ]);
    expect(r.reports.map((x) => x.report.total_printed)).toEqual(['91.4', '99', '91']);
    expect(r.reports.map((x) => x.report.report_kind)).toEqual(['indicator_system', 'indicator_system', 'indicator_system']);
  });

  it('starts 过程管理 (22分) where its weights add up, not where its label is printed', async () => {
    const r = await extractFile(corpusFile('seeds', '000'));
    const rows = rowsByLevel3(r, 0);
    expect(rows.get('资金分配合理性')).toMatchObject({ level1: '项目决策', level1_weight: '18' });
    expect(rows.get('预算执行率')).toMatchObject({ level1: '过程管理', level1_weight: '22', level2: '资金管理' });
    expect(r.reports[0]!.findings.some((f) => f.code === 'LEVEL_SPAN_ADJUSTED')).toBe(true);
  });

  it('takes the first 分值 column as the weight and the second as the score', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '000')), 0);
    expect(rows.get('预算执行率')).toMatchObject({ weight: '10', score: '8.7', actual_raw: '预算执行率 80.76', target_op: '>=', target_value: '90' });
  });

  it('joins a cell split by a page break into one cell', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '000')), 0);
    expect(rows.get('参保工作情况')!.actual_raw).toMatch(/但地市未将参保工作情况纳入地方党委、政府考核事项中。$/);
  });

  it('reads left-shifted rows by their content', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '000')), 1);
    expect(rows.get('医疗救助门诊和住院救助人次')).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
      target_raw: '≥170000人次',
      weight: '5',
      score: '5',
      actual_raw: '医疗救助门诊和住院救助人次 228961人次',
    });
  });
});

describe('seed 001: cell-per-line department table and indicator system', () => {
  it('reads the department-wide table with its budget block and review-score column', async () => {
    const r = await extractFile(corpusFile('seeds', '001'));
    const dept = r.reports[0]!.report;
    expect(dept).toMatchObject({
      report_kind: 'department',
      department: '剑阁县医疗保障局',
      year: 2022,
      budget_unit: '万元',
      budget_annual: '6560.14',
      budget_executed: '6560.14',
      execution_rate_printed: '100%',
      execution_rate_computed: '100',
      admin_code: '510823',
      prefecture: '广元市',
    });
    const rows = rowsByLevel3(r, 0);
    expect(rows.get('按时完成配套资金的拨付')).toMatchObject({ level2: '时效指标', target_raw: '2022-12-31', target_unit: 'date:2022-12-31', score: '5', review_score: null });
  });

  it('keeps the weight printed in each page-repeated level-1 label', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '001')), 1);
    expect(rows.get('决策程序规范')).toMatchObject({ level1: '项目决策', level1_weight: '18' });
    expect(rows.get('绩效目标设置科学')).toMatchObject({ level1: '项目决策', level1_weight: '22' });
  });

  it('keeps a row whose rule cell holds a blank line as one row', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '001')), 1);
    expect(rows.get('决策程序规范')).toMatchObject({ weight: '2', score: '2', description: '用以反映和考核项目决策规范程度' });
  });
});

describe('seed 002: transfer-payment region form with no scores', () => {
  it('infers the unprinted level-1 of the 效益 rows and says so', async () => {
    const r = await extractFile(corpusFile('seeds', '002'));
    const report = r.reports[0]!;
    expect(report.report).toMatchObject({ report_kind: 'transfer_region', admin_code: '450000', year: 2023, budget_annual: '278346', execution_rate_printed: '100.00%' });
    const rows = rowsByLevel3(r, 0);
    expect(rows.get('城乡医疗救助政策知晓率')).toMatchObject({ level1: '效益指标', level2: '社会效益指标', target_op: '>=', target_value: '80', actual_value: '81.77' });
    const inferred = report.findings.filter((f) => f.code === 'LEVEL1_INFERRED');
    expect(inferred.map((f) => f.row_index)).toEqual([5, 6, 7, 8, 9]);
    expect(report.indicators.every((i) => i.weight === null && i.score === null)).toBe(true);
  });
});

describe('seed 003: narrative report with per-level score tables', () => {
  it('makes one report of the score tables, with the summary total and the grade from the prose', async () => {
    const r = await extractFile(corpusFile('seeds', '003'));
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.report).toMatchObject({
      report_kind: 'evaluation_report',
      total_printed: '96',
      grade_printed: '优',
      region_name: '银川市金凤区',
      admin_code: '640106',
      year: 2023,
      department: '金凤区医疗保障局',
    });
  });

  it('puts a garbled row back under the level-2 its weights belong to, leaving the unprinted score empty', async () => {
    const rows = rowsByLevel3(await extractFile(corpusFile('seeds', '003')), 0);
    expect(rows.get('绩效目标分解细化')).toMatchObject({ level2: '绩效目标', level2_weight: '6', weight: '2', score: null, deduction: null });
    expect(rows.get('资金分配合理性')).toMatchObject({ level2: '资金分配', weight: '3', score: '3' });
    expect(rows.get('推进一体化经办')).toMatchObject({ weight: '2', score: '1', deduction: '1' });
  });
});

describe('seed 004: sixteen project tables with drifting columns', () => {
  it('reads all sixteen with their budget blocks as printed, 元 headers included', async () => {
    const r = await extractFile(corpusFile('seeds', '004'));
    expect(r.reports).toHaveLength(16);
    expect(r.reports[0]!.report).toMatchObject({
      region_name: '黔南州',
      prefecture: '黔南布依族苗族自治州',
      admin_code: '522700',
      year: 2023,
      filled_date: '2024-02-26',
      budget_unit: '万元',
      budget_annual: '228',
      budget_executed: '181.82',
      execution_rate_printed: '79.74%',
      execution_rate_computed: '79.7456',
      execution_score: '8',
      total_printed: '98',
      grade_printed: '优',
    });
    expect(r.reports.filter((x) => x.report.budget_unit === '元').map((x) => x.report.project_name)).toEqual([
      '医疗保障工作督查经费（州本级）',
      '定点医疗机构督查经费',
      '医疗保障综合事务相关工作经费',
      '都匀市医疗保障工作经费',
    ]);
  });

  it('places a level-2 label printed in the level-1 column on the rows it names', async () => {
    const r = await extractFile(corpusFile('seeds', '004'));
    const idx = r.reports.findIndex((x) => x.report.project_name === '城乡居民基本医疗保险');
    const rows = rowsByLevel3(r, idx);
    expect(rows.get('州级财政按照当年城乡居民参保人数及人均定额标准补助资金到位率')!.level2).toBe('时效指标');
    expect(rows.get('项目或定额成本控制率')).toMatchObject({ level1: '产出指标', level2: '成本指标', weight: '1', score: '1' });
    expect(r.reports[idx]!.findings.some((f) => f.code === 'LEVEL2_DISPLACED')).toBe(true);
  });

  it('reads drifted rows by content and flags them', async () => {
    const r = await extractFile(corpusFile('seeds', '004'));
    const rows = rowsByLevel3(r, 0);
    expect(rows.get('医保重要政策知晓率')).toMatchObject({ level1: '效益指标', level1_weight: '30', level2: '社会效益', target_raw: '≥90%', actual_raw: '90%', weight: '15', score: '15' });
    expect(rows.get('医保工作宣传覆盖')).toMatchObject({ level2: '数量', target_raw: '州本级及12县(市)', weight: '4', score: '4' });
    expect(r.reports[0]!.findings.filter((f) => f.code === 'ROW_REALIGNED').length).toBeGreaterThan(3);
  });
});
