import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { headersReadAsText } from '../pipeline/reports/unread';
import { ROOT } from './helpers';


const line = (text: string) => ({ text, heading: false, prov: { page: 3 } });

describe('an evaluation header read as a line of text', () => {
  it('is said, with its page, when no table could be read from it (no silent "no table found")', async () => {
    // WeasyPrint's print of Calc's HTML export (test/fixtures/pdf/README.md): no rules, columns so narrow
    // that nothing is put into columns; its header row 标准值 评分标准 指标说明 分值 实际完成情况 is text.
    const path = join(ROOT, 'test/fixtures/pdf', 'weasyprint-calc-header-as-text.pdf');
    const { document, reports } = await extractDocument(readFileSync(path), path);
    expect(reports).toEqual([]);
    expect(document.status).toBe('no_report');
    expect(document.error).toMatch(/an evaluation table's header is printed on page 1 \(「[^」]*分值[^」]*」\)/);
  });

  it('takes a line made of header words for a header, not a sentence that names a level and a score', () => {
    expect(headersReadAsText([line('二级指标三级指标分值得分')]).map((h) => h.page)).toEqual([3]);
    expect(headersReadAsText([line('一级指标 二级指标 三级指标 指标值 实际完成值')])).toHaveLength(1);
    expect(headersReadAsText([line('本项目设置三级指标12个，总分值100分，自评得分95分')])).toEqual([]);
    expect(headersReadAsText([line('三级指标 分值')])).toEqual([]);
  });
});
