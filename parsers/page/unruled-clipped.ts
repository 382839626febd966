import type { TextRun } from '../../schemas/page';
import type { RuledTable } from './ruled-tables';

/**
 * A doubt on the row of each cell whose text its clip cut. A spreadsheet keeps a row as tall as it
 * was saved while its cells' text grew (Calc's print of a sheet fitted to its page): a cell's
 * wrapped text runs past its row, up over the row above or the header, and the printer clips it
 * at the cell's edge, so those lines are drawn and not printed (`保障建国初` over a header's
 * `(A) (B) 分值`, its cell printing `期老干人员医疗待遇保障`). What the cell printed is read; that
 * it is cut is said on its row. The cut text belongs to the first row at or under it in its
 * column. Label columns are left out: Calc draws a merged label's text again on each page the
 * label spans, clipped where the page does not show it, and the label is read where it shows.
 * `first`: the table's first row of cells (1 under a header). The doubt goes on the row's own
 * cells, not on the label blocks it shares with the rows beside it.
 */
export function doubtClippedCells(table: RuledTable, clipped: readonly TextRun[], first: number, labelColumns: readonly number[]): void {
  const labels = new Set(labelColumns);
  const doubted = new Map<number, string[]>();
  for (const run of clipped) {
    const x = (run.x0 + run.x1) / 2;
    const y = (run.y0 + run.y1) / 2;
    if (y < table.y0 - run.size || y > table.y1) continue;
    const cell = table.cells
      .filter((c) => c.row >= first && !labels.has(c.col) && c.cell.prov.bbox !== undefined)
      .filter((c) => x >= c.cell.prov.bbox![0] && x < c.cell.prov.bbox![2] && c.cell.prov.bbox![3] >= y)
      .sort((a, b) => a.row - b.row)[0];
    if (cell) doubted.set(cell.row, [...(doubted.get(cell.row) ?? []), run.text]);
  }
  for (const [row, texts] of doubted) {
    const doubt = `text drawn past its cell and cut by the cell's clip (「${texts.join('')}」, not printed): the row's text as printed is read, and may be cut`;
    for (const c of table.cells) if (c.row === row && !labels.has(c.col)) c.cell.prov.unruled = [c.cell.prov.unruled, doubt].filter((d) => d).join('; ');
  }
}
