import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DocumentResult, Finding } from '../schemas/dataset';
import { validateReport } from '../pipeline/validate';
import { checkBudgetBreakdown } from '../pipeline/validate/budget-breakdown';
import { checkExecution, readRate } from '../pipeline/validate/execution';
import { VALIDATOR_CODES } from '../pipeline/validate/checks';
import { readGradeBands } from '../pipeline/reports/stated-rules';
import { decimalsOf, matchesAtPrecision, withinAtPrecision } from '../pipeline/validate/precision';
import { checkLevelWeights, checkPrintedLevels, checkRowScores, printedLevels } from '../pipeline/validate/structure';
import { corpusFile, extractFile } from './helpers';

// Sums, weights, totals, grades, budget execution and units, on the seeds' real tables.
const seed = (id: string) => extractFile(corpusFile('seeds', id));
function reportOf(result: DocumentResult, project: string) {
  const r = result.reports.find((x) => x.report.project_name === project);
  if (!r) throw new Error(`no report ${project}`);
  return r;
}
const line = (text: string) => ({ text, heading: false, prov: { line: 1 } });
const found = (r: { findings: Finding[] }, code: string) => r.findings.filter((f) => f.code === code);
const validation = (r: DocumentResult['reports'][number]) => r.findings.filter((f) => VALIDATOR_CODES.has(f.code)).map((f) => f.code);

describe('comparing at the printed precision', () => {
  it('rounds the computed value to the printed decimals; rates may also be cut', () => {
    expect(decimalsOf('5.64')).toBe(2);
    expect(matchesAtPrecision('5.64', new Decimal('5.6428'))).toBe(true);
    expect(matchesAtPrecision('98.5', new Decimal('98.54'))).toBe(true);
    expect(matchesAtPrecision('8', new Decimal('7.9746'))).toBe(true);
    expect(matchesAtPrecision('8.7', new Decimal('8.076'))).toBe(false);
    expect(matchesAtPrecision('8.00', new Decimal('8'))).toBe(true);
    // 181.82 / 228 = 79.7456 %, printed 79.74 %: cut, not rounded (seed 004 table 1).
    expect(matchesAtPrecision('79.74', new Decimal('79.7456'))).toBe(false);
    expect(matchesAtPrecision('79.74', new Decimal('79.7456'), { truncated: true })).toBe(true);
    expect(withinAtPrecision('96', new Decimal(90), new Decimal(96))).toBe(true);
    expect(withinAtPrecision('97', new Decimal(90), new Decimal(96))).toBe(false);
  });
});

describe('budget execution (004 budget blocks)', () => {
  it('accepts every block whose rate and score follow B / A at their printed precision', async () => {
    const r = await seed('004');
    for (const project of ['医疗服务与保障能力提升补助资金', '离休伤残干部单独统筹医疗款', '城乡居民基本医疗保险', '医保窗口标准化行风建设专项工作经费', '建国初期老干人员医疗补助经费', '都匀市医疗保障工作经费']) {
      const x = reportOf(r, project);
      expect(found(x, 'EXEC_RATE_MISMATCH').concat(found(x, 'EXEC_SCORE_MISMATCH'))).toEqual([]);
    }
    expect(reportOf(r, '离休伤残干部单独统筹医疗款').report).toMatchObject({ execution_rate_printed: '56.43%', execution_score: '5.64', execution_rescore: '5.6428' });
  });

  it('reports B = A printed with 执行率 0 and 得分 0 (医疗保障工作督查经费（州本级）)', async () => {
    const x = reportOf(await seed('004'), '医疗保障工作督查经费（州本级）');
    expect(x.report).toMatchObject({ budget_annual: '15', budget_executed: '15', execution_rate_printed: '0', execution_score: '0', execution_rescore: '10' });
    expect(found(x, 'EXEC_RATE_MISMATCH')).toEqual([expect.objectContaining({ severity: 'error', printed: '0', expected: '100%', field: 'execution_rate_printed' })]);
    expect(found(x, 'EXEC_SCORE_MISMATCH')[0]!.message).toMatch(/follows the printed 执行率 0, which B \/ A contradicts/);
  });

  it('reports 年度资金总额 B = 15 over source rows printing B = 0, at the B cell, and no other block of 002 and 004', async () => {
    const r = await seed('004');
    const x = reportOf(r, '医疗保障工作督查经费（州本级）');
    expect(found(x, 'BUDGET_BREAKDOWN_MISMATCH')).toEqual([
      expect.objectContaining({ severity: 'error', origin: 'document', field: 'budget_executed', printed: '15', expected: '0', table_index: 11, source_row: 3, source_column: 4 }),
    ]);
    expect(found(x, 'BUDGET_BREAKDOWN_MISMATCH')[0]!.message).toMatch(/年度资金总额 prints 15, its source rows add up to 财政拨款: 0 \+ 其他: 0 = 0/);
    // Every other block adds up: 财政拨款 + 其他资金, 其中 rows inside their source; a source left at
    // 0 whose dash-led part 本级安排 carries the amount (特殊困难群体…: 0, -----本级安排 1320).
    const others = [...r.reports, ...(await seed('002')).reports].filter((y) => y !== x);
    expect(others.flatMap((y) => found(y, 'BUDGET_BREAKDOWN_MISMATCH'))).toEqual([]);
    expect(others.filter((y) => y.evidence.budget_sources.length > 0)).toHaveLength(16);
    const parts = reportOf(r, '特殊困难群体参加城乡居民基本医疗保险资助').evidence.budget_sources;
    expect(parts.map((s) => [s.label, s.part_of, s.of_which, s.annual])).toEqual([
      ['财政拨款:', null, false, '0'],
      ['-----本级安排:', 0, false, '1320'],
      ['-----其中:上级补助:', 0, true, '0'],
      ['其他:', null, false, '0'],
    ]);
  });

  it('checks the breakdown of edited source rows, at the printed precision', async () => {
    const x = reportOf(await seed('004'), '都匀市医疗保障工作经费');
    expect(checkBudgetBreakdown(x.report, x.evidence.budget_sources)).toEqual([]);
    const edited = x.evidence.budget_sources.map((s) => (s.label.startsWith('其他') ? { ...s, annual: '0.5' } : s));
    expect(checkBudgetBreakdown(x.report, edited).map((f) => [f.field, f.printed, f.expected])).toEqual([['budget_annual', '20', '20.5']]);
  });

  it('reads rates as printed: 79.74%, a bare 0, a bare fraction', () => {
    expect(readRate('79.74%')!.toString()).toBe('79.74');
    expect(readRate('0')!.toString()).toBe('0');
    expect(readRate('0.8537')!.toString()).toBe('85.37');
    expect(readRate('—')).toBeNull();
  });

  it('flags a block score over its weight', async () => {
    const x = reportOf(await seed('004'), '都匀市医疗保障工作经费');
    const checked = checkExecution({ ...x.report, execution_score: '12' });
    expect(checked.findings.map((f) => f.code)).toEqual(['SCORE_EXCEEDS_WEIGHT', 'EXEC_SCORE_MISMATCH']);
  });
});

describe('weights and subtotals', () => {
  it('004 产出指标 (60分) over rows weighing 50', async () => {
    const x = reportOf(await seed('004'), '医疗服务与保障能力提升补助资金');
    expect(found(x, 'LEVEL1_WEIGHT_MISMATCH')).toEqual([expect.objectContaining({ severity: 'error', row_index: 0, printed: '60', expected: '50', field: 'level1_weight' })]);
  });

  it('001 项目决策: the first label (18分) holds, the page-repeated (22分) does not', async () => {
    const x = (await seed('001')).reports[1]!;
    const f = found(x, 'LEVEL1_WEIGHT_MISMATCH');
    expect(f.map((y) => [y.row_index, y.printed, y.expected])).toEqual([[3, '22', '18']]);
    // Rows 0–2 print 18, rows 3–6 print 22; the whole level-1 weighs 18.
    expect(x.indicators.slice(0, 7).map((r) => r.level1_weight)).toEqual(['18', '18', '18', '22', '22', '22', '22']);
  });

  it('003: level-2 weights hold; a changed one does not', async () => {
    const x = (await seed('003')).reports[0]!;
    expect(checkLevelWeights(x.indicators)).toEqual([]);
    const rows = x.indicators.map((r) => (r.level3 === '资金使用合规性' ? { ...r, weight: '5' } : r));
    expect(checkLevelWeights(rows).map((f) => [f.code, f.printed, f.expected])).toEqual([
      ['LEVEL1_WEIGHT_MISMATCH', '20', '19'],
      ['LEVEL2_WEIGHT_MISMATCH', '10', '9'],
    ]);
  });

  it('003: the summary table\'s level-1 subtotals, a level printed without rows, and two unprinted scores', async () => {
    const x = (await seed('003')).reports[0]!;
    expect(x.report.level1_printed).toBe('项目决策 20/20; 过程管理 20/19; 产出指标 37/34; 效益指标 13/13; 满意度指标 10/10');
    const levels = checkPrintedLevels(x.indicators, printedLevels(x.evidence));
    expect(levels.findings).toEqual([]);
    expect([levels.extraWeight.toString(), levels.extraScore.toString()]).toEqual(['10', '10']);
    expect([...levels.gapScores].map(([row, v]) => [row, v.toString()])).toEqual([[3, '4'], [4, '2']]);
    expect(found(x, 'SCORE_NOT_PRINTED').map((f) => [f.row_index, f.printed, f.expected])).toEqual([[3, null, '4'], [4, null, '2']]);
    expect(found(x, 'TOTAL_MISMATCH')).toEqual([]);
    const changed = checkPrintedLevels(x.indicators, [{ level1: '过程管理', weight: new Decimal(20), score: new Decimal(18) }]);
    expect(changed.findings.map((f) => [f.code, f.printed, f.expected])).toEqual([['LEVEL1_SCORE_MISMATCH', '18', '19']]);
  });

  it('004 城乡居民基本医疗保险: rows weigh 44 + 10, scores 93.85, against 100 / 99.8 printed', async () => {
    const x = reportOf(await seed('004'), '城乡居民基本医疗保险');
    expect(validation(x)).toEqual(['LEVEL1_WEIGHT_MISMATCH', 'TOTAL_MISMATCH', 'WEIGHTS_NOT_100']);
    expect(x.report).toMatchObject({ total_printed: '99.8', total_computed: '93.85', weight_total_printed: '100' });
  });

  it('004: a budget 分值 of 0 leaves the weights at 90 against the printed 100', async () => {
    const r = await seed('004');
    for (const project of ['乡镇经办医保专线网络使用费', '医保政策宣传经费']) {
      expect(found(reportOf(r, project), 'WEIGHTS_NOT_100')).toEqual([expect.objectContaining({ severity: 'error', printed: '90', expected: '100' })]);
    }
  });

  it('takes rounded totals as printed (99.72 → 99.7, 95.64 → 95.6, 90.33 → 90.3, 98.54 → 98.5)', async () => {
    const r = await seed('004');
    for (const project of ['特殊困难群体参加城乡居民基本医疗保险资助', '离休伤残干部单独统筹医疗款', '医保窗口标准化行风建设专项工作经费', '建国初期老干人员医疗补助经费']) {
      expect(found(reportOf(r, project), 'TOTAL_MISMATCH')).toEqual([]);
    }
  });

  it('flags a score over its weight on a real row', async () => {
    const x = reportOf(await seed('004'), '医疗救助资金第三方审计业务费用');
    const rows = x.indicators.map((r) => (r.level3 === '审计费用' ? { ...r, score: '11' } : r));
    expect(checkRowScores(rows).map((f) => [f.code, f.row_index, f.printed, f.expected])).toEqual([['SCORE_EXCEEDS_WEIGHT', 3, '11', '≤ 10']]);
  });
});

describe('grades', () => {
  it('reads the bands a document states (003 and 001 prose)', () => {
    const b003 = readGradeBands([line('评价结果划分为四个等级：评价结果90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差。')]);
    expect(b003!.bands.map((b) => `${b.grade} ${b.from}`)).toEqual(['优 90', '良 80', '中 60', '差 0']);
    const b001 = readGradeBands([line('评价等级根据评价得分分为4个等级，90分以上为优秀，80分以上为良好，60分以上为合格，60分以下为不合格。')]);
    expect(b001!.bands.map((b) => `${b.grade} ${b.from}`)).toEqual(['优秀 90', '良好 80', '合格 60', '不合格 0']);
    expect(b001).toMatchObject({ quote: '90分以上为优秀、80分以上为良好、60分以上为合格、60分以下为不合格', at: { line: 1 } });
  });

  it('computes the grade from the total, and a printed grade off the document\'s bands is an error', async () => {
    const x = (await seed('003')).reports[0]!;
    expect(x.report).toMatchObject({ grade_printed: '优', grade_computed: '优' });
    const off = validateReport({ ...x, report: { ...x.report, grade_printed: '良' } });
    expect(found(off, 'GRADE_MISMATCH')).toEqual([expect.objectContaining({ severity: 'error', printed: '良', expected: '优' })]);
    expect((await seed('001')).reports[1]!.report).toMatchObject({ total_printed: null, total_computed: '98', grade_computed: '优秀' });
  });
});

describe('money units', () => {
  it('flags the four 004 blocks headed (元) whose figures are 万元, and no 万元 block', async () => {
    const r = await seed('004');
    const flagged = r.reports.filter((x) => found(x, 'UNIT_SUSPECT').length > 0).map((x) => x.report.project_name);
    expect(flagged).toEqual(['医疗保障工作督查经费（州本级）', '定点医疗机构督查经费', '医疗保障综合事务相关工作经费', '都匀市医疗保障工作经费']);
    expect(found(reportOf(r, '定点医疗机构督查经费'), 'UNIT_SUSPECT')[0]!.message).toMatch(/定点医疗机构检查经费 prints ≤80万元/);
  });
});
