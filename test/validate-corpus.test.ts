import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../schemas/dataset';
import { corpusFile, extractFile } from './helpers';

// Every finding of severity `error` on the five real seeds, each verified by hand against the
// seed text (README, "## Validation"). A parsing slip that makes a new error fails this test; so
// does a real inconsistency the validator stops reporting.
type Pinned = [seed: string, project: string | null, code: string, row: string | null, printed: string | null, expected: string | null];

const ERRORS: Pinned[] = [
  // 预算执行率 row: rule 全年执行数/全年预算数*10分 (≥90% → 10); actual 80.76% gives 8.076, printed 8.7.
  ['000', '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', 'EXEC_SCORE_MISMATCH', '预算执行率', '8.7', '8.076'],
  // The page-repeated label 项目决策(22分) over rows whose level-1 weighs 4+2+2+2+2+2+4 = 18.
  ['001', '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', 'LEVEL1_WEIGHT_MISMATCH', '绩效目标设置科学', '22', '18'],
  // 产出指标 (60分) over 14 rows weighing 50 (total 100 with 效益 30, 满意度 10, budget 10).
  ['004', '医疗服务与保障能力提升补助资金', 'LEVEL1_WEIGHT_MISMATCH', '打造医保经办“15分钟服务圈”', '60', '50'],
  // 城乡居民基本医疗保险: 产出 rows weigh 44 (成本控制率 printed 1/1), so weights total 94 and
  // the scores 93.85, while the 总分 row prints 100 / 99.8.
  ['004', '城乡居民基本医疗保险', 'LEVEL1_WEIGHT_MISMATCH', '参保人数', '50', '44'],
  ['004', '城乡居民基本医疗保险', 'TOTAL_MISMATCH', null, '99.8', '93.85'],
  ['004', '城乡居民基本医疗保险', 'WEIGHTS_NOT_100', null, '94', '100'],
  // Budget 分值 printed 0: weights total 90 while the 总分 row prints 分值 100.
  ['004', '乡镇经办医保专线网络使用费', 'WEIGHTS_NOT_100', null, '90', '100'],
  ['004', '医保政策宣传经费', 'WEIGHTS_NOT_100', null, '90', '100'],
  // 年度资金总额 A = 15, B = 15 yet 执行率 0 and 得分 0.
  ['004', '医疗保障工作督查经费（州本级）', 'EXEC_RATE_MISMATCH', null, '0', '100%'],
  ['004', '医疗保障工作督查经费（州本级）', 'EXEC_SCORE_MISMATCH', null, '0', '10'],
  // The same block's 年度资金总额 B = 15 while its source rows 财政拨款 / 本级安排 / 其他 print B = 0.
  ['004', '医疗保障工作督查经费（州本级）', 'BUDGET_BREAKDOWN_MISMATCH', null, '15', '0'],
];

// Warnings that are real too (plausible but off a stated rule), pinned the same way.
const WARNINGS: Pinned[] = [
  // 评分标准 (实际值/标准值)*5 with actual 达到目标任务的98.90%: 4.945, printed 4 (golden note).
  ['000', '城乡居民基本医疗保险补助资金', 'RESCORE_MISMATCH', '参保人数', '4', '4.945'],
  // 评分标准 items (4分) + (2分) + (2分) = 8 at most, weight and score printed 10.
  ['001', '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', 'RESCORE_MISMATCH', '医保经办服务能力', '10', '≤ 8'],
  // Two scores the 项目决策 score table does not print; its 合计 20 and the prose say 4 and 2.
  ['003', '城乡居民医疗救助补助资金', 'SCORE_NOT_PRINTED', '绩效目标设置科学', null, '4'],
  ['003', '城乡居民医疗救助补助资金', 'SCORE_NOT_PRINTED', '绩效目标分解细化', null, '2'],
  // Blocks headed (元) whose figures are 万元.
  ['004', '医疗保障工作督查经费（州本级）', 'UNIT_SUSPECT', null, '元', '万元'],
  ['004', '定点医疗机构督查经费', 'UNIT_SUSPECT', null, '元', '万元'],
  ['004', '医疗保障综合事务相关工作经费', 'UNIT_SUSPECT', null, '元', '万元'],
  ['004', '都匀市医疗保障工作经费', 'UNIT_SUSPECT', null, '元', '万元'],
];

function findingsOf(seed: string, result: DocumentResult, severity: 'error' | 'warning'): Pinned[] {
  return result.reports.flatMap((r) =>
    r.findings
      .filter((f) => f.severity === severity)
      .map((f): Pinned => [seed, r.report.project_name, f.code, f.row_index === null ? null : (r.indicators[f.row_index]!.level3 ?? null), f.printed, f.expected]),
  );
}

async function corpusFindings(severity: 'error' | 'warning'): Promise<Pinned[]> {
  const all: Pinned[] = [];
  for (const seed of ['000', '001', '002', '003', '004']) all.push(...findingsOf(seed, await extractFile(corpusFile('seeds', seed)), severity));
  return all;
}

describe('validation of the clean corpus (the five seeds)', () => {
  it('reports exactly the hand-verified errors', async () => {
    expect(await corpusFindings('error')).toEqual(ERRORS);
  });

  it('reports exactly the hand-verified warnings', async () => {
    expect(await corpusFindings('warning')).toEqual(WARNINGS);
  });

  it('reports the same errors on the HTML and Word renderings, which print the same figures', async () => {
    for (const folder of ['html', 'docx']) {
      const errors: Pinned[] = [];
      for (const seed of ['000', '001', '002', '003', '004']) errors.push(...findingsOf(seed, await extractFile(corpusFile(folder, seed)), 'error'));
      // The renderings print no 分值 total on the 总分 row, so weights off 100 are warnings there,
      // and no figures on the budget block's source rows, so there is no breakdown to check.
      expect(errors).toEqual(ERRORS.filter(([, , code]) => code !== 'WEIGHTS_NOT_100' && code !== 'BUDGET_BREAKDOWN_MISMATCH'));
    }
  });

  it('fills rescore, execution_rescore, total_computed and grade_computed', async () => {
    const r = await extractFile(corpusFile('seeds', '004'));
    const first = r.reports[0]!;
    expect(first.report).toMatchObject({ execution_rescore: '7.9746', total_computed: '98', grade_computed: '优', weight_total_printed: '100' });
    expect(first.indicators.find((i) => i.level3 === '中央资金使用')).toMatchObject({ rescore: '3', rescore_method: 'ratio_negative' });
    expect(first.report.finding_count).toBe(first.findings.length);
    const narrative = (await extractFile(corpusFile('seeds', '003'))).reports[0]!.report;
    // 80 printed in rows + 满意度指标 10/10 printed only in the summary table (6 more are unprinted).
    expect(narrative).toMatchObject({ total_printed: '96', total_computed: '90', grade_computed: '优', grade_bands: '优 90; 良 80; 中 60; 差 0' });
  });
});
