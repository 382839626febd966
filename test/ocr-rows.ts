import { expect } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import type { Block, Cell } from '../schemas/document';
import type { DocumentResult, Indicator } from '../schemas/dataset';
import type { GoldenDocument, GoldenIndicator } from '../schemas/golden';

/** Whether an extracted row equals a golden row on every compared field (the harness's test). */
function sameRow(g: GoldenDocument, gRow: GoldenIndicator, result: DocumentResult, report: number, row: Indicator): boolean {
  const one = { ...g, reports: [{ ...g.reports[0]!, indicators: [gRow] }] };
  const mine = { ...result, reports: [{ ...result.reports[report]!, indicators: [row] }] };
  return compareDocument(one, mine).rowsExact === 1;
}

/** Extracted rows that match no golden row exactly, as `report:row`, and whether each has a finding. */
export function inexactRows(g: GoldenDocument, result: DocumentResult): Array<{ where: string; flagged: boolean }> {
  const goldenRows = g.reports.flatMap((r) => r.indicators);
  return result.reports.flatMap((r, ri) =>
    r.indicators
      .filter((row) => !goldenRows.some((gRow) => sameRow(g, gRow, result, ri, row)))
      .map((row) => ({ where: `${ri}:${row.row_index} ${row.level3}`, flagged: r.findings.some((f) => f.row_index === row.row_index) })),
  );
}

/** The first table of blocks read from a picture. */
export function firstTable(blocks: Block[]) {
  const t = blocks.find((b) => b.kind === 'table');
  if (t?.kind !== 'table') throw new Error('no table read from the picture');
  return t.table;
}
export const cellTexts = (row: Cell[]) => row.map((c) => c.text.replace(/\n/g, ''));

/** Seed 003's 过程管理 score table (corpus/image/images/jinfeng-table-2.png) as printed: header, merged level cells, numbers. */
export function expectProcessScoreTable(blocks: Block[]): void {
  const t = firstTable(blocks);
  expect(t.rows).toHaveLength(6);
  expect(cellTexts(t.rows[0]!)).toEqual(['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分', '扣分总计']);
  const [level1, weight1, level2] = t.rows[1]!;
  expect([level1!.text, level1!.rowSpan, weight1!.text, weight1!.rowSpan, level2!.text, level2!.rowSpan]).toEqual(['过程管理', 4, '20', 4, '资金管理', 2]);
  expect(cellTexts(t.rows[3]!).slice(-4)).toEqual(['管理制度健全有效性', '4', '3', '1']);
  expect(cellTexts(t.rows[5]!)).toEqual(['合计', '20', '', '20', '', '20', '19', '1']);
}
