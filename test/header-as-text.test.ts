import { describe, expect, it } from 'vitest';
import { headersReadAsText } from '../pipeline/reports/unread';

const line = (text: string) => ({ text, heading: false, prov: { page: 3 } });

describe('an evaluation header read as a line of text', () => {
  it('takes a line made of header words for a header, not a sentence that names a level and a score', () => {
    expect(headersReadAsText([line('二级指标三级指标分值得分')]).map((h) => h.page)).toEqual([3]);
    expect(headersReadAsText([line('一级指标 二级指标 三级指标 指标值 实际完成值')])).toHaveLength(1);
    expect(headersReadAsText([line('本项目设置三级指标12个，总分值100分，自评得分95分')])).toEqual([]);
    expect(headersReadAsText([line('三级指标 分值')])).toEqual([]);
  });
});
