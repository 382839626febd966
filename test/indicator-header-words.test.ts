import { describe, expect, it } from 'vitest';
import { indicatorHeaderOf, namesColumnOf } from '../pipeline/vocabulary/lexicon';

// One reading of header words for every table reader (the page engine's unruled forms and its
// stitching of pages, the pipeline's header rows): a browser's print writes some ideographs as
// radicals (⼀级指标, ⾃评得分), which the page engine sees before the document's text is unified.
describe('indicator header words', () => {
  it('reads header words printed with radicals, full-width letters or spaces as the words they are', () => {
    expect(['⼀级指标', '⼆级指标', '⾃评得分', '分　值', '年度指标值（Ａ）'].map((t) => indicatorHeaderOf(t)?.field)).toEqual(['level1', 'level2', 'score', 'points', 'target']);
  });

  it('names no column for text that is no header word', () => {
    expect(indicatorHeaderOf('⽤以反映和考核')).toBeUndefined();
  });

  it("tells a column's own name, whole, from a body text that begins with header words", () => {
    // The words a header cell prints (read into a row they say nothing of the row: HEADER_WORD_IN_ROW).
    expect([namesColumnOf('未完成原因分析', 'note'), namesColumnOf('年度指标值（A）', 'target'), namesColumnOf('分值', 'weight'), namesColumnOf('分值', 'score'), namesColumnOf('三级指标', 'level3')]).toEqual([true, true, true, true, true]);
    // A name of another column, or a row's own text that only begins with header words, is no doubt.
    expect([namesColumnOf('未完成原因分析', 'actual'), namesColumnOf('具体指标完成率', 'level3'), namesColumnOf('实际完成值达到100%', 'actual'), namesColumnOf('该费用已从我单位专项资金支付', 'note')]).toEqual([false, false, false, false]);
  });
});
