import { describe, expect, it } from 'vitest';
import { pagesToBlocks } from '../parsers/page/layout';
import { assembleReports } from '../pipeline/reports/assemble';
import { buildReport } from '../pipeline/reports/build';
import { readMetadata } from '../pipeline/reports/metadata';
import type { PageContent, Segment, TextRun } from '../schemas/page';

const run = (text: string, x0: number, y0: number): TextRun => ({ text, x0, x1: x0 + text.length * 12, y0, y1: y0 + 12, size: 12 });
const across = (y: number, x0: number, x1: number): Segment => ({ x0, x1, y0: y, y1: y });
const down = (x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x, y0, y1 });
const page = (n: number, runs: TextRun[], segments: Segment[]): PageContent => ({ page: n, width: 500, height: 800, runs, segments });
const scores = (y: number) => [run('5', 335, y), run('5', 385, y)];

/**
 * Columns 一级指标, 二级指标, 三级指标, 分值, 得分 (x = 50, 130, 210, 330, 380, 430). Page 1 ends under
 * an empty level-2 cell (a rule over it closes 数量指标) with no rule under any cell, over a
 * sliver of the row the page cut; page 2 starts with no rule over it, its sliver cut into cells,
 * under a level-2 label 质量指标 merged over fewer rows than the empty cell: centred in one block
 * with it, that label would print on page 1.
 */
const pages = [
  page(
    1,
    [
      ...['一级指标', '二级指标', '三级指标', '分值', '得分'].map((t, i) => run(t, [55, 135, 215, 335, 385][i]!, 60)),
      run('产出指标', 55, 300),
      run('数量指标', 135, 104),
      ...['任务一', '任务二', '任务三', '任务四'].flatMap((t, i) => [run(t, 215, 88 + 30 * i), ...scores(88 + 30 * i)]),
    ],
    [
      ...[50, 130, 210, 430].map((x) => down(x, 50, 780)),
      ...[330, 380].map((x) => down(x, 50, 760)),
      across(50, 50, 430),
      across(80, 50, 430),
      across(110, 210, 430),
      across(140, 130, 430),
      across(170, 210, 430),
      across(760, 210, 430),
    ],
  ),
  page(
    2,
    [run('质量指标', 135, 68), run('任务五', 215, 68), ...scores(68), run('时效指标', 135, 98), run('任务六', 215, 98), ...scores(98)],
    [...[50, 130, 210, 330, 380, 430].map((x) => down(x, 50, 120)), across(60, 210, 430), across(90, 130, 430), across(120, 50, 430)],
  ),
];

describe('an empty label cell the page cut, over a label the rules cannot give it', () => {
  it('is marked by the page engine and its rows keep the label filled down, flagged', () => {
    const { blocks } = pagesToBlocks(pages);
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables).toHaveLength(1);
    const marked = tables[0]!.rows.flat().filter((c) => c.prov.cutBeforeLabel);
    expect(marked.map((c) => [c.text, c.prov.page])).toEqual([['', 1]]);

    const { drafts } = assembleReports({ format: 'pdf', pages: 2, blocks, warnings: [] });
    expect(drafts).toHaveLength(1);
    const report = buildReport({ docId: 'd', source: 'cut.pdf', format: 'pdf' }, drafts[0]!, readMetadata(drafts[0]!, []), 'd-t0');
    expect(report.indicators.map((r) => [r.level3, r.level2])).toEqual([
      ['任务一', '数量指标'],
      ['任务二', '数量指标'],
      ['任务三', '数量指标'],
      ['任务四', '数量指标'],
      ['任务五', '质量指标'],
      ['任务六', '时效指标'],
    ]);
    const flagged = report.findings.filter((f) => f.code === 'LEVEL_CARRIED_PAST_RULE');
    expect(flagged.map((f) => [f.row_index, f.origin])).toEqual([
      [2, 'extraction'],
      [3, 'extraction'],
    ]);
  });
});
