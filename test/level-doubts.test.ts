import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinsLevelNames } from '../pipeline/vocabulary/lexicon';
import { extractFile, ROOT } from './helpers';

describe('level labels the indicator system contradicts', () => {
  it('doubts a level-1 label over level-2 rows its kind cannot hold (WeasyPrint draws a cut merged cell’s borders round its text only)', async () => {
    // Pages 2-3 of Writer's HTML export of seed 002 printed by WeasyPrint (a cut of
    // corpus/producers/weasyprint-writer-html-export, by `npx tsx corpus/build/producers.ts --cuts`):
    // the rules put the label 效益指标 over the 数量/质量/时效 rows the document prints under 产出指标.
    const result = await extractFile(join(ROOT, 'test/fixtures/pdf/weasyprint-writer-label-boxes.pdf'));
    expect(result.reports).toHaveLength(1);
    const { indicators, findings } = result.reports[0]!;
    const mismatched = indicators.filter((x) => x.level1 === '效益指标' && ['数量指标', '质量指标', '时效指标'].includes(x.level2 ?? ''));
    expect(mismatched.length).toBeGreaterThan(0);
    for (const row of mismatched) {
      const doubts = findings.filter((f) => f.row_index === row.row_index && f.code === 'LEVEL_FAMILY_MISMATCH');
      expect(doubts, row.level3 ?? '').toHaveLength(1);
      expect(doubts[0]!.origin).toBe('extraction');
    }
    // Rows whose levels agree carry no such doubt.
    const agreeing = indicators.filter((x) => !mismatched.includes(x));
    expect(agreeing.length).toBeGreaterThan(0);
    for (const row of agreeing) expect(findings.filter((f) => f.row_index === row.row_index && f.code === 'LEVEL_FAMILY_MISMATCH')).toEqual([]);
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
  });
});
