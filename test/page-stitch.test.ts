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

/** Columns name, target, weight, rule, actual (x = 50, 110, 200, 230, 290, 350) from y0 to y1, horizontal rules at the given heights. */
function writerFrame(y0: number, y1: number, rules: number[]): Segment[] {
  return [
    ...[50, 110, 200, 230, 290, 350].map((x) => ({ x0: x, x1: x, y0, y1 })),
    ...rules.map((y) => ({ x0: 50, x1: 350, y0: y, y1: y })),
  ];
}
const writerTables = (last: TextRun[], next: TextRun[]) =>
  pagesToBlocks([
    // The last row as Writer cuts it: one line, and 1.75 font sizes under it, too little for the next line and the padding.
    page(1, [...['名称', '目标', '分', '规则', '完成'].map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 60)), ...last], writerFrame(50, 768, [50, 80, 730, 768])),
    page(2, next, writerFrame(50, 100, [50, 100])),
  ]).blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows.map((row) => row.map((c) => c.text.replace(/\s/g, '')))] : []));

describe('a row cut by the page break, the cut ruled on both sides (Writer frames each page part)', () => {
  it('is one row when every text that goes on below sits under a line that ran to its cell’s edge, and the texts that ended short have nothing below', () => {
    // The row's first line at the foot of the page: `农村易`, `①制定`, `医疗救` fill their narrow
    // cells; the target `完善` and the weight `4` ended on this page. Three of five texts go on.
    const tables = writerTables([run('农村易', 55, 735), run('完善', 115, 735), run('4', 205, 735), run('①制定', 235, 735), run('医疗救', 295, 735)], [
      run('返贫致', 55, 55),
      run('实施', 235, 55),
      run('助政策', 295, 55),
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.slice(-1)).toEqual([['农村易返贫致', '完善', '4', '①制定实施', '医疗救助政策']]);
  });

  it('starts a new row when a text below sits under a line that ended short in its cell', () => {
    // `甲` ends short in the name cell: the row below, its target and weight empty, is a row of its own.
    const tables = writerTables([run('甲', 55, 735), run('完善', 115, 735), run('4', 205, 735), run('①制定', 235, 735), run('医疗救', 295, 735)], [
      run('第二项', 55, 55),
      run('实施', 235, 55),
      run('助政策', 295, 55),
    ]);
    expect(tables.flat().slice(-2)).toEqual([
      ['甲', '完善', '4', '①制定', '医疗救'],
      ['第二项', '', '', '实施', '助政策'],
    ]);
  });
});

describe('an indicator header row at the foot of a page, the cut ruled on both sides (Writer)', () => {
  // Each header name fills its narrow cell, as a name cut at the cell's edge would; the next page
  // prints the first indicator row under it, its rule cell empty: fewer texts than the header's,
  // each under a full line, as the rest of a row the page cut would be.
  const header = ['三级指标', '年度指标值', '分值', '评分标准', '实际完成值'];
  const first = ['党建活动', '≥4次', '5', '', '6次'];
  const rows = (last: string[], next: string[]) =>
    writerTables(
      last.map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 735)),
      next.flatMap((t, i) => (t === '' ? [] : [run(t, [55, 115, 205, 235, 295][i]!, 55)])),
    )[0]!;

  it('ended there when every text over the next page’s texts names a column whole: the row below is the first indicator row', () => {
    expect(rows(header, first).slice(-2)).toEqual([header, first]);
  });

  it('goes on when those texts are not column names (a row whose texts run to their cells’ edges)', () => {
    // The same texts under a row of an indicator's first lines, its weight ended on this page.
    expect(rows(['农村易返', '完善医疗救', '4', '①制定', '医疗救助'], ['党建活动', '≥4次', '', '', '6次']).slice(-1)).toEqual([
      ['农村易返党建活动', '完善医疗救≥4次', '4', '①制定', '医疗救助6次'],
    ]);
  });
});

describe('a label the page break cut inside its brackets, the cut ruled on both sides', () => {
  // A label column merged over the page's last row and the next page's first two rows.
  const next = (label: string) =>
    page(
      2,
      [run(label, 55, 70), run('总额', 115, 55), run('62', 235, 55), run('财政', 115, 105), run('0', 235, 105)],
      [...[50, 110, 200, 230, 290, 350].map((x) => ({ x0: x, x1: x, y0: 50, y1: 150 })), ...[50, 150].map((y) => ({ x0: 50, x1: 350, y0: y, y1: y })), { x0: 110, x1: 350, y0: 100, y1: 100 }],
    );
  const cells = (lastLabel: string, nextLabel: string) =>
    pagesToBlocks([
      page(1, [...['名称', '目标', '分', '规则', '完成'].map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 60)), run(lastLabel, 55, 735), run('来源', 115, 735), run('年初', 235, 735)], writerFrame(50, 780, [50, 80, 730, 780])),
      next(nextLabel),
    ]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat().map((c) => c.text.replace(/\s/g, '')) : []));

  it('is one label: `资金(万` at the foot of the page, `元)` at the head of the next', () => {
    const texts = cells('资金(万', '元)');
    expect(texts).toContain('资金(万元)');
    expect(texts).not.toContain('元)');
  });

  it('keeps a label that closed its brackets, or a new label that opens its own, apart', () => {
    expect(cells('产出指标', '质量(20分)')).toEqual(expect.arrayContaining(['产出指标', '质量(20分)']));
    expect(cells('资金(万)', '元)')).toEqual(expect.arrayContaining(['资金(万)', '元)']));
  });
});

describe('a one-line row at the foot of a page whose text nears the bottom edge, both sides of the break ruled', () => {
  // Text 767.5–779.5 in the row 760–780: as near the edge as a cut line (WeasyPrint pads a whole one-line row so).
  const tables = (next: string[]) =>
    pagesToBlocks([
      page(1, [...['名称', '目标', '分', '规则', '完成'].map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 60)), ...['困难群众', '完善', '3', '①制定', '医疗'].map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 767.5))], writerFrame(50, 780, [50, 80, 760, 780])),
      page(2, next.flatMap((t, i) => (t === '' ? [] : [run(t, [55, 115, 205, 235, 295][i]!, 55)])), writerFrame(50, 80, [50, 80])),
    ]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((row) => row.map((c) => c.text.replace(/\s/g, ''))) : []));

  it('is a row of its own at the head of the next page when that row prints its own weight under the weight', () => {
    expect(tables(['对健全', '提升', '2', '②推进', '救助']).slice(-2)).toEqual([
      ['困难群众', '完善', '3', '①制定', '医疗'],
      ['对健全', '提升', '2', '②推进', '救助'],
    ]);
  });

  it('goes on at the head of the next page when that row prints no number under the weight (the page cut it)', () => {
    expect(tables(['对健全', '提升', '', '②推进', '救助']).slice(-1)).toEqual([['困难群众对健全', '完善提升', '3', '①制定②推进', '医疗救助']]);
  });
});

describe('a top-aligned row at the foot of a page, the break ruled on both sides (Writer), the geometry of a real print', () => {
  // Row 752.7–793.3; `一级` / `指标` two full lines 17.2 apart (the table's line pitch), the second
  // near the bottom (it looks cut); one-line texts from 757.5 to 769.5: 23.8 under them, 4.8 over
  // them, room for one more line.
  const rows = (next: TextRun[]) =>
    pagesToBlocks([
      page(
        1,
        [
          ...['名称', '目标', '分', '规则', '完成'].map((t, i) => run(t, [55, 115, 205, 235, 295][i]!, 60)),
          run('一级', 55, 757.5),
          run('指标', 55, 774.7),
          ...['二级', '完善', '三级', '说明'].map((t, i) => run(t, [115, 205, 235, 295][i]!, 757.5)),
        ],
        writerFrame(50, 793.3, [50, 80, 752.7, 793.3]),
      ),
      page(2, next, writerFrame(50, 100, [50, 100])),
    ]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((row) => row.map((c) => c.text.replace(/\s/g, ''))) : []));

  it('ended there when the next page prints a text under a one-line text that had room for another line', () => {
    // No number is printed again under a number here: only the room under the texts says the row ended.
    expect(rows([run('产出', 55, 55), run('数量', 115, 55), run('提升', 205, 55), run('党建', 235, 55), run('4次', 295, 55)]).slice(-2)).toEqual([
      ['一级指标', '二级', '完善', '三级', '说明'],
      ['产出', '数量', '提升', '党建', '4次'],
    ]);
  });
});

const seg = (x0: number, y0: number, x1: number, y1: number): Segment => ({ x0, y0, x1, y1 });
const tableTexts = (pages: PageContent[]) =>
  pagesToBlocks(pages).blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows.map((row) => row.map((c) => c.text.replace(/\s/g, '')))] : []));

describe('a browser continuation that draws no cell in its label column (cells that draw their own borders)', () => {
  // Label column 50–100, names 100–200, weights 200–250. Page 1 ends inside the label's block;
  // page 2 draws the block's last rows with no label cell at all: its part starts at x = 100.
  const first = page(
    1,
    [run('产出', 55, 60), run('任务一', 105, 60), run('5', 205, 60), run('任务甲', 105, 110), run('5', 205, 110)],
    [seg(50, 50, 250, 50), ...[50, 100, 200, 250].map((x) => seg(x, 50, x, 780)), seg(100, 100, 250, 100), seg(100, 780, 250, 780)],
  );
  const second = (ruledOver: boolean) =>
    page(2, [run('任务二', 105, 60), run('5', 205, 60), run('任务三', 105, 110), run('5', 205, 110)], [
      ...(ruledOver ? [seg(100, 50, 250, 50)] : []),
      ...[100, 200, 250].map((x) => seg(x, 50, x, 150)),
      seg(100, 100, 250, 100),
      seg(100, 150, 250, 150),
    ]);

  it('goes on under the label column of the part above, its label cells empty', () => {
    expect(tableTexts([first, second(false)])).toEqual([
      [
        ['产出', '任务一', '5'],
        ['任务甲', '5'],
        ['', '任务二', '5'],
        ['', '任务三', '5'],
      ],
    ]);
  });

  it('is a table of its own when a rule runs over it (a new table starts with its top border)', () => {
    expect(tableTexts([first, second(true)])).toHaveLength(2);
  });
});

describe('a continuation whose frame lost its outer line (a faxed WeasyPrint print, L11 and L12 on their second page)', () => {
  // Outer label column 20–50 (`绩效指标`, a block over every indicator row), level-1 labels
  // 50–100, names 100–200, weights 200–250. Page 2 goes on in the level-1 block of page 1's last
  // row, then opens a new one; the fax lost the hairline of the frame's left edge (x = 20), so its
  // part starts at x = 50, with a rule over it from x = 100 on and none over the block going on.
  const first = page(
    1,
    [run('绩效', 25, 60), run('产出', 55, 60), run('任务一', 105, 60), run('5', 205, 60), run('任务甲', 105, 110), run('5', 205, 110)],
    [seg(20, 50, 250, 50), ...[20, 50, 100, 200, 250].map((x) => seg(x, 50, x, 780)), seg(100, 100, 250, 100), seg(100, 780, 250, 780)],
  );
  const second = (overBlock: boolean) =>
    page(2, [run('任务二', 105, 60), run('5', 205, 60), run('效益', 55, 110), run('任务三', 105, 110), run('5', 205, 110)], [
      seg(overBlock ? 50 : 100, 50, 250, 50),
      seg(50, overBlock ? 50 : 100, 50, 150),
      ...[100, 200, 250].map((x) => seg(x, 50, x, 150)),
      seg(50, 100, 250, 100),
      seg(50, 150, 250, 150),
    ]);

  it('goes on under the part above, in its columns', () => {
    // Rows list their own cells: a block spanning down from above is left out of a row.
    expect(tableTexts([first, second(false)])).toEqual([
      [
        ['绩效', '产出', '任务一', '5'],
        ['任务甲', '5'],
        ['', '任务二', '5'],
        ['', '效益', '任务三', '5'],
      ],
    ]);
  });

  it('is a table of its own when its top rule runs over every cell of its first row', () => {
    expect(tableTexts([first, second(true)])).toHaveLength(2);
  });
});

describe("a browser's merged-block fragment that ends inside the page's last row", () => {
  // Chromium ends the level-1 block's fragment (50–100) at 700, inside the last row (680–720):
  // that row's cells span the sliver under the fragment's rule. The next page starts with the
  // total row, no rule over it: it is a row of its own, not the rest of the row above.
  const first = page(
    1,
    [run('产出', 55, 60), run('任务', 105, 60), run('5', 205, 60), run('满意度', 105, 690), run('10', 205, 690)],
    [
      seg(50, 50, 300, 50),
      seg(50, 700, 100, 700),
      ...[50, 100].map((x) => seg(x, 50, x, 700)),
      ...[100, 200, 250, 300].map((x) => seg(x, 50, x, 720)),
      seg(100, 680, 300, 680),
      seg(100, 720, 300, 720),
    ],
  );
  const second = page(2, [run('总分', 55, 60), run('90', 205, 60)], [...[50, 200, 250, 300].map((x) => seg(x, 50, x, 100)), seg(50, 100, 300, 100)]);

  it('keeps the total row apart from the last row above it', () => {
    const rows = tableTexts([first, second])[0]!;
    // The row's label column is covered by the block above it.
    expect(rows.filter((row) => row.includes('10'))).toEqual([['满意度', '10', '']]);
    expect(rows.filter((row) => row.includes('90'))).toHaveLength(1);
    expect(rows.flat().join('|')).not.toMatch(/10\s*90|1090/);
  });
});

describe("a browser's running foot read differently page by page (OCR of a scanned print)", () => {
  it('is dropped from every page, and the table it stood under goes on on the next page', () => {
    // The foot's address read `file:///…` under the first page and `file //…` under the second.
    const first = page(1, [run('名称', 55, 60), run('数值', 155, 60), run('第一项', 55, 700), run('3', 155, 700), run('file:///tmp/a.html 1/2', 20, 780)], frame(50, 720, [50, 690, 720]));
    const second = page(2, [run('第二项', 55, 55), run('5', 155, 55), run('file //tmp/a.html 2/2', 20, 780)], frame(50, 80, [50, 80]));
    const blocks = pagesToBlocks([first, second]).blocks;
    expect(blocks.filter((b) => b.kind === 'text')).toEqual([]);
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    expect(tables.map((t) => t.rows.map((row) => row.map((c) => c.text)))).toEqual([
      [
        ['名称', '数值'],
        ['第一项', '3'],
        ['第二项', '5'],
      ],
    ]);
  });

  it('keeps head lines that differ in their words, not only in their marks', () => {
    const first = page(1, [run('甲项目绩效自评表', 55, 20), run('名称', 55, 60), run('数值', 155, 60)], frame(50, 80, [50, 80]));
    const second = page(2, [run('乙项目绩效自评表', 55, 20), run('名称', 55, 60), run('数值', 155, 60)], frame(50, 80, [50, 80]));
    const texts = pagesToBlocks([first, second]).blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(texts).toEqual(['甲项目绩效自评表', '乙项目绩效自评表']);
  });
});

describe('a mark read in a scanned page’s side margin beside a table that goes on (a binding edge’s shadow read `[`)', () => {
  const first = (margin: TextRun[]) =>
    page(1, [run('名称', 55, 60), run('数值', 155, 60), run('第一项', 55, 700), run('3', 155, 700), ...margin], frame(50, 780, [50, 80, 780]));
  const second = page(2, [run('第二项', 55, 55), run('5', 155, 55)], frame(50, 80, [50, 80]));
  const tables = (margin: TextRun[], scanned: Set<number>) => pagesToBlocks([first(margin), second], scanned).blocks.filter((b) => b.kind === 'table');

  it('is no text between the table and its continuation on a scan', () => {
    const read = tables([run('[', 5, 720)], new Set([1, 2]));
    expect(read).toHaveLength(1);
  });

  it('keeps a line with letters or digits there, and a text layer’s marks', () => {
    expect(tables([run('附1', 5, 720)], new Set([1, 2]))).toHaveLength(2);
    expect(tables([run('[', 5, 720)], new Set())).toHaveLength(2);
  });
});
