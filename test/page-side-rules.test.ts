import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../parsers/pdf/open';
import { readPageContent } from '../parsers/pdf/page-content';
import { findRuledTables } from '../parsers/page/ruled-tables';
import type { Segment, TextRun } from '../schemas/page';
import { extractFile, ROOT } from './helpers';

const run = (text: string, x0: number, y0: number): TextRun => ({ text, x0, x1: x0 + text.length * 10, y0, y1: y0 + 10, size: 10 });
const h = (x0: number, x1: number, y: number): Segment => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x, y0, y1 });

/** Each cell's text at its row and column, with its spans. */
const cellsOf = (segments: Segment[], runs: TextRun[]) =>
  findRuledTables(segments, runs, 1).tables.map((t) => t.cells.map((c) => [c.row, c.col, c.cell.rowSpan, c.cell.colSpan, c.cell.text]));

/**
 * A cell drawn as a browser draws separate borders: its sides (0.375 pt inside its edges) and
 * its bottom, no top.
 */
const box = (x0: number, x1: number, y0: number, y1: number): Segment[] => [v(x0 + 0.375, y0, y1), v(x1 - 0.375, y0, y1), h(x0, x1, y1 - 0.375)];

describe('a column edge a cell side rule draws (cells that draw their own borders)', () => {
  // Level-1 column 50–100, level-2 100–150, names 150–250. The first block's label boxes stop
  // short of it at 150 (its last row, 150–200, prints no label cells and no sides); the next
  // block's labels start at 200 with their sides only, the page cutting them at the bottom: no
  // rule over them (the one the block above would have drawn) and none under.
  const segments = [
    ...box(50, 100, 50, 150),
    ...box(100, 150, 50, 150),
    ...[50, 100, 150, 200, 250].flatMap((y) => box(150, 250, y, y + 50)),
    ...[50.375, 99.625, 100.375, 149.625].map((x) => v(x, 200, 300)),
  ];
  const runs = [
    ...[['产出', 55], ['数量', 105], ['任务一', 155]].map(([text, x]) => run(text as string, x as number, 55)),
    run('任务二', 155, 105),
    run('任务三', 155, 155),
    ...[['效益', 55], ['社会', 105], ['任务四', 155]].map(([text, x]) => run(text as string, x as number, 205)),
    run('任务五', 155, 255),
  ];

  it('starts the next block where its sides start, its labels apart, and leaves the unruled gap above it an empty cell of its own', () => {
    expect(cellsOf(segments, runs)).toEqual([
      [
        [0, 0, 2, 1, '产出'],
        [0, 1, 2, 1, '数量'],
        [0, 2, 1, 1, '任务一'],
        [1, 2, 1, 1, '任务二'],
        [2, 0, 1, 2, ''],
        [2, 2, 1, 1, '任务三'],
        [3, 0, 2, 1, '效益'],
        [3, 1, 2, 1, '社会'],
        [3, 2, 1, 1, '任务四'],
        [4, 2, 1, 1, '任务五'],
      ],
    ]);
  });

  it("gives a side rule drawn beside its neighbour's to its own cell only", () => {
    // The level-1 box runs on unbroken (50–300); beside its right side, 0.75 pt apart, the
    // level-2 column's boxes stop at 150 and start again at 200: only the level-2 column has
    // borders there.
    const beside = [
      ...box(50, 100, 50, 300),
      ...box(100, 150, 50, 150),
      ...[50, 100, 150, 200, 250].flatMap((y) => box(150, 250, y, y + 50)),
      ...box(100, 150, 200, 300),
    ];
    const labels = [run('产出', 55, 55), run('数量', 105, 55), run('质量', 105, 205), ...[55, 105, 155, 205, 255].map((y, i) => run(`任务${i + 1}`, 155, y))];
    expect(cellsOf(beside, labels)[0]!.filter((c) => c[1] !== 2)).toEqual([
      [0, 0, 5, 1, '产出'],
      [0, 1, 2, 1, '数量'],
      [2, 1, 1, 1, ''],
      [3, 1, 2, 1, '质量'],
    ]);
  });

  it('leaves a merged cell whole where a border drawn once runs on past a row line', () => {
    // The label's sides run 50–300 unbroken (one rule each, drawn once): no row line inside it is a border.
    const once = [v(50, 50, 300), v(100, 50, 300), v(200, 50, 300), h(50, 200, 50), h(100, 200, 100), h(100, 200, 200), h(50, 200, 300)];
    expect(cellsOf(once, [run('产出', 55, 55), run('任务一', 105, 55), run('任务二', 105, 105)])).toEqual([
      [
        [0, 0, 3, 1, '产出'],
        [0, 1, 1, 1, '任务一'],
        [1, 1, 1, 1, '任务二'],
        [2, 1, 1, 1, ''],
      ],
    ]);
  });

  it('does not read rules the page edge clips as starting there (a row cut at the top of a page)', () => {
    // wkhtmltopdf prints the cut row's cells on: the name cell's box ends 2.5 pt below the page's
    // top, the label's sides run from the page's edge on.
    const clipped = [v(50, 0, 200), v(100, 0, 200), v(100.75, 0, 2.5), v(200, 0, 2.5), h(100, 200, 2.5), v(100.75, 2.5, 100), v(200, 2.5, 100), h(100, 200, 100), h(50, 200, 200), v(100.75, 100, 200), v(200, 100, 200)];
    const cells = cellsOf(clipped, [run('数量', 55, 50), run('任务二', 105, 50), run('任务三', 105, 150)]);
    expect(cells[0]!.find((c) => c[4] === '数量')).toEqual([0, 0, 3, 1, '数量']);
  });
});

describe('a browser print of cells that draw their own borders (test/fixtures/pdf/browser-separate-borders.pdf)', () => {
  const file = join(ROOT, 'test/fixtures/pdf/browser-separate-borders.pdf');

  it('prints the last row of a block the pages cut without label cells, and the next block with no rule over it', async () => {
    // What makes the fixture worth testing: on its last page, no rule stands beside the row 第8项
    // in the label columns, and the next block's sides start under it with no rule across them.
    const content = await withPdf(new Uint8Array(readFileSync(file)), 'browser-separate-borders.pdf', async (doc) => readPageContent(await doc.getPage(3)));
    // pdf.js gives the Type 3 text one character a run: the row's lines are those starting `按`.
    const rowBottom = Math.max(...content.runs.filter((r) => r.text === '按').map((r) => r.y1));
    const verticals = content.segments.filter((s) => s.x0 === s.x1);
    const left = Math.min(...verticals.map((s) => s.x0));
    const leftSides = verticals.filter((s) => s.x0 < left + 2);
    expect(leftSides.length).toBeGreaterThan(0);
    expect(leftSides.every((s) => s.y0 > rowBottom)).toBe(true);
    const blockTop = Math.min(...leftSides.map((s) => s.y0));
    expect(content.segments.some((s) => s.y0 === s.y1 && s.x0 < left + 2 && Math.abs(s.y0 - blockTop) < 2)).toBe(false);
  });

  it('gives the rows of each block their own labels, the row printed in the gap those of the block above', async () => {
    const rows = (await extractFile(file)).reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => [r.level1, r.level1_weight, r.level2, r.actual_raw])).toEqual([
      ...Array.from({ length: 8 }, (_, i) => ['产出指标', '40', '数量指标', `${91 + i}%`]),
      ['效益指标', '20', '社会效益指标', '85%'],
      ['效益指标', '20', '社会效益指标', '90%'],
    ]);
  });
});
