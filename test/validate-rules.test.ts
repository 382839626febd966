import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../schemas/dataset';
import { evaluate, parseExpression } from '../pipeline/validate/expression';
import { findQuantity, findRatioToTarget, readDateKey, unitFactor, type Quantity } from '../pipeline/validate/quantities';
import { applyRule, itemSums } from '../pipeline/validate/rule-eval';
import { parseScoringRule, type ScoringRule } from '../pipeline/validate/scoring-rules';
import { corpusFile, extractFile, rowsByLevel3 } from './helpers';

// 评分标准 cells as the seeds print them, read through the real extraction.
async function row(seed: string, report: number, level3: string): Promise<Indicator> {
  const found = rowsByLevel3(await extractFile(corpusFile('seeds', seed)), report).get(level3);
  if (!found) throw new Error(`no row ${level3} in seed ${seed} report ${report}`);
  return found;
}
const ruleOf = async (seed: string, report: number, level3: string) => parseScoringRule((await row(seed, report, level3)).scoring_rule)!;
const d = (s: string) => new Decimal(s);
const pct = (v: string): Quantity => ({ op: null, value: d(v), unit: '%', source: 'cell' });
const shown = (ds: Decimal[] | null) => ds?.map((x) => x.toString());

describe('the arithmetic evaluator', () => {
  it('evaluates the formulas rules print, with percentages as fractions', () => {
    const expr = parseExpression('60+40*(实际值-80%)/10%')!;
    expect(evaluate(expr, { actual: d('0.85'), target: null })!.toString()).toBe('80');
    expect(evaluate(parseExpression('(实际值/标准值)*5')!, { actual: d('30400'), target: d('38000') })!.toString()).toBe('4');
    expect(evaluate(parseExpression('5 - (70% - 实际值) * 4')!, { actual: d('0.6'), target: null })!.toString()).toBe('4.6');
  });

  it('refuses anything that is not arithmetic on the two values, and never divides by zero', () => {
    for (const text of ['process.exit(1)', '实际值 ** 2', '60+', 'require("fs")', '(实际值', '满分']) expect(parseExpression(text)).toBeNull();
    expect(evaluate(parseExpression('实际值/标准值')!, { actual: d('1'), target: d('0') })).toBeNull();
    expect(evaluate(parseExpression('实际值*2')!, { actual: null, target: null })).toBeNull();
  });
});

describe('reading 评分标准 into rules (seed 000 and 001 rows)', () => {
  it('reads tiers with their 合格之上 / 合格之下 formulas on the 100-point scale', async () => {
    const rule = await ruleOf('000', 0, '医保信息系统验收合格率');
    expect(rule.kind).toBe('tiers');
    const tiers = rule as Extract<ScoringRule, { kind: 'tiers' }>;
    expect(tiers.tiers.map((t) => [t.level, t.condition.kind === 'compare' ? `${t.condition.op} ${t.condition.right}` : t.condition.kind])).toEqual([
      ['full', '>= 0.9'],
      ['pass', '>= 0.8'],
      ['zero', '<= 0.5'],
    ]);
    expect(tiers.formulas.map((f) => [f.when, f.outOf100])).toEqual([
      ['above_pass', true],
      ['below_pass', true],
    ]);
    // 85 % is above the pass mark: 60 + 40 × 0.5 = 80 of 100, i.e. 0.8 of the weight 1.
    expect(applyRule(rule, { weight: d('1'), target: pct('90'), actual: pct('85'), actualText: null }).rescore!.toString()).toBe('0.8');
    expect(applyRule(rule, { weight: d('1'), target: pct('90'), actual: pct('65'), actualText: null }).rescore!.toString()).toBe('0.3');
    expect(applyRule(rule, { weight: d('1'), target: pct('90'), actual: pct('40'), actualText: null }).rescore!.toString()).toBe('0');
  });

  it('reads 达到标准值 / (实际值/标准值)≤50% / 其他 formula rules', async () => {
    const r = await row('000', 1, '医疗救助门诊和住院救助人次');
    const rule = parseScoringRule(r.scoring_rule)!;
    const target: Quantity = { op: '>=', value: d('170000'), unit: '人次', source: 'cell' };
    const at = (v: string) => applyRule(rule, { weight: d('5'), target, actual: { op: null, value: d(v), unit: '人次', source: 'text' }, actualText: null });
    expect(at('228961')).toMatchObject({ detail: '满分 tier' });
    expect(at('228961').rescore!.toString()).toBe('5');
    expect(at('136000').rescore!.toString()).toBe('4');
    expect(at('85000').rescore!.toString()).toBe('0');
  });

  it('reads ranges with their points (参保省住院跨省直接结算率小于65%得0.5分、…)', async () => {
    const rule = await ruleOf('000', 0, '跨省异地住院费用直接结算率');
    const at = (v: string) => applyRule(rule, { weight: d('3'), target: null, actual: pct(v), actualText: null }).rescore?.toString();
    expect([at('90.9'), at('75'), at('65'), at('60')]).toEqual(['3', '2', '1', '0.5']);
  });

  it('reads itemised points, bonus items and a cap, and lists the sums they can reach', async () => {
    const rule = await ruleOf('000', 0, '医药价格政策落实和执行情况');
    expect(rule).toMatchObject({ kind: 'itemised', cap: d('4') });
    expect(shown((rule as Extract<ScoringRule, { kind: 'itemised' }>).items)).toEqual(['1.5', '1.5', '1', '0.5']);
    const outcome = applyRule(rule, { weight: d('4'), target: null, actual: null, actualText: null });
    expect(outcome.rescore).toBeNull();
    expect(shown(outcome.reachable)).toEqual(['0', '0.5', '1', '1.5', '2', '2.5', '3', '3.5', '4']);
    expect(shown(itemSums([d('1'), d('1')], null))).toEqual(['0', '1', '2']);
  });

  it('reads the budget-execution variant 全年执行数/全年预算数*10分(执行率≥90%,按10分计算)', async () => {
    const rule = await ruleOf('000', 0, '预算执行率');
    expect(rule).toMatchObject({ kind: 'execution', points: d('10'), fullAt: d('0.9') });
    expect(applyRule(rule, { weight: d('10'), target: null, actual: pct('80.76'), actualText: null }).rescore!.toString()).toBe('8.076');
    expect(applyRule(rule, { weight: d('10'), target: null, actual: pct('92'), actualText: null }).rescore!.toString()).toBe('10');
  });

  it('names a tier by the text of the actual when the tiers are words (满分:成效明显 …)', async () => {
    const r = await row('000', 1, '对健全社会救助体系的影响');
    const outcome = applyRule(parseScoringRule(r.scoring_rule)!, { weight: d('2'), target: null, actual: null, actualText: r.actual_raw });
    expect(outcome.rescore!.toString()).toBe('2');
    expect(shown(outcome.reachable)).toEqual(['0', '1.2', '2']);
  });

  it('says so when a rule cannot be read, and leaves prose criteria alone', async () => {
    expect(await ruleOf('000', 0, '参保覆盖面')).toMatchObject({ kind: 'unparsed' });
    expect(await ruleOf('000', 2, '基金使用合规性')).toMatchObject({ kind: 'unparsed', reason: expect.stringMatching(/扣/) });
    expect(await ruleOf('000', 2, '医保信息系统功能性')).toEqual({ kind: 'criterion' });
  });
});

describe('numbers in sentences', () => {
  it('reads the one number in the wanted unit, and nothing when there are two', () => {
    expect(findQuantity('医保信息系统服务全县50多万医保参保人群，接入实时联网结算定点医药机构168余家，信息系统正常运行率100%，达到设定目标。', '%')).toMatchObject({ value: d('100'), unit: '%' });
    expect(findQuantity('预算执行率 80.76', '%')).toMatchObject({ value: d('80.76'), unit: '%' });
    expect(findQuantity('信息系统发生重点安全事件做出响应的的时间小于 60 分钟', '分钟')).toMatchObject({ op: '<', value: d('60') });
    expect(findQuantity('每天播出3次,全年1080次', '次')).toBeNull();
    expect(findQuantity('2023年有虚报现象', null)).toBeNull();
    expect(findRatioToTarget('达到目标任务的98.90%')).toMatchObject({ value: d('98.90'), source: 'ratio' });
  });

  it('converts units of one kind and refuses others', () => {
    expect(unitFactor('万元', '元')!.toString()).toBe('10000');
    expect(unitFactor('人(次)', '人次')!.toString()).toBe('1');
    expect(unitFactor('小时', '分钟')!.toString()).toBe('60');
    expect(unitFactor('人', '人次')).toBeNull();
  });

  it('reads deadlines and completion dates as sortable keys', () => {
    expect(readDateKey('2023年9月底前', 'deadline')).toBe('2023-09-99');
    expect(readDateKey('2023年5月', 'done')).toBe('2023-05-00');
    expect(readDateKey('2023年12月31日', 'done')).toBe('2023-12-31');
    expect(readDateKey('已按工作要求, 2023年2月完成医保窗口搬迁', 'done')).toBe('2023-02-00');
  });
});
