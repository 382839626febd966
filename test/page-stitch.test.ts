import { describe, expect, it } from 'vitest';
import { pagesToBlocks } from '../parsers/page/layout';
import type { PageContent, Segment, TextRun } from '../schemas/page';

/** Vertical rules at x = 50, 150, 250 from y0 to y1, and horizontal rules at the given heights. */
function frame(y0: number, y1: number, rules: number[]): Segment[] {
  return [
    ...[50, 150, 250].map((x) => ({ x0: x, x1: x, y0, y1 })),
    ...rules.map((y) => ({ x0: 50, x1: 250, y0: y, y1: y })),
  ];
}
const run = (text: string, x0: number, y0: number): TextRun => ({ text, x0, x1: x0 + text.length * 12, y0, y1: y0 + 12, size: 12 });
const page = (n: number, runs: TextRun[], segments: Segment[]): PageContent => ({ page: n, width: 300, height: 800, runs, segments });

describe('a row cut by the page break with no rule on either side of the cut', () => {
  it('is one row across the pages, its text printed on below the verticals included', () => {
    const first = page(
      1,
      [run('名称', 55, 60), run('数值', 155, 60), run('第一项任务', 55, 760), run('按期', 155, 760), run('完成', 55, 780.5)],
      frame(50, 780, [50, 750]),
    );
    const second = page(2, [run('情况', 55, 55), run('完成', 155, 55), run('第二项', 55, 90), run('5', 155, 90)], frame(50, 110, [80, 110]));
    const tables = pagesToBlocks([first, second]).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables).toHaveLength(1);
    const text = tables[0]!.rows.map((row) => row.map((c) => c.text.replace(/\s/g, '')));
    expect(text).toEqual([
      ['名称', '数值'],
      ['第一项任务完成情况', '按期完成'],
      ['第二项', '5'],
    ]);
  });

  it('keeps a last row ruled below as its own row', () => {
    const first = page(1, [run('名称', 55, 60), run('数值', 155, 60), run('第一项', 55, 755), run('3', 155, 755)], frame(50, 780, [50, 750, 780]));
    const second = page(2, [run('第二项', 55, 55), run('5', 155, 55)], frame(50, 80, [50, 80]));
    const tables = pagesToBlocks([first, second]).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    const text = tables.flatMap((t) => t.rows.map((row) => row.map((c) => c.text)));
    expect(text).toEqual([
      ['名称', '数值'],
      ['第一项', '3'],
      ['第二项', '5'],
    ]);
  });
});
