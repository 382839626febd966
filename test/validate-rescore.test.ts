import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { DocumentResult, Indicator } from '../schemas/dataset';
import { VALIDATOR_CODES } from '../pipeline/validate/checks';
import { readCompletion } from '../pipeline/validate/qualitative';
import { negativeForms, rescoreIndicators } from '../pipeline/validate/rescore';
import { corpusFile, extractFile } from './helpers';

// Rescoring real rows of the seeds: the rule a row's table states, else DOMAIN.md's rules.
const seed = (id: string) => extractFile(corpusFile('seeds', id));
function rowOf(result: DocumentResult, project: string, level3: string) {
  const report = result.reports.find((r) => r.report.project_name === project);
  const row = report?.indicators.find((i) => i.level3 === level3);
  if (!report || !row) throw new Error(`no row ${level3} in ${project}`);
  return { report, row, findings: report.findings.filter((f) => f.row_index === row.row_index && VALIDATOR_CODES.has(f.code)) };
}
const codes = (x: { findings: Array<{ code: string; severity: string }> }) => x.findings.map((f) => `${f.code}/${f.severity}`);

describe('rescoring from the rule printed in 评分标准', () => {
  it('000 预算执行率: 80.76% under 全年执行数/全年预算数*10分 is 8.076, not the printed 8.7 (error)', async () => {
    const x = rowOf(await seed('000'), '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', '预算执行率');
    expect(x.row).toMatchObject({ score: '8.7', rescore: '8.076', rescore_method: 'execution_rate' });
    expect(x.findings).toEqual([expect.objectContaining({ code: 'EXEC_SCORE_MISMATCH', severity: 'error', printed: '8.7', expected: '8.076', table_index: 0 })]);
  });

  it('001 预算执行率: 当年预算执行率为100% gives the full 10', async () => {
    const x = rowOf(await seed('001'), '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', '预算执行率');
    expect(x.row).toMatchObject({ rescore: '10', rescore_method: 'execution_rate' });
    expect(x.findings).toEqual([]);
  });

  it('000 参保人数: (实际值/标准值)*5 with 达到目标任务的98.90% is 4.945; the printed 4 is a warning', async () => {
    const x = rowOf(await seed('000'), '城乡居民基本医疗保险补助资金', '参保人数');
    expect(x.row).toMatchObject({ rescore: '4.945', rescore_method: 'formula' });
    expect(x.findings).toEqual([expect.objectContaining({ code: 'RESCORE_MISMATCH', severity: 'warning', printed: '4', expected: '4.945' })]);
  });

  it('000 tiers read their actual from the sentence: 会议12次, 解读 35 次, 结算率达90.9%', async () => {
    const r = await seed('000');
    const p = '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）';
    for (const [name, rescore] of [['召开医保工作会议', '2'], ['在官方网站或微信公众号发布政策文件和解读', '2'], ['跨省异地住院费用直接结算率', '3']] as const) {
      expect(rowOf(r, p, name).row).toMatchObject({ rescore, rescore_method: 'tiers' });
    }
  });

  it('001 医保经办服务能力: items (4分)+(2分)+(2分) cannot give the printed 10 (warning)', async () => {
    const x = rowOf(await seed('001'), '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', '医保经办服务能力');
    expect(x.row).toMatchObject({ weight: '10', score: '10', rescore: null, rescore_method: 'itemised' });
    expect(x.findings).toEqual([expect.objectContaining({ code: 'RESCORE_MISMATCH', severity: 'warning', expected: '≤ 8' })]);
  });

  it('000 参保覆盖面: an unreadable rule is said so (info), never guessed', async () => {
    const x = rowOf(await seed('000'), '医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）', '参保覆盖面');
    expect(x.row).toMatchObject({ rescore: null, rescore_method: null });
    expect(codes(x)).toEqual(['RULE_UNPARSED/info']);
  });
});

describe('rescoring by target and actual (seed 004, no 评分标准 column)', () => {
  const p0 = '医疗服务与保障能力提升补助资金';
  it('positive, negative, equality and deadline rows', async () => {
    const r = await seed('004');
    expect(rowOf(r, p0, '全年培训人(次)').row).toMatchObject({ target_raw: '≥100人(次)', actual_raw: '105人次', rescore: '4', rescore_method: 'ratio_positive' });
    expect(rowOf(r, p0, '中央资金使用').row).toMatchObject({ target_raw: '≤228万元', rescore: '3', rescore_method: 'ratio_negative' });
    expect(rowOf(r, p0, '定点医疗机构监督检查覆盖率').row).toMatchObject({ target_raw: '=100%', rescore: '4', rescore_method: 'equality' });
    expect(rowOf(r, '城乡居民基本医疗保险', '重复参保人数').row).toMatchObject({ target_raw: '=0人', actual_raw: '0人', rescore: '6', rescore_method: 'equality' });
    expect(rowOf(r, '建国初期退休干部医疗补助资金', '完成时间').row).toMatchObject({ target_raw: '2023年9月底前', actual_raw: '2023年5月', rescore: '10', rescore_method: 'date' });
    // A cost row printed without an operator is a ceiling: 25.50万元 spent 10.20万元 is full marks.
    expect(rowOf(r, '医疗救助资金第三方审计业务费用', '审计费用').row).toMatchObject({ target_raw: '25.50万元', rescore: '10', rescore_method: 'ratio_negative' });
  });

  it('reads a target stated in a sentence only when it holds one number', async () => {
    const r = await seed('004');
    const dip = '黔南州DIP支付方式改革第三方服务采购项目';
    expect(rowOf(r, dip, '扩大医疗机构覆盖面').row).toMatchObject({ target_raw: '覆盖医疗机构300家以上', rescore: '5', rescore_method: 'ratio_positive' });
    expect(rowOf(r, dip, '医保基金收支平衡').row).toMatchObject({ rescore: null }); // 5%-10% against 7% and 15%
    expect(rowOf(r, '医保政策宣传经费', '公益广告').row).toMatchObject({ rescore: null }); // 每天播出3次,全年1080次
  });

  it('checks qualitative rows against the band of their stated completion, with the note-4 bands', async () => {
    const r = await seed('004');
    const x = rowOf(r, '医疗救助资金第三方审计业务费用', '审计医疗救助资金管理使用情况');
    expect(x.row).toMatchObject({ rescore: null, rescore_method: 'band_qualitative' });
    expect(x.report.report.qualitative_bands).toBe('80-100; 50-80; 0-50');
    expect(readCompletion('有效规范', '有效规范了医疗救助资金的管理使用')).toBe('achieved');
    expect(readCompletion('逐步拓展', '未开展')).toBe('missed');
    expect(readCompletion('及时有效拨付资金', '优')).toBeNull();
    const missed: Indicator = { ...x.row, actual_raw: '未完成审计', score: '15' };
    const out = rescoreIndicators([missed], { negativeForm: null, qualitativeBands: null });
    expect(out.findings).toEqual([expect.objectContaining({ code: 'QUALITATIVE_BAND', printed: '15', expected: '0–9' })]);
  });
});

describe('the two negative forms', () => {
  it('gives A/B and the deviation form, full when B ≤ A', () => {
    const f = negativeForms(new Decimal(10), new Decimal(12), new Decimal(10));
    expect(f['A/B'].toDecimalPlaces(4).toString()).toBe('8.3333');
    expect(f.deviation.toString()).toBe('8');
    expect(negativeForms(new Decimal(10), new Decimal(0), new Decimal(5))['A/B'].toString()).toBe('5');
    expect(negativeForms(new Decimal(10), new Decimal(25), new Decimal(5)).deviation.toString()).toBe('0');
  });

  it('infers the form from the table when the document does not state it, else reports both', async () => {
    const x = rowOf(await seed('004'), '医保窗口标准化行风建设专项工作经费', '大厅布置及设备购置'); // ≤14.2万元, weight 4
    const over = (score: string): Indicator => ({ ...x.row, actual_value: '17.04', actual_raw: '17.04万元', score });
    const deviation = rescoreIndicators([over('3.2')], { negativeForm: null, qualitativeBands: null });
    expect(deviation.indicators[0]).toMatchObject({ rescore: '3.2', rescore_method: 'ratio_negative' });
    expect(deviation.findings).toEqual([]);
    // 2.9 matches neither form at its printed precision (a printed 3 would match 3.33 and 3.2).
    const neither = rescoreIndicators([over('2.9')], { negativeForm: null, qualitativeBands: null });
    expect(neither.indicators[0]).toMatchObject({ rescore: null, rescore_method: 'ratio_negative' });
    expect(neither.findings.map((f) => [f.code, f.expected])).toEqual([
      ['NEGATIVE_FORM_UNDETERMINED', 'A/B 3.3333; deviation 3.2'],
      ['RESCORE_MISMATCH', 'A/B 3.3333; deviation 3.2'],
    ]);
    const stated = rescoreIndicators([over('2.9')], { negativeForm: 'A/B', qualitativeBands: null });
    expect(stated.indicators[0]).toMatchObject({ rescore: '3.3333' });
  });
});
