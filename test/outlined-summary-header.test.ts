import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrConfig } from '../parsers/ocr/config';
import { pdfParser } from '../parsers/pdf';
import { analyseTable } from '../pipeline/tables/analyse';
import { ROOT } from './helpers';

describe('a header cell read from outlines over several grid columns', () => {
  it('is one column when its text is, whole, one column name: `评分分值` heads the points, `得分` the score', async () => {
    // Calc's bordered print of seed 003 turned into outlines, page 1 (test/fixtures/pdf/README.md): the level-1 summary's
    // cells span two or three of the sheet's grid columns, and `评分分值` reads also as `评分` beside `分值`.
    const path = join(ROOT, 'test/fixtures/pdf/gs-outlines-summary-header.pdf');
    const doc = await pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() });
    const summaries = doc.blocks.flatMap((b) => (b.kind === 'table' ? analyseTable(b.table).flatMap((p) => (p.summary ? [p.summary] : [])) : []));
    expect(summaries).toHaveLength(1);
    const { header, rows, totalScore } = summaries[0]!;
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    const heads = table.kind === 'table' ? table.table.rows[0]!.map((c) => c.text) : [];
    expect(heads).toEqual(['一级指标', '权重', '评分分值', '得分', '绩效评价']);
    // The grid columns each header cell begins at: 一级指标 two, 权重 three, 评分分值 two, 得分 three.
    expect([header.colOf('weight'), header.colOf('score')]).toEqual([5, 7]);
    expect(rows.find((r) => r.level1 === '过程管理')?.score).toBe('19');
    expect(rows.find((r) => r.level1 === '产出指标')?.score).toBe('34');
    expect(totalScore).toBe('96');
  }, 120_000);
});
