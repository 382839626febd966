import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseLatexPercent, readTextWithHtmlTables } from '../parsers/text/embedded-tables';
import { extractDocument } from '../pipeline/extract';
import { ROOT } from './helpers';

const converted = () => readFileSync(join(ROOT, 'test/fixtures/formats/converted.md'));

describe('markdown holding HTML tables (PDF-to-markdown conversions)', () => {
  it('reads the <table> blocks as tables with their merged cells and the prose as text', () => {
    const blocks = readTextWithHtmlTables(normaliseLatexPercent(converted().toString('utf8')));
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.map((t) => t.index)).toEqual([0, 1]);
    expect(tables[0]!.rows[1]![0]).toMatchObject({ text: '产出指标', rowSpan: 3 });
    expect(tables[0]!.rows[1]![1]).toMatchObject({ text: '数量指标', rowSpan: 2 });
    // Provenance counts lines in the whole file, not in the table's piece.
    expect(tables[0]!.prov.line).toBe(9);
    expect(tables[1]!.prov.line).toBe(13);
    const texts = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toContain('本项目全年预算执行率98.22%，自评得分 93.5 分，等级为“优”。');
    expect(texts).toContain('以上指标中，服务对象满意度未达到预期的90%目标，已制定整改措施。');
    expect(texts.some((t) => t.includes('<t'))).toBe(false);
  });

  it('gives one report whose rows come from both page pieces, the rates as printed', async () => {
    const r = await extractDocument(converted(), 'converted.md');
    expect(r.document).toMatchObject({ status: 'ok', format: 'text', report_count: 1 });
    const rows = r.reports[0]!.indicators;
    expect(rows.map((i) => i.level3)).toEqual(['救助人次', '资助参保人数', '救助资金到位率', '政策知晓率', '服务对象满意度']);
    expect(rows.map((i) => i.actual_raw)).toEqual(['5210人次', '1236人', '98.22%', '81.77%', '85.15%']);
    expect(rows[2]).toMatchObject({ actual_op: null, actual_value: '98.22', actual_unit: '%' });
  });
});

describe('LaTeX percentages', () => {
  it.each([
    ['得分率  $69.33\\%$  ，扣分项', '得分率69.33%，扣分项'],
    ['$100\\%$', '100%'],
    ['rate $5.5\\%$ of', 'rate 5.5% of'],
    ['<td>$0.93\\%$</td>', '<td>0.93%</td>'],
  ])('%s → %s', (text, expected) => {
    expect(normaliseLatexPercent(text)).toBe(expected);
  });

  it('leaves other mathematics alone', () => {
    for (const text of ['$\\geq 500$', '$x\\%$', 'costs $5 and $6', '$69.33%$']) expect(normaliseLatexPercent(text)).toBe(text);
  });
});
