import { describe, expect, it } from 'vitest';
import { indicatorHeaderOf } from '../pipeline/vocabulary/lexicon';

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
});
