import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edited, ROOT } from './helpers';

/**
 * One small form (test/fixtures/unplaced/exact.html: 序号 column, merged level labels, a wrapped
 * name, total, grade, a note and the sign-off inside the table) and copies of it read wrong in
 * known ways, each the edits that make it (test/fixtures/unflagged/README.md says what each tests).
 */
export const X01_EXACT = readFileSync(join(ROOT, 'test/fixtures/unplaced/exact.html'), 'utf8');

const ROW_3 = '<tr><td>3</td><td>质量指标</td><td>工程验收合格率</td><td>100%</td><td>100%</td><td>15</td><td>15</td></tr>';
const ROW_4 = '<tr><td>4</td><td>时效指标</td><td>完工及时率</td><td>≥95%</td><td>96%</td><td>10</td><td>10</td></tr>';

/** The table ended after row 3 and the rest printed as a second table (a page break, a lost header). */
const SPLIT_AFTER_ROW_3 = [`${ROW_3}\n`, `${ROW_3}\n</tbody>\n</table>\n<table border="1" cellspacing="0" cellpadding="4" width="100%">\n<tbody>\n`] as const;

export const X01_VARIANTS = {
  /** The table cut in two after row 3: the second piece has no header. */
  'split-piece.html': edited(X01_EXACT, [SPLIT_AFTER_ROW_3]),
  /**
   * As split-piece, and the piece lost its 序号 column (on a scan: the frame's outer line binarised
   * away), so it is one column narrower than the table above.
   */
  'narrow-piece.html': edited(X01_EXACT, [
    SPLIT_AFTER_ROW_3,
    ['<tr><td>4</td><td>时效指标</td>', '<tr><td></td><td>时效指标</td>'],
    ['<tr><td>5</td>', '<tr>'],
    ['<tr><td>6</td>', '<tr>'],
    ['<td colspan="6">合计</td>', '<td colspan="5">合计</td>'],
    ['<td colspan="6">优</td>', '<td colspan="5">优</td>'],
    ['<td colspan="8">注', '<td colspan="7">注'],
    ['<td colspan="4">联系电话', '<td colspan="3">联系电话'],
  ]),
  /** A ninth, empty column on every row; 受益人口's 得分 printed in it (14), its own cell empty. */
  'cell-outside-columns.html': edited(X01_EXACT, [
    [/<\/td><\/tr>/g, '</td><td></td></tr>'],
    ['<td>1.25万人</td><td>15</td><td>15</td><td></td></tr>', '<td>1.25万人</td><td>15</td><td></td><td>14</td></tr>'],
  ]),
  /** 维修养护工程处数 得分 20 → 18; 工程验收合格率 得分 15 → 优; the 完工及时率 row gone. */
  'x01-misread.html': edited(X01_EXACT, [
    ['<td rowspan="4">产出指标（60分）</td>', '<td rowspan="3">产出指标（60分）</td>'],
    ['<td>32处</td><td>20</td><td>20</td>', '<td>32处</td><td>20</td><td>18</td>'],
    [`${ROW_3}\n${ROW_4}\n`, `${ROW_3.replace('<td>15</td></tr>', '<td>优</td></tr>')}\n`],
  ]),
  /** 合计 得分 97 → 79. */
  'x01-total-misread.html': edited(X01_EXACT, [['<td>100</td><td>97</td>', '<td>100</td><td>79</td>']]),
  /** The title and a line of prose, no table. */
  'x01-no-table.html': edited(X01_EXACT, [[/<table[^]*<\/table>/g, '<p>本项目绩效自评表见附件（扫描件另行公开）。</p>']]),
} as const;
