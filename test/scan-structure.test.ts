import { describe, expect, it } from 'vitest';
import { pagesToBlocks } from '../parsers/page/layout';
import { analyseTable } from '../pipeline/tables/analyse';
import type { Cell, Table } from '../schemas/document';
import type { PageContent, Segment, TextRun } from '../schemas/page';
import { readScanOnce } from './ocr-fixture';

// A two-page scan of one form going on over a page break (corpus/build/scan-structure-fixture.ts:
// the scan grid's shadow page of seed 004): the binding's shadow loses the frame's left line on
// page 1, whose table starts at the level-1 column, while page 2 keeps its label column; and the
// scanner sets page 2's columns a few points off page 1's. One table all the same: page 2's
// rows are the report's, not a piece without a header that no report reads.
describe('a scanned form going on over a page break, its outer column lost on one page', () => {
  const result = readScanOnce('test/fixtures/scan-pages/shadow-continued.pdf', 600_000);

  it('reads the rows of both pages as one report', () => {
    expect(result().reports).toHaveLength(1);
    const rows = result().reports[0]!.indicators;
    const at = (level3: string) => rows.find((r) => r.level3 === level3);
    expect(at('打造基层医保经办服务示范窗口')).toMatchObject({ page: 1, level1: '产出指标', level2: '数量' });
    expect(at('医保信息平台数据信息标准化管理应用')).toMatchObject({ page: 2, level1: '产出指标', level2: '数量', weight: '4', score: '4' });
    expect(at('医保重要政策知晓率')).toMatchObject({ page: 2, level1: '效益指标', level2: '社会效益', weight: '15', score: '15' });
  });
});

const run = (text: string, x0: number, y0: number): TextRun => ({ text, x0, x1: x0 + text.length * 10, y0, y1: y0 + 10, size: 10 });
/** Vertical rules at `xs` from y0 to y1, horizontal rules across them at the given heights. */
const frame = (xs: number[], y0: number, y1: number, rules: number[]): Segment[] => [
  ...xs.map((x) => ({ x0: x, x1: x, y0, y1 })),
  ...rules.map((y) => ({ x0: xs[0]!, x1: xs[xs.length - 1]!, y0: y, y1: y })),
];
const page = (n: number, runs: TextRun[], segments: Segment[]): PageContent => ({ page: n, width: 300, height: 800, runs, segments });

describe('lines a scan reads beside a table, within its rows', () => {
  // Page 1 ends on the table, the characters of a label column whose frame the scan lost read as
  // lines against its left side; page 2 goes on with no rule over its first row. (A line standing
  // apart from the table is the page's own: page-stitch.test.ts.)
  const xs = [50, 150, 250];
  const first = page(
    1,
    [run('名称', 55, 605), run('数值', 155, 605), run('第一项', 55, 735), run('3', 155, 735), run('绩', 38, 700), run('效', 38, 740)],
    frame(xs, 600, 780, [600, 630, 760]),
  );
  const second = page(2, [run('第二项', 55, 55), run('5', 155, 55)], frame(xs, 50, 80, [80]));

  it('do not end the table before the page break on a scanned page', () => {
    const { blocks } = pagesToBlocks([first, second], new Set([1, 2]));
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['名称', '数值'],
      ['第一项', '3'],
      ['第二项', '5'],
    ]);
    // Kept as text, after the table.
    expect(blocks.slice(1).map((b) => (b.kind === 'text' ? b.text : null))).toEqual(['绩', '效']);
  });
});

describe('a scanned header cell over two columns naming both', () => {
  // The rule between 一级指标 and 二级指标 lost in the header row only (read as a mark, `「`): the rows
  // below print their level-1 and level-2 labels in two columns.
  const cell = (text: string, colSpan = 1, rowSpan = 1): Cell => ({ text, rowSpan, colSpan, prov: { page: 1, confidence: 90 } });
  const table: Table = {
    index: 0,
    prov: { page: 1 },
    rows: [
      [cell('一级指标「二级指标', 2), cell('三级指标'), cell('年度指标值(A)'), cell('实际完成值(B)'), cell('分值'), cell('得分')],
      [cell('产出指标(50分)', 1, 2), cell('数量指标'), cell('确保医保工作正常运转'), cell('7个'), cell('7个'), cell('10'), cell('10')],
      [cell('质量指标'), cell('按计划完成各项工作'), cell('=100%'), cell('100%'), cell('10'), cell('10')],
    ],
  };

  it('heads each column with its own name', () => {
    const section = analyseTable(table).find((p) => p.indicators)!.indicators!;
    expect(section.header.colOf('level1')).toBe(0);
    expect(section.header.colOf('level2')).toBe(1);
    expect(section.rows.map((r) => [r.level1?.text, r.level2?.text, r.values.level3])).toEqual([
      ['产出指标(50分)', '数量指标', '确保医保工作正常运转'],
      ['产出指标(50分)', '质量指标', '按计划完成各项工作'],
    ]);
  });
});
