import { expect } from 'vitest';
import type { Block, Cell } from '../schemas/document';

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
