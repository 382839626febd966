import { describe, expect, it } from 'vitest';
import { joinedLevelNames, joinsLevelNames } from '../pipeline/vocabulary/lexicon';
import { extractText } from './helpers';

describe('level labels the indicator system contradicts', () => {
  it('doubts a level-1 label over level-2 rows its kind cannot hold', async () => {
    // A form that prints 效益指标 merged over two 数量指标 rows: the read keeps what is printed, and
    // says the pair is odd (a merged cell whose borders a producer drew round its text only puts a
    // label over rows it does not cover, and nothing else in a read tells).
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>项目支出绩效自评表</title></head><body><h1>项目支出绩效自评表</h1><table border="1">
      <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>实际完成值</td></tr>
      <tr><td rowspan="3">效益指标</td><td rowspan="2">数量指标</td><td>救助人次</td><td>≥100人次</td><td>120人次</td></tr>
      <tr><td>参保人数</td><td>≥300万人</td><td>305万人</td></tr>
      <tr><td>社会效益指标</td><td>政策知晓率</td><td>≥80%</td><td>81.77%</td></tr>
    </table></body></html>`;
    const result = await extractText(html, 'odd-level-pair.html');
    expect(result.reports).toHaveLength(1);
    const { indicators, findings } = result.reports[0]!;
    expect(indicators.map((x) => [x.level1, x.level2])).toEqual([
      ['效益指标', '数量指标'],
      ['效益指标', '数量指标'],
      ['效益指标', '社会效益指标'],
    ]);
    const doubted = (row: number) => findings.filter((f) => f.row_index === row && f.code === 'LEVEL_FAMILY_MISMATCH');
    for (const row of [0, 1]) {
      expect(doubted(row)).toHaveLength(1);
      expect(doubted(row)[0]!.origin).toBe('extraction');
    }
    // The row whose levels agree carries no such doubt.
    expect(doubted(2)).toEqual([]);
  });

  it('tells two level names run together from one name', () => {
    expect(joinsLevelNames('质量指标时效指标')).toBe(true);
    expect(joinsLevelNames('决策依据决策过程')).toBe(true);
    expect(joinsLevelNames('绩效目标资金分配')).toBe(true);
    expect(joinsLevelNames('质量指标')).toBe(false);
    expect(joinsLevelNames('社会效益指标')).toBe(false);
    expect(joinsLevelNames('可持续影响指标')).toBe(false);
    expect(joinsLevelNames('服务对象满意度指标')).toBe(false);
    expect(joinsLevelNames('产出指标（50分）')).toBe(false);
    // Names of their own, made of two stems that are names too.
    expect(joinsLevelNames('过程管理')).toBe(false);
    expect(joinsLevelNames('决策过程')).toBe(false);
    expect(joinsLevelNames('产出数量')).toBe(false);
    expect(joinsLevelNames('项目决策')).toBe(false);
    // The names, for the self-check that asks whether each labels rows of its own.
    expect(joinedLevelNames('效益指标满意度指标')).toEqual(['效益指标', '满意度指标']);
    expect(joinedLevelNames('可持续影响指标服务对象满意度指标')).toEqual(['可持续影响指标', '服务对象满意度指标']);
    expect(joinedLevelNames('满意度指标')).toBeNull();
  });
});
